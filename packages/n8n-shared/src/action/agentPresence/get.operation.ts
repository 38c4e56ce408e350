import { nameAgents } from '@agent-presence/presence-core';
import type { INodeProperties } from 'n8n-workflow';
import { agentsFor } from '../../agent-names';
import { locatorProperty } from '../../common-properties';
import { locatorValue } from '../../params';
import type { VendorConfig } from '../../vendor';
import { asJson, forEachItem, optionsProperty, readOptionsOf, showOnly } from '../common';
import type { ActionRun } from '../operation';

/** Agent Presence > Get: the presence of one agent per item. */
export function description(vendor: VendorConfig): INodeProperties[] {
  return showOnly({ resource: ['agentPresence'], operation: ['get'] }, [
    locatorProperty('agent', 'Agent', 'searchAgents', vendor.agentId, {}),
    optionsProperty(vendor),
  ]);
}

export async function execute(run: ActionRun) {
  const { ctx, vendor } = run;
  return forEachItem(run, async (i) => {
    const read = readOptionsOf(ctx, vendor, i);
    const client = await run.client();
    const agentId = locatorValue(ctx, 'agent', i, vendor, 'Agent');
    const presence = await client.getPresence(agentId, read);
    nameAgents([presence], await agentsFor(ctx, vendor, client, [presence.agentId]));
    return [{ json: asJson(presence), pairedItem: { item: i } }];
  });
}
