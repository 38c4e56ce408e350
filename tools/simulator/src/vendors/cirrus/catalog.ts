/** Cirrus presence types, and the one the scenario shows for each phase. */
import type { Phase } from '../../types';
import type { StatusBase } from '../../vendor';

export interface CirrusStatus extends StatusBase {
  typeId: number;
  presenceType: 1 | 2 | 3;
}

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

function byId(id: string): number {
  const found = CIRRUS_STATUSES.find((s) => s.id === id);
  if (!found) throw new Error(`catalog: no status ${id}`);
  return found.idx;
}

/** Which status the scenario shows for each phase. */
export const CIRRUS_PHASE_STATUS: Record<Phase, number> = {
  offline: byId('1003'),
  ready: byId('1'),
  call: byId('2'),
  break: byId('3'),
  lunch: byId('1001'),
  training: byId('1002'),
  busy: byId('1004'),
  missed: byId('3'),
  hidden: byId('1003'),
};
