import type { INodeProperties } from 'n8n-workflow';
import { agentChoiceProperties, concurrencyOption, includeRawOption, locatorProperty, stateMappingOption, stateOptions } from '../common-properties';
import type { VendorConfig } from '../vendor';

/** The action node's parameters: the same resources and operations for every vendor. */
export function actionProperties(vendor: VendorConfig): INodeProperties[] {
  const presenceOps = { show: { resource: ['agentPresence'] } };
  return [
    {
      displayName: 'Resource',
      name: 'resource',
      type: 'options',
      noDataExpression: true,
      options: [
        { name: 'Agent Presence', value: 'agentPresence' },
        { name: 'Status', value: 'status' },
      ],
      default: 'agentPresence',
    },
    {
      displayName: 'Operation',
      name: 'operation',
      type: 'options',
      noDataExpression: true,
      displayOptions: presenceOps,
      options: [
        // n8n names a node added from its panel after the action: the vendor keeps nodes apart on the canvas.
        { name: 'Get', value: 'get', action: `Get ${vendor.shortName} presence`, description: 'Get the presence of one agent' },
        { name: 'Get Many', value: 'getMany', action: `Get many ${vendor.shortName} presences`, description: 'Get the presence of given agents, or of all agents' },
        { name: 'Set', value: 'set', action: `Set ${vendor.shortName} presence`, description: 'Set the presence of one agent' },
        ...(vendor.operations ?? []).filter((o) => o.resource === 'agentPresence').map((o) => ({ name: o.name, value: o.value, action: o.action(vendor), description: o.description })),
      ],
      default: 'get',
    },
    {
      displayName: 'Operation',
      name: 'operation',
      type: 'options',
      noDataExpression: true,
      displayOptions: { show: { resource: ['status'] } },
      options: [
        { name: 'Get Many', value: 'getMany', action: `List ${vendor.shortName} statuses`, description: `List the ${vendor.displayName} statuses with their common state` },
      ],
      default: 'getMany',
    },
    locatorProperty('agent', 'Agent', 'searchAgents', vendor.agentId, {
      displayOptions: { show: { resource: ['agentPresence'], operation: ['get', 'set'] } },
    }),
    locatorProperty('status', 'Status', 'searchStatuses', vendor.statusId, {
      description: `The ${vendor.displayName} status to set`,
      displayOptions: { show: { resource: ['agentPresence'], operation: ['set'] } },
    }),
    ...agentChoiceProperties(
      vendor,
      { name: 'source', displayName: 'Agents', displayOptions: { show: { resource: ['agentPresence'], operation: ['getMany'] } } },
      'The agents to read',
    ),
    ...(vendor.operations ?? []).flatMap((o) => o.properties(vendor)),
    {
      displayName: 'Return All',
      name: 'returnAll',
      type: 'boolean',
      default: false,
      description: 'Whether to return all results or only up to a given limit',
      displayOptions: { show: { operation: ['getMany'] } },
    },
    {
      displayName: 'Limit',
      name: 'limit',
      type: 'number',
      default: 50,
      typeOptions: { minValue: 1 },
      description: 'Max number of results to return',
      displayOptions: { show: { operation: ['getMany'], returnAll: [false] } },
    },
    {
      displayName: 'Filters',
      name: 'filters',
      type: 'collection',
      placeholder: 'Add Filter',
      default: {},
      displayOptions: { show: { resource: ['agentPresence'], operation: ['getMany'] } },
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
    {
      displayName: 'Options',
      name: 'options',
      type: 'collection',
      placeholder: 'Add Option',
      default: {},
      options: [includeRawOption, stateMappingOption, concurrencyOption(vendor), ...(vendor.extraReadOptions ?? [])],
    },
  ];
}
