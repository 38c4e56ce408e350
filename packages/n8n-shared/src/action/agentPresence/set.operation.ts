import { nameAgents } from '@agent-presence/presence-core';
import type { INodeProperties } from 'n8n-workflow';
import { agentsFor } from '../../agent-names';
import { locatorProperty } from '../../common-properties';
import { locatorValue } from '../../params';
import type { VendorConfig } from '../../vendor';
import { asJson, forEachItem, optionsProperty, readOptionsOf, showOnly } from '../common';
import type { ActionRun } from '../operation';

/** Agent Presence > Set: one agent's status per item. */
export function description(vendor: VendorConfig): INodeProperties[] {
  return showOnly({ resource: ['agentPresence'], operation: ['set'] }, [
    locatorProperty('agent', 'Agent', 'searchAgents', vendor.agentId, {}),
    locatorProperty('status', 'Status', 'searchStatuses', vendor.statusId, { description: `The ${vendor.displayName} status to set` }),
    optionsProperty(vendor),
  ]);
}

export async function execute(run: ActionRun) {
  const { ctx, vendor } = run;
  return forEachItem(run, async (i) => {
    const read = readOptionsOf(ctx, vendor, i);
    const client = await run.client();
    const agentId = locatorValue(ctx, 'agent', i, vendor, 'Agent');
    const statusId = locatorValue(ctx, 'status', i, vendor, 'Status');
    const presence = await client.setPresence(agentId, statusId, read);
    nameAgents([presence], await agentsFor(ctx, vendor, client, [presence.agentId]));
    return [{ json: asJson(presence), pairedItem: { item: i } }];
  });
}
