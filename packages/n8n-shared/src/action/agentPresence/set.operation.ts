import { setPresences, type PresenceClient, type SetManyOptions, type SetManyResult, type SetTarget } from '@agent-presence/presence-core';
import type { INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { locatorProperty } from '../../common-properties';
import { errorItemJson, toNodeError } from '../../errors';
import { locatorValue } from '../../params';
import type { VendorConfig } from '../../vendor';
import { optionsOf, optionsProperty, readOptionsOf, showOnly } from '../common';
import type { ActionRun } from '../operation';
import { dryRunOption, setResultItems } from './set-results';

/** Agent Presence > Set: one agent's status per item, the items set at once (up to Max Concurrent Requests). */
export function description(vendor: VendorConfig): INodeProperties[] {
  return showOnly({ resource: ['agentPresence'], operation: ['set'] }, [
    locatorProperty('agent', 'Agent', 'searchAgents', vendor.agentId, {}),
    locatorProperty('status', 'Status', 'searchStatuses', vendor.statusId, { description: `The ${vendor.displayName} status to set` }),
    optionsProperty(vendor, [dryRunOption]),
  ]);
}

export async function execute(run: ActionRun): Promise<INodeExecutionData[]> {
  const { ctx, vendor, items } = run;
  const out: INodeExecutionData[][] = items.map(() => []);
  const fail = (i: number, error: unknown) => {
    const nodeError = toNodeError(ctx.getNode(), error, i);
    if (!ctx.continueOnFail()) throw nodeError;
    out[i] = [{ json: errorItemJson(nodeError), pairedItem: { item: i } }];
  };
  // Items whose options are alike are set together; options differ only through expressions.
  const groups = new Map<string, { options: SetManyOptions; targets: Array<SetTarget & { item: number }> }>();
  for (let i = 0; i < items.length; i++) {
    try {
      const options: SetManyOptions = { ...readOptionsOf(ctx, vendor, i), dryRun: optionsOf(ctx, i).dryRun === true };
      const target = { agentId: locatorValue(ctx, 'agent', i, vendor, 'Agent'), statusId: locatorValue(ctx, 'status', i, vendor, 'Status'), item: i };
      const key = JSON.stringify(options);
      const group = groups.get(key) ?? { options, targets: [] };
      group.targets.push(target);
      groups.set(key, group);
    } catch (error) {
      fail(i, error);
    }
  }
  if (groups.size === 0) return out.flat();
  let client: PresenceClient;
  try {
    client = await run.client();
  } catch (error) {
    // No item can be set without the credential.
    for (const g of groups.values()) for (const t of g.targets) fail(t.item, error);
    return out.flat();
  }
  const results: Array<{ result: SetManyResult; item: number }> = [];
  for (const { options, targets } of groups.values()) {
    const set = await setPresences(client, targets, options);
    set.forEach((result, k) => results.push({ result, item: targets[k]!.item }));
  }
  results.sort((a, b) => a.item - b.item);
  for (const item of await setResultItems(run, client, results)) out[(item.pairedItem as { item: number }).item]!.push(item);
  return out.flat();
}
