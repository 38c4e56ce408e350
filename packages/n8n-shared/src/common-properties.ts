import { presenceStates } from '@agent-presence/presence-core';
import type { INodePropertyOptions, INodeProperties } from 'n8n-workflow';

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

export const stateMappingOption: INodeProperties = {
  displayName: 'State Mapping',
  name: 'stateMapping',
  type: 'fixedCollection',
  placeholder: 'Add Mapping',
  default: {},
  typeOptions: { multipleValues: true },
  description: 'Override the common state of vendor statuses. A row matches a status id first, then its name (ignoring case).',
  options: [
    {
      displayName: 'Mappings',
      name: 'mappings',
      values: [
        {
          displayName: 'Vendor Status ID or Name',
          name: 'match',
          type: 'string',
          default: '',
          placeholder: 'e.g. Lunch',
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
