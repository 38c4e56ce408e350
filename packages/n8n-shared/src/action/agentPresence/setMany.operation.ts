import { setPresenceMany, validateAgentId, type SetManyResult } from '@agent-presence/presence-core';
import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { agentsFor, directoryFor } from '../../agent-names';
import { agentChoiceProperties, locatorProperty, stateOptions } from '../../common-properties';
import { agentIdsLabel, inTeams, locatorValue, parseIdList, statesFrom, teamsFrom } from '../../params';
import type { VendorConfig } from '../../vendor';
import { forEachItem, optionsOf, optionsProperty, readOptionsOf, showOnly } from '../common';
import type { ActionRun } from '../operation';
import { dryRunOption, setResultItems } from './set-results';

/**
 * Agent Presence > Set Many: one status for all agents (or a team's), for given ids, or for those
 * now in given states ("log everyone out at 18:00"), with no Get Many before it. The agents are read
 * once (Vonage: 50 a request), then set up to Max Concurrent Requests at once.
 */
export function description(vendor: VendorConfig): INodeProperties[] {
  return showOnly({ resource: ['agentPresence'], operation: ['setMany'] }, [
    ...agentChoiceProperties(vendor, { name: 'source', displayName: 'Agents' }, 'The agents to set'),
    locatorProperty('status', 'Status', 'searchStatuses', vendor.statusId, { description: `The ${vendor.displayName} status to set for every agent` }),
    {
      displayName: 'Filters',
      name: 'filters',
      type: 'collection',
      placeholder: 'Add Filter',
      default: {},
      options: [
        {
          displayName: 'State',
          name: 'states',
          type: 'multiOptions',
          options: stateOptions,
          default: [],
          description: 'Set only agents now in one of these common states (e.g. everyone not Offline)',
        },
      ],
    },
    optionsProperty(vendor, [dryRunOption]),
  ]);
}

export async function execute(run: ActionRun): Promise<INodeExecutionData[]> {
  const { ctx, vendor } = run;
  return forEachItem(run, async (i) => {
    const read = readOptionsOf(ctx, vendor, i);
    const client = await run.client();
    const source = ctx.getNodeParameter('source', i, 'all') as string;
    const statusId = locatorValue(ctx, 'status', i, vendor, 'Status');
    const states = statesFrom((ctx.getNodeParameter('filters', i, {}) as IDataObject).states);
    const teams = vendor.teams && source === 'all' ? teamsFrom(ctx.getNodeParameter('teams', i, [])) : [];
    let ids: string[];
    if (source === 'ids') {
      ids = parseIdList(ctx.getNodeParameter('agentIds', i), agentIdsLabel).map((id, n) => validateAgentId(vendor.id, id, `${agentIdsLabel}, item ${n + 1}`));
    } else {
      const agents = await client.listAgents();
      directoryFor(ctx, vendor, client).learn(agents);
      ids = agents.map((a) => a.agentId);
      if (teams.length > 0) {
        const agentOf = await agentsFor(ctx, vendor, client, ids);
        ids = ids.filter((id) => inTeams(agentOf(id), teams));
      }
    }
    const results: SetManyResult[] = await setPresenceMany(client, ids, statusId, { ...read, states, dryRun: optionsOf(ctx, i).dryRun === true });
    return setResultItems(run, client, results.map((result) => ({ result, item: i })));
  });
}
