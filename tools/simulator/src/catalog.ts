/**
 * Fixed vendor catalogues: presence types / definitions / statuses, how each maps
 * to a scenario phase, and the name lists used to make people.
 */
import type { Phase, VendorId } from './types';

export interface StatusBase {
  idx: number;
  /** Id as used in the timeline and control API. */
  id: string;
  /** Display name. */
  name: string;
  /** Vendor-native category. */
  category: string;
  /** The phase an agent is in when set to this status from outside. */
  phase: Phase;
}

export interface CirrusStatus extends StatusBase {
  typeId: number;
  presenceType: 1 | 2 | 3;
}

export interface VonageStatus extends StatusBase {
  presenceId: string;
  selectable: boolean;
  categoryType: 'LoggedOut' | 'Away' | 'ExtendedAway' | 'Ready';
  categoryDescription: string;
  subCategory?: string;
}

export interface TalkdeskStatus extends StatusBase {
  status: 'available' | 'away' | 'offline' | 'hidden';
  customStatusId: string | null;
  customStatus: string | null;
}

export type AnyStatus = CirrusStatus | VonageStatus | TalkdeskStatus;

export const CIRRUS_CATEGORY_NAMES = { 1: 'Active', 2: 'Busy', 3: 'Away' } as const;

function cirrus(typeId: number, name: string, presenceType: 1 | 2 | 3, phase: Phase): Omit<CirrusStatus, 'idx'> {
  return { id: String(typeId), typeId, name, presenceType, category: CIRRUS_CATEGORY_NAMES[presenceType], phase };
}

/** Cirrus presence types: the three system ones plus admin-defined custom ones. */
export const CIRRUS_STATUSES: CirrusStatus[] = [
  cirrus(1, 'Active', 1, 'ready'),
  cirrus(2, 'Busy', 2, 'busy'),
  cirrus(3, 'Away', 3, 'break'),
  cirrus(1001, 'Lunch', 3, 'lunch'),
  cirrus(1002, 'Training', 2, 'training'),
  cirrus(1003, 'Offline', 3, 'offline'),
  cirrus(1004, 'Meeting', 2, 'busy'),
].map((s, idx) => ({ ...s, idx }));

const CATEGORY_DESCRIPTIONS = {
  LoggedOut: 'Logged Out',
  Away: 'Away',
  ExtendedAway: 'Extended Away',
  Ready: 'Ready',
} as const;

function vonage(
  presenceId: string,
  description: string,
  categoryType: VonageStatus['categoryType'],
  phase: Phase,
  selectable = true,
  subCategory?: string,
): Omit<VonageStatus, 'idx'> {
  return {
    id: presenceId,
    presenceId,
    name: description,
    category: categoryType,
    phase,
    selectable,
    categoryType,
    categoryDescription: CATEGORY_DESCRIPTIONS[categoryType],
    ...(subCategory ? { subCategory } : {}),
  };
}

/** Vonage presence definitions (the first two ids are those of the documentation examples). */
export const VONAGE_STATUSES: VonageStatus[] = [
  vonage('eaed6862-14fa-4114-be62-b8709b5d4a49', 'Logged Out', 'LoggedOut', 'offline'),
  vonage('36054f94-d55f-4382-8132-ecac185c8e4d', 'Ready', 'Ready', 'ready'),
  vonage('5d0b4a3e-8f2c-4e61-9a7d-2c1f0e9b7a11', 'Ready Outbound', 'Ready', 'ready', true, 'readyOutbound'),
  vonage('8c3f1a52-6d47-4b0e-a1f9-3e5d7c2b9a40', 'Break', 'Away', 'break'),
  vonage('b2e9d4c1-7a35-4f86-9c02-6a1e8f3d5b27', 'Lunch', 'Away', 'lunch'),
  vonage('f4a7c3e9-2b18-4d5c-8e61-0b9d2a7f4c83', 'Training', 'ExtendedAway', 'training'),
  vonage('1e6b8d2f-9c43-4a70-b5e8-7f2c4d1a9e56', 'Meeting', 'ExtendedAway', 'busy'),
  vonage('3a9f5e7c-1d82-4b6a-9f30-c8e2b5d7a164', 'Missed Call', 'Away', 'missed', false),
].map((s, idx) => ({ ...s, idx }));

/** Talkdesk custom statuses: admin-defined sub-statuses of "away". */
export const TALKDESK_CUSTOM_STATUSES = [
  { id: '7b1e4c9a-3f26-4d85-a0b7-e2c9f1d4a638', display_name: 'Break', phase: 'break' as Phase },
  { id: 'c5d2a8f1-6e43-4b97-8a1c-3f7e9b2d5c04', display_name: 'Lunch', phase: 'lunch' as Phase },
  { id: '2f8a6d3c-9b14-4e7a-b5c2-8d1f4a7e3b96', display_name: 'Training', phase: 'training' as Phase },
  { id: 'e9c4b7d2-5a81-4f3e-9d6b-1c8a2f5e7d30', display_name: 'Meeting', phase: 'busy' as Phase },
];

