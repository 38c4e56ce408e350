import type { INodeProperties } from 'n8n-workflow';
import type { VendorConfig } from '../../vendor';
import { asJson, forEachItem, limitOf, optionsProperty, readOptionsOf, returnAllProperties, showOnly } from '../common';
import type { ActionRun } from '../operation';

/** Status > Get Many: the vendor's statuses, each with its common state. */
export function description(vendor: VendorConfig): INodeProperties[] {
  return showOnly({ resource: ['status'], operation: ['getMany'] }, [...returnAllProperties, optionsProperty(vendor)]);
}

export async function execute(run: ActionRun) {
  return forEachItem(run, async (i) => {
    const read = readOptionsOf(run.ctx, run.vendor, i);
    const statuses = await (await run.client()).listStatuses(read);
    const limit = limitOf(run.ctx, i);
    return (limit === undefined ? statuses : statuses.slice(0, limit)).map((s) => ({ json: asJson(s), pairedItem: { item: i } }));
  });
}
