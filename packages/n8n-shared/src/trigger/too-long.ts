import { InputError, type AgentSummary, type PresenceState, type VendorId } from '@agent-presence/presence-core';
import type { TooLongEvent, TooLongOptions, TooLongRule } from '@agent-presence/presence-core/trigger';
import type { IDataObject, INodeProperties, IPollFunctions } from 'n8n-workflow';
import { stateOptions } from '../common-properties';
import { statesFrom } from '../params';

/*
 * The "In a State Too Long" event of the polling triggers: its parameters, read into core's
 * detectTooLong rules, and its items. Core decides what fires; this is the n8n side.
 */

const shown = { show: { events: ['tooLong'] } };
const minute = 60_000;

/** The parameters, shown when the event is picked. */
export const tooLongProperties: INodeProperties[] = [
  {
    displayName: 'Too Long In',
    name: 'tooLongStates',
    type: 'multiOptions',
    options: stateOptions,
    default: ['away'],
    displayOptions: shown,
    description: 'The common states an agent may stay in only so long. Empty: only the statuses of Status Thresholds.',
  },
  {
    displayName: 'Threshold (Minutes)',
    name: 'tooLongMinutes',
    type: 'number',
    typeOptions: { minValue: 0, numberPrecision: 2 },
    default: 15,
    displayOptions: shown,
    description: 'How long an agent may stay in one of those states before the trigger fires, once per stint',
  },
  {
    displayName: 'Status Thresholds',
    name: 'tooLongStatuses',
    type: 'fixedCollection',
    typeOptions: { multipleValues: true },
    placeholder: 'Add Status Threshold',
    default: {},
    displayOptions: shown,
    description: 'A threshold of its own for given statuses, e.g. Lunch 60 and Break 15. It beats the state\'s, and watches the status whatever its state.',
    options: [
      {
        name: 'thresholds',
        displayName: 'Status Threshold',
        values: [
          {
            displayName: 'Status',
            name: 'status',
            type: 'string',
            default: '',
            placeholder: 'Lunch',
            description: 'The vendor\'s status ID or name (a name matches ignoring case)',
          },
          {
            displayName: 'Minutes',
            name: 'minutes',
            type: 'number',
            typeOptions: { minValue: 0, numberPrecision: 2 },
            default: 15,
          },
        ],
      },
    ],
  },
  {
    displayName: 'Repeat Every (Minutes)',
    name: 'tooLongRepeatMinutes',
    type: 'number',
    typeOptions: { minValue: 0, numberPrecision: 2 },
    default: 0,
    displayOptions: shown,
    description: 'Fire again this often while the agent stays in the state. 0: once per stint.',
  },
];

function minutesFrom(value: unknown, field: string, hint: string): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0) throw new InputError(field, `${JSON.stringify(value)} is not a number of minutes above 0`, hint);
  return n;
}

/** What is watched: the rules and the repeat interval. */
export type TooLongWatch = Pick<TooLongOptions, 'rules' | 'repeatMs'>;

/** The event's parameters as detectTooLong options; an InputError names the field by its label. */
export function tooLongOptionsFrom(ctx: IPollFunctions, vendor: VendorId): TooLongWatch {
  const states = statesFrom(ctx.getNodeParameter('tooLongStates', [])) as PresenceState[];
  const rules: TooLongRule[] = [];
  const rows = ((ctx.getNodeParameter('tooLongStatuses', {}) as IDataObject).thresholds ?? []) as IDataObject[];
  rows.forEach((row, i) => {
    const status = typeof row.status === 'string' || typeof row.status === 'number' ? String(row.status).trim() : '';
    // A row added and left empty is no rule, as in State Mapping.
    if (status === '') return;
    const minutes = minutesFrom(row.minutes, `Status Thresholds, row ${i + 1} (${status}) > Minutes`, 'Give the minutes above 0, e.g. 60 for Lunch.');
    rules.push({ statuses: [status], thresholdMs: minutes * minute });
  });
  if (states.length > 0) {
    const minutes = minutesFrom(ctx.getNodeParameter('tooLongMinutes', 15), 'Threshold (Minutes)', 'Give the minutes above 0, e.g. 15.');
    rules.push({ states, thresholdMs: minutes * minute });
  }
  if (rules.length === 0) {
    throw new InputError('Too Long In', 'watches nothing', 'Pick the states (e.g. Away) to watch, or add a Status Threshold (e.g. Lunch, 60 minutes).', vendor);
  }
  const repeat = ctx.getNodeParameter('tooLongRepeatMinutes', 0) as unknown;
  if (repeat === 0 || repeat === '' || repeat === null || repeat === undefined) return { rules };
  return { rules, repeatMs: minutesFrom(repeat, 'Repeat Every (Minutes)', 'Give the minutes above 0, or 0 to fire once per stint.') * minute };
}

/**
 * One item per report: the agent, its presence now (`current`), since when and how long it has
 * been in the status, the threshold passed and which report of the stint this is.
 */
export function tooLongItem(event: TooLongEvent, agentOf: (agentId: string) => AgentSummary | undefined): IDataObject {
  const agent = agentOf(event.agentId);
  const name = event.presence.name ?? agent?.name ?? null;
  const email = event.presence.email ?? agent?.email ?? null;
  return {
    eventId: event.eventId,
    event: 'tooLong',
    agentId: event.agentId,
    name,
    email,
    vendor: event.vendor,
    current: { ...event.presence, name, email, since: event.since, sinceSource: event.sinceSource },
    since: event.since,
    sinceSource: event.sinceSource,
    durationMs: event.durationMs,
    durationMinutes: Math.floor(event.durationMs / minute),
    thresholdMs: event.thresholdMs,
    repeat: event.repeat,
    observedAt: event.observedAt,
  } as unknown as IDataObject;
}
