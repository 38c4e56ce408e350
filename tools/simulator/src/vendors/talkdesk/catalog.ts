/** Talkdesk statuses and custom statuses, and the one the scenario shows for each phase. */
import type { Phase } from '../../types';
import type { StatusBase } from '../../vendor';

export interface TalkdeskStatus extends StatusBase {
  status: 'available' | 'away' | 'offline' | 'hidden';
  customStatusId: string | null;
  customStatus: string | null;
}

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

function byId(id: string): number {
  const found = TALKDESK_STATUSES.find((s) => s.id === id);
  if (!found) throw new Error(`catalog: no status ${id}`);
  return found.idx;
}

/** Which status the scenario shows for each phase. */
export const TALKDESK_PHASE_STATUS: Record<Phase, number> = {
  offline: byId('offline'),
  ready: byId('available'),
  call: byId('available'), // plus interactions and occupancy
  break: byId(TALKDESK_CUSTOM_STATUSES[0]!.id),
  lunch: byId(TALKDESK_CUSTOM_STATUSES[1]!.id),
  training: byId(TALKDESK_CUSTOM_STATUSES[2]!.id),
  busy: byId(TALKDESK_CUSTOM_STATUSES[3]!.id),
  missed: byId('away'),
  hidden: byId('hidden'),
};
