import { InputError } from '../../errors';
import { freshPresence, freshStatus } from '../../presence-templates';
import { mappedState } from '../../mapping';
import type { AgentPresence, PresenceState, StatusDefinition } from '../../model';
import type { NormalizeContext } from '../../normalize-context';
import { parseRecord } from '../contract';
import { handCheckedTalkdeskPresence } from './hand-checked';
import { TalkdeskPresenceRecordSchema, type TalkdeskBaseStatus } from './schemas';

export const talkdeskStatusStates: Record<TalkdeskBaseStatus, PresenceState> = {
  available: 'available',
  away: 'away',
  offline: 'offline',
  hidden: 'offline',
};

/**
 * Talkdesk custom statuses carry no category in the API. In the product they are
 * reasons for being away (Lunch, Break), so by default they map to "away";
 * a state-mapping override changes that per status.
 */
export const talkdeskCustomStatusCategory: TalkdeskBaseStatus = 'away';

/**
 * The category shown for a base status, capitalised like the other vendors' categories
 * (Cirrus Away, Vonage Away); the status id and name stay the API's own value.
 */
export const talkdeskCategoryNames: Record<TalkdeskBaseStatus, string> = {
  available: 'Available',
  away: 'Away',
  offline: 'Offline',
  hidden: 'Hidden',
};

export function talkdeskCategory(status: string): string {
  return Object.hasOwn(talkdeskCategoryNames, status) ? talkdeskCategoryNames[status as TalkdeskBaseStatus] : status;
}

export function talkdeskStatusState(status: string): PresenceState {
  return Object.hasOwn(talkdeskStatusStates, status) ? talkdeskStatusStates[status as TalkdeskBaseStatus] : 'unknown';
}

export function normalizeTalkdeskPresence(record: unknown, context: NormalizeContext = {}): AgentPresence {
  const r = handCheckedTalkdeskPresence(record) ?? parseRecord('talkdesk', TalkdeskPresenceRecordSchema, record);
  const agentId = context.agentId ?? r.user_id ?? undefined;
  if (agentId === undefined || agentId === '') {
    throw new InputError('agentId', 'is required for this Talkdesk record', 'Current Talkdesk presence records do not carry the user id; pass it in the context.', 'talkdesk');
  }
  // No custom status comes as null or as "" (both are seen); either means none.
  const status = freshStatus(r.custom_status_id || r.status, r.custom_status || r.status, talkdeskCategory(r.status));
  const interactions = r.interactions?.length ?? 0;
  const occupancy = r.occupancy ?? undefined;
  // "On a call" is visible only as interactions or occupancy; an otherwise available agent is busy then.
  const onInteraction = interactions > 0 || (occupancy ?? 0) > 0;
  let state = mappedState(status, context.mapping) ?? talkdeskStatusState(r.status);
  if (state === 'available' && onInteraction) state = 'busy';
  const presence = freshPresence('talkdesk', agentId, state, status, r.updated_at ?? null);
  // Optional keys stay absent, not undefined.
  presence.activity = occupancy !== undefined ? { occupancy, interactions, onInteraction } : { interactions, onInteraction };
  if (context.includeRaw) presence.raw = record;
  return presence;
}

export function talkdeskBaseStatusDefinition(status: TalkdeskBaseStatus, context: NormalizeContext = {}): StatusDefinition {
  const s = { id: status, name: status, category: talkdeskCategoryNames[status] };
  return { vendor: 'talkdesk', ...s, state: mappedState(s, context.mapping) ?? talkdeskStatusStates[status] };
}

export function talkdeskCustomStatusDefinition(
  custom: { id: string; display_name?: string | null },
  context: NormalizeContext = {},
): StatusDefinition {
  const s = { id: custom.id, name: custom.display_name ?? null, category: talkdeskCategoryNames[talkdeskCustomStatusCategory] };
  return {
    vendor: 'talkdesk',
    ...s,
    state: mappedState(s, context.mapping) ?? talkdeskStatusStates[talkdeskCustomStatusCategory],
    ...(context.includeRaw ? { raw: custom } : {}),
  };
}
