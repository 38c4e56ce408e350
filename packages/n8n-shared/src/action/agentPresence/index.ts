import type { INodeProperties } from 'n8n-workflow';
import type { VendorConfig } from '../../vendor';
import type { ActionOperation } from '../operation';
import { operationOptions, vendorDescriptions } from '../vendor-operations';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as set from './set.operation';
import * as setMany from './setMany.operation';

/** The Agent Presence operations, by the key the router dispatches on. */
export const operations = { get, getMany, set, setMany } satisfies Record<string, ActionOperation>;

export function description(vendor: VendorConfig): INodeProperties[] {
  return [
    {
      displayName: 'Operation',
      name: 'operation',
      type: 'options',
      noDataExpression: true,
      displayOptions: { show: { resource: ['agentPresence'] } },
      // The vendor's own operations (e.g. Vonage's Get Presence History) join the list on its node only.
      options: operationOptions(vendor, 'agentPresence', [
        // n8n names a node added from its panel after the action: the vendor keeps nodes apart on the canvas.
        { name: 'Get', value: 'get', action: `Get ${vendor.shortName} presence`, description: 'Get the presence of one agent' },
        { name: 'Get Many', value: 'getMany', action: `Get many ${vendor.shortName} presences`, description: 'Get the presence of given agents, or of all agents' },
        { name: 'Set', value: 'set', action: `Set ${vendor.shortName} presence`, description: 'Set the presence of one agent per item' },
        { name: 'Set Many', value: 'setMany', action: `Set many ${vendor.shortName} presences`, description: 'Set one status for all agents, given agents, or agents in given states' },
      ]),
      default: 'get',
    },
    ...get.description(vendor),
    ...getMany.description(vendor),
    ...set.description(vendor),
    ...setMany.description(vendor),
    ...vendorDescriptions(vendor, 'agentPresence'),
  ];
}
