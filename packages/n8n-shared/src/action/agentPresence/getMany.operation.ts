import { InputError, nameAgents, validateAgentId, type PresenceState } from '@agent-presence/presence-core';
import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { agentsFor, directoryFor } from '../../agent-names';
import { agentChoiceProperties, stateOptions } from '../../common-properties';
import { errorItemJson, toNodeError } from '../../errors';
import { agentIdsLabel, inTeams, parseIdList, statesFrom, teamsFrom } from '../../params';
import type { VendorConfig } from '../../vendor';
import { asJson, forEachItem, limitOf, optionsProperty, readOptionsOf, returnAllProperties, showOnly } from '../common';
import type { ActionRun } from '../operation';

/** Agent Presence > Get Many: the presences of all agents (or a team's), or of given ids. */
export function description(vendor: VendorConfig): INodeProperties[] {
  return showOnly({ resource: ['agentPresence'], operation: ['getMany'] }, [
    ...agentChoiceProperties(vendor, { name: 'source', displayName: 'Agents' }, 'The agents to read'),
    ...returnAllProperties,
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
          description: 'Return only agents in one of these common states',
        },
      ],
    },
    optionsProperty(vendor),
  ]);
}

export async function execute(run: ActionRun) {
  const { ctx, vendor } = run;
  return forEachItem(run, async (i) => {
    const read = readOptionsOf(ctx, vendor, i);
    const client = await run.client();
    const source = ctx.getNodeParameter('source', i, 'all') as string;
    const filters = ctx.getNodeParameter('filters', i, {}) as IDataObject;
    const states = statesFrom(filters.states);
    const teams = vendor.teams && source === 'all' ? teamsFrom(ctx.getNodeParameter('teams', i, [])) : [];
    const limit = limitOf(ctx, i);
    const directory = directoryFor(ctx, vendor, client);
    let ids: string[];
    if (source === 'ids') {
      // Checked here, so that a bad id is named by the parameter's label and its place in the list.
      ids = parseIdList(ctx.getNodeParameter('agentIds', i), agentIdsLabel).map((id, n) => validateAgentId(vendor.id, id, `${agentIdsLabel}, item ${n + 1}`));
    } else {
      // The list read here names the agents too.
      const agents = await client.listAgents();
      directory.learn(agents);
      ids = agents.map((a) => a.agentId);
    }
    const agentOf = await agentsFor(ctx, vendor, client, ids);
    if (teams.length > 0) ids = ids.filter((id) => inTeams(agentOf(id), teams));
    const batch = await client.getPresences(ids, read);
    nameAgents(batch.presences, agentOf);
    const failed: INodeExecutionData[] = [];
    const problems = [
      ...batch.failures.map((f) => ({ agentIds: f.agentIds, error: toNodeError(ctx.getNode(), f.error, i) })),
      ...(batch.missing.length > 0
        ? [{ agentIds: batch.missing, error: toNodeError(ctx.getNode(), new InputError(agentIdsLabel, `${batch.missing.length} agent(s) unknown to ${vendor.displayName}: ${batch.missing.slice(0, 10).join(', ')}`, 'Check the ids: pick the agents from the list, or run Get Many on all agents to see them.'), i) }]
        : []),
    ];
    if (problems.length > 0) {
      // Partial output would look complete, so it is an error unless the user asked to continue.
      if (!ctx.continueOnFail()) throw problems[0]!.error;
      for (const p of problems) failed.push({ json: { ...errorItemJson(p.error), agentIds: p.agentIds }, pairedItem: { item: i } });
    }
    let presences = batch.presences;
    if (states.length > 0) presences = presences.filter((p) => states.includes(p.state as PresenceState));
    if (limit !== undefined) presences = presences.slice(0, limit);
    return [...presences.map((p) => ({ json: asJson(p), pairedItem: { item: i } })), ...failed];
  });
}
