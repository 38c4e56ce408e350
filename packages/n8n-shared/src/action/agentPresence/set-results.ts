import { nameAgents, type AgentPresence, type PresenceClient, type SetManyResult } from '@agent-presence/presence-core';
import type { INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { agentsFor } from '../../agent-names';
import { errorItemJson, toNodeError } from '../../errors';
import { asJson } from '../common';
import type { ActionRun } from '../operation';

/* What Set and Set Many share: the Dry Run option, and one output item per agent set. */

export const dryRunOption: INodeProperties = {
  displayName: 'Dry Run',
  name: 'dryRun',
  type: 'boolean',
  default: false,
  description: 'Whether to only read the agents and say who would change (Changed), setting nothing',
};

/**
 * One item per result, paired with the input item it came from: the presence after the set (on
 * a dry run, as it is) with `previous`, `changed` and `dryRun`; or, for an agent the vendor
 * refused, an error item keeping the vendor's code and message. Without continue-on-fail the
 * first refusal fails the node instead, once every set has run.
 */
export async function setResultItems(run: ActionRun, client: PresenceClient, results: Array<{ result: SetManyResult; item: number }>): Promise<INodeExecutionData[]> {
  const { ctx, vendor } = run;
  const failed = results.find(({ result }) => !result.ok);
  if (failed && !failed.result.ok && !ctx.continueOnFail()) throw toNodeError(ctx.getNode(), failed.result.error, failed.item);
  const presences = results.flatMap(({ result }) => [result.previous, result.ok ? result.current : null]).filter((p): p is AgentPresence => p !== null);
  nameAgents(presences, await agentsFor(ctx, vendor, client, [...new Set(results.map(({ result }) => result.agentId))]));
  return results.map(({ result, item }): INodeExecutionData => {
    if (!result.ok) {
      const error = toNodeError(ctx.getNode(), result.error, item);
      return { json: { ...errorItemJson(error), agentId: result.agentId, previous: result.previous ? asJson(result.previous) : null }, pairedItem: { item } };
    }
    const presence = result.current ?? result.previous!;
    return { json: { ...asJson(presence), previous: result.previous ? asJson(result.previous) : null, changed: result.changed, dryRun: result.dryRun }, pairedItem: { item } };
  });
}
