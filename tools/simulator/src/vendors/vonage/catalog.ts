/** Vonage presence definitions, and the one the scenario shows for each phase. */
import type { Phase } from '../../types';
import type { StatusBase } from '../../vendor';

export interface VonageStatus extends StatusBase {
  presenceId: string;
  selectable: boolean;
  categoryType: 'LoggedOut' | 'Away' | 'ExtendedAway' | 'Ready';
  categoryDescription: string;
  subCategory?: string;
}

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

/** Which status the scenario shows for each phase. */
export const VONAGE_PHASE_STATUS: Record<Phase, number> = {
  offline: 0,
  ready: 1,
  call: 1, // Vonage shows no call in presence: the agent stays Ready
  break: 3,
  lunch: 4,
  training: 5,
  busy: 6,
  missed: 7,
  hidden: 0,
};