function talkdesk(
  status: TalkdeskStatus['status'],
  phase: Phase,
  custom?: { id: string; display_name: string },
): Omit<TalkdeskStatus, 'idx'> {
  return {
    id: custom ? custom.id : status,
    name: custom ? custom.display_name : status,
    category: status,
    phase,
    status,
    customStatusId: custom ? custom.id : null,
    customStatus: custom ? custom.display_name : null,
  };
}

export const TALKDESK_STATUSES: TalkdeskStatus[] = [
  talkdesk('available', 'ready'),
  talkdesk('away', 'break'),
  talkdesk('offline', 'offline'),
  talkdesk('hidden', 'hidden'),
  ...TALKDESK_CUSTOM_STATUSES.map((c) => talkdesk('away', c.phase, c)),
].map((s, idx) => ({ ...s, idx }));

export const STATUS_TABLES: { cirrus: CirrusStatus[]; vonage: VonageStatus[]; talkdesk: TalkdeskStatus[] } = {
  cirrus: CIRRUS_STATUSES,
  vonage: VONAGE_STATUSES,
  talkdesk: TALKDESK_STATUSES,
};

function byName<T extends StatusBase>(table: T[], id: string): number {
  const found = table.find((s) => s.id === id);
  if (!found) throw new Error(`catalog: no status ${id}`);
  return found.idx;
}

/** Which status the scenario shows for each phase. */
export const PHASE_STATUS: Record<VendorId, Record<Phase, number>> = {
  cirrus: {
    offline: byName(CIRRUS_STATUSES, '1003'),
    ready: byName(CIRRUS_STATUSES, '1'),
    call: byName(CIRRUS_STATUSES, '2'),
    break: byName(CIRRUS_STATUSES, '3'),
    lunch: byName(CIRRUS_STATUSES, '1001'),
    training: byName(CIRRUS_STATUSES, '1002'),
    busy: byName(CIRRUS_STATUSES, '1004'),
    missed: byName(CIRRUS_STATUSES, '3'),
    hidden: byName(CIRRUS_STATUSES, '1003'),
  },
  vonage: {
    offline: 0,
    ready: 1,
    call: 1, // Vonage shows no call in presence: the agent stays Ready
    break: 3,
    lunch: 4,
    training: 5,
    busy: 6,
    missed: 7,
    hidden: 0,
  },
  talkdesk: {
    offline: byName(TALKDESK_STATUSES, 'offline'),
    ready: byName(TALKDESK_STATUSES, 'available'),
    call: byName(TALKDESK_STATUSES, 'available'), // plus interactions and occupancy
    break: byName(TALKDESK_STATUSES, TALKDESK_CUSTOM_STATUSES[0]!.id),
    lunch: byName(TALKDESK_STATUSES, TALKDESK_CUSTOM_STATUSES[1]!.id),
    training: byName(TALKDESK_STATUSES, TALKDESK_CUSTOM_STATUSES[2]!.id),
    busy: byName(TALKDESK_STATUSES, TALKDESK_CUSTOM_STATUSES[3]!.id),
    missed: byName(TALKDESK_STATUSES, 'away'),
    hidden: byName(TALKDESK_STATUSES, 'hidden'),
  },
};

export const TEAMS = [
  { id: 11, name: 'Customer Service' },
  { id: 12, name: 'Sales' },
  { id: 13, name: 'Billing' },
  { id: 14, name: 'Technical Support' },
  { id: 15, name: 'Retention' },
  { id: 16, name: 'Back Office' },
];

export const FIRST_NAMES = [
  'Amelia', 'Oliver', 'Isla', 'George', 'Ava', 'Noah', 'Mia', 'Arthur', 'Ivy', 'Leo',
  'Freya', 'Oscar', 'Lily', 'Harry', 'Sophia', 'Jack', 'Grace', 'Charlie', 'Ella', 'Thomas',
  'Aisha', 'Mohammed', 'Priya', 'Arjun', 'Chloe', 'Lucas', 'Zara', 'Mateo', 'Nia', 'Kai',
  'Hannah', 'Daniel', 'Maya', 'Samuel', 'Elena', 'Tomasz', 'Ines', 'Yusuf', 'Sofia', 'Liam',
];

export const LAST_NAMES = [
  'Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Patel', 'Robinson',
  'Wright', 'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Jackson',
  'Clarke', 'Khan', 'Singh', 'Nowak', 'Garcia', 'Silva', 'Murphy', "O'Brien", 'Kowalski', 'Okafor',
  'Nguyen', 'Ahmed', 'Lewis', 'Hughes', 'Edwards', 'Hill', 'Moore', 'Martin', 'Baker', 'Scott',
];
