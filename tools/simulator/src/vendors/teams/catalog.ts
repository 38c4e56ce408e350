/**
 * Microsoft Teams presence (Graph `presence`): the availability/activity pairs the simulator
 * can show, which of them each call accepts, and how sessions aggregate.
 */
import type { Phase } from '../../types';
import type { StatusBase } from '../../vendor';

export type Availability = 'Available' | 'AvailableIdle' | 'Away' | 'BeRightBack' | 'Busy' | 'BusyIdle' | 'DoNotDisturb' | 'Offline' | 'PresenceUnknown';

export interface TeamsStatus extends StatusBase {
  availability: Availability;
  activity: string;
}

export interface Pair {
  availability: string;
  activity: string;
}

function teams(availability: Availability, activity: string, phase: Phase): Omit<TeamsStatus, 'idx'> {
  return { id: `${availability}/${activity}`, name: activity, category: availability, phase, availability, activity };
}

/** Every pair a Teams user can show here; a status id is `Availability/Activity`. */
export const TEAMS_STATUSES: TeamsStatus[] = [
  teams('Available', 'Available', 'ready'),
  // the first time-out of an Available application session (setPresence reference, "Timeout, expiration, and keep alive")
  teams('Available', 'AvailableInactive', 'ready'),
  teams('Busy', 'InACall', 'call'),
  teams('Busy', 'InAConferenceCall', 'call'),
  teams('Busy', 'InAMeeting', 'busy'),
  teams('Busy', 'Busy', 'busy'),
  teams('DoNotDisturb', 'Presenting', 'training'),
  teams('DoNotDisturb', 'DoNotDisturb', 'busy'),
  teams('BeRightBack', 'BeRightBack', 'break'),
  teams('Away', 'Away', 'break'),
  teams('Offline', 'OffWork', 'offline'),
  teams('Offline', 'Offline', 'offline'),
].map((s, idx) => ({ ...s, idx }));

export function teamsStatusIdx(availability: string, activity: string): number {
  const found = TEAMS_STATUSES.find((s) => s.availability === availability && s.activity === activity);
  if (!found) throw new Error(`catalog: no Teams status ${availability}/${activity}`);
  return found.idx;
}

/** Which pair the user's own Teams client shows in each phase of the scenario. */
export const TEAMS_PHASE_STATUS: Record<Phase, number> = {
  offline: teamsStatusIdx('Offline', 'Offline'),
  ready: teamsStatusIdx('Available', 'Available'),
  call: teamsStatusIdx('Busy', 'InACall'),
  break: teamsStatusIdx('BeRightBack', 'BeRightBack'),
  lunch: teamsStatusIdx('Away', 'Away'),
  training: teamsStatusIdx('DoNotDisturb', 'Presenting'),
  busy: teamsStatusIdx('Busy', 'InAMeeting'),
  missed: teamsStatusIdx('Away', 'Away'),
  hidden: teamsStatusIdx('Offline', 'Offline'),
};

/** setPresence: the supported combinations of availability and activity (its reference's table). */
export const SET_PRESENCE_PAIRS: readonly Pair[] = [
  { availability: 'Available', activity: 'Available' },
  { availability: 'Busy', activity: 'InACall' },
  { availability: 'Busy', activity: 'InAConferenceCall' },
  { availability: 'Away', activity: 'Away' },
  { availability: 'DoNotDisturb', activity: 'Presenting' },
];

/** setUserPreferredPresence: the supported combinations (its reference's table). */
export const PREFERRED_PRESENCE_PAIRS: readonly Pair[] = [
  { availability: 'Available', activity: 'Available' },
  { availability: 'Busy', activity: 'Busy' },
  { availability: 'DoNotDisturb', activity: 'DoNotDisturb' },
  { availability: 'BeRightBack', activity: 'BeRightBack' },
  { availability: 'Away', activity: 'Away' },
  { availability: 'Offline', activity: 'OffWork' },
];

export const isPair = (list: readonly Pair[], availability: unknown, activity: unknown): boolean =>
  list.some((p) => p.availability === availability && p.activity === activity);

export const listPairs = (list: readonly Pair[]): string => list.map((p) => `${p.availability}/${p.activity}`).join(', ');

/**
 * How sessions aggregate: the reference ranks application sessions DoNotDisturb > Busy >
 * Available > Away; BeRightBack (between Available and Away) and Offline (last) are ours.
 */
export const AVAILABILITY_RANK: Record<string, number> = {
  DoNotDisturb: 5,
  Busy: 4,
  Available: 3,
  BeRightBack: 2,
  Away: 1,
  Offline: 0,
};
