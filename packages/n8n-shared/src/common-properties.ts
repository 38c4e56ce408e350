import { maxConcurrency, presenceStates, vendorRegistry } from '@agent-presence/presence-core';
import type { IDisplayOptions, INodePropertyOptions, INodeProperties } from 'n8n-workflow';
import { agentIdsLabel } from './params';
import type { VendorConfig } from './vendor';

const stateNames: Record<(typeof presenceStates)[number], string> = {
  available: 'Available',
  busy: 'Busy',
  away: 'Away',
  offline: 'Offline',
  unknown: 'Unknown',
};

export const stateOptions: INodePropertyOptions[] = presenceStates.map((value) => ({ name: stateNames[value], value }));

export const includeRawOption: INodeProperties = {
  displayName: 'Include Raw Record',
  name: 'includeRaw',
  type: 'boolean',
  default: false,
  description: 'Whether to add the vendor\'s own record, untouched, as "raw"',
};

/** How many presence reads go out at once: the vendor's default, halving by itself on 429. */
export function concurrencyOption(vendor: VendorConfig): INodeProperties {
  const vendorDefault = vendorRegistry[vendor.id].defaultConcurrency;
  return {
    displayName: 'Max Concurrent Requests',
    name: 'concurrency',
    type: 'number',
    typeOptions: { minValue: 1, maxValue: maxConcurrency, numberPrecision: 0 },
    default: vendorDefault,
    description: `Most requests sent to ${vendor.displayName} at once when reading or setting many agents. It halves by itself while ${vendor.displayName} answers 429 (rate limited); set it lower to stay further below the limit.`,
  };
}

export const stateMappingOption: INodeProperties = {
  displayName: 'State Mapping',
  name: 'stateMapping',
  type: 'fixedCollection',
  placeholder: 'Add Mapping',
  default: {},
  typeOptions: { multipleValues: true },
  description: 'Override the common state of vendor statuses. A row matches a status ID first, then its name (ignoring case). A row left empty is ignored.',
  options: [
    {
      displayName: 'Mappings',
      name: 'mappings',
      values: [
        {
          displayName: 'Vendor Status',
          name: 'match',
          type: 'string',
          default: '',
          placeholder: 'e.g. Lunch',
          description: 'The vendor status ID, or its name (ignoring case)',
        },
        {
          displayName: 'State',
          name: 'state',
          type: 'options',
          options: stateOptions,
          default: 'away',
        },
      ],
    },
  ],
};

/** "All Agents" or "Given IDs", and the ids: the same choice in the action node and the trigger. */
export function agentChoiceProperties(
  vendor: VendorConfig,
  choice: { name: string; displayName: string; displayOptions?: IDisplayOptions },
  idsDescription: string,
): INodeProperties[] {
  const shown = choice.displayOptions?.show ?? {};
  return [
    {
      displayName: choice.displayName,
      name: choice.name,
      type: 'options',
      noDataExpression: true,
      ...(choice.displayOptions ? { displayOptions: choice.displayOptions } : {}),
      options: [
        { name: 'All Agents', value: 'all', description: `Every agent ${vendor.displayName} lists` },
        { name: 'Given IDs', value: 'ids', description: 'Only the agents whose IDs you give' },
      ],
      default: 'all',
    },
    {
      // The agent picker. Workflows from before it hold a string of ids here, which still works.
      displayName: agentIdsLabel,
      name: 'agentIds',
      type: 'multiOptions',
      typeOptions: { loadOptionsMethod: 'listAgents' },
      default: [],
      required: true,
      description: `${idsDescription}. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
      displayOptions: { show: { ...shown, [choice.name]: ['ids'] } },
    },
    ...(vendor.teams ? [teamsProperty({ show: { ...shown, [choice.name]: ['all'] } })] : []),
  ];
}

/** Only agents of the picked teams (vendors whose user list names teams). */
export function teamsProperty(displayOptions?: IDisplayOptions): INodeProperties {
  return {
    displayName: 'Team Names or IDs',
    name: 'teams',
    type: 'multiOptions',
    typeOptions: { loadOptionsMethod: 'listTeams' },
    default: [],
    description:
      'Only agents of these teams. Empty: every team. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
    ...(displayOptions ? { displayOptions } : {}),
  };
}

/** A resource locator: pick from a searchable list, or give the id. */
export function locatorProperty(
  name: string,
  displayName: string,
  searchListMethod: string,
  hint: VendorConfig['agentId'],
  rest: Pick<INodeProperties, 'description' | 'displayOptions'>,
): INodeProperties {
  return {
    displayName,
    name,
    type: 'resourceLocator',
    default: { mode: 'list', value: '' },
    required: true,
    ...rest,
    modes: [
      { displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod, searchable: true } },
      {
        displayName: 'By ID',
        name: 'id',
        type: 'string',
        placeholder: hint.placeholder,
        validation: [{ type: 'regex', properties: { regex: hint.regex, errorMessage: hint.hint } }],
      },
    ],
  };
}
