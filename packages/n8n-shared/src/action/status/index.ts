import type { INodeProperties } from 'n8n-workflow';
import type { VendorConfig } from '../../vendor';
import type { ActionOperation } from '../operation';
import { operationOptions, vendorDescriptions } from '../vendor-operations';
import * as getMany from './getMany.operation';

/** The Status operations, by the key the router dispatches on. */
export const operations = { getMany } satisfies Record<string, ActionOperation>;

export function description(vendor: VendorConfig): INodeProperties[] {
  return [
    {
      displayName: 'Operation',
      name: 'operation',
      type: 'options',
      noDataExpression: true,
      displayOptions: { show: { resource: ['status'] } },
      options: operationOptions(vendor, 'status', [
        { name: 'Get Many', value: 'getMany', action: `List ${vendor.shortName} statuses`, description: `List the ${vendor.displayName} statuses with their common state` },
      ]),
      default: 'getMany',
    },
    ...getMany.description(vendor),
    ...vendorDescriptions(vendor, 'status'),
  ];
}
