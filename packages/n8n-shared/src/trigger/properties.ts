import { sweepEvents, type SweepEvent } from '@agent-presence/presence-core/trigger';
import type { INodeProperties } from 'n8n-workflow';
import { agentChoiceProperties, concurrencyOption, includeRawOption, stateMappingOption, stateOptions } from '../common-properties';
import type { VendorConfig } from '../vendor';
import { tooLongProperties } from './too-long';

/** The change events, and "in a state too long", which is no change (see too-long.ts). */
export const triggerEvents = [...sweepEvents, 'tooLong'] as const;
export type TriggerEvent = SweepEvent | 'tooLong';

/** The polling trigger's parameters (n8n adds "Poll Times" itself). */
export function triggerProperties(vendor: VendorConfig): INodeProperties[] {
  return [
    ...agentChoiceProperties(vendor, { name: 'watch', displayName: 'Watch' }, 'The agents to watch'),
    {
      displayName: 'Events',
      name: 'events',
      type: 'multiOptions',
      options: [
        // `action` is the event's name in n8n's node panel ("On …").
        // Alphabetical, as n8n's node lint wants options.
        { name: 'Agent Appeared', value: 'appeared', action: 'On agent appearing', description: 'An agent was seen for the first time' },
        { name: 'Agent Disappeared', value: 'disappeared', action: 'On agent disappearing', description: 'An agent is no longer listed by the vendor' },
        {
          name: 'In a State Too Long',
          value: 'tooLong',
          action: 'On agent in a state too long',
          description: 'An agent has been in a watched state or status longer than its threshold: once per stint, and again at each repeat',
        },
        { name: 'State Changed', value: 'stateChanged', action: 'On state change', description: 'The common state changed, e.g. available to away' },
        { name: 'Status Changed (Same State)', value: 'statusChanged', action: 'On status change within a state', description: 'The status changed within the same common state, e.g. Break to Lunch, both away' },
      ],
      default: ['stateChanged', 'statusChanged'],
      required: true,
    },
    {
      displayName: 'Only When New State Is',
      name: 'onlyStates',
      type: 'multiOptions',
      options: stateOptions,
      default: [],
      description: 'Emit only changes into one of these common states. Empty: any state. Does not apply to disappearances, nor to In a State Too Long.',
    },
    ...tooLongProperties,
    {
      displayName: 'Options',
      name: 'options',
      type: 'collection',
      placeholder: 'Add Option',
      default: {},
      options: [
        {
          displayName: 'Emit All on First Poll',
          name: 'emitOnStart',
          type: 'boolean',
          default: false,
          description: 'Whether the first poll after publishing emits every agent\'s current presence as "appeared", instead of only remembering it to compare with later polls',
        },
        includeRawOption,
        stateMappingOption,
        concurrencyOption(vendor),
        ...(vendor.extraReadOptions ?? []),
      ],
    },
  ];
}
