import { freshPresence, freshStatus } from '../../fresh';
import { mappedState } from '../../mapping';
import type { AgentPresence, PresenceState, StatusDefinition } from '../../model';
import type { NormalizeContext } from '../../normalize-context';
import { parseRecord } from '../contract';
import { quickVonagePresence } from './quick';
import { VonagePresenceRecordSchema, type VonagePresenceDefinition } from './schemas';

/** Keyed in lower case: REST sends PascalCase (ExtendedAway), webhook events lower camel case (extendedAway). */
export const vonageCategoryStates: Record<string, PresenceState> = {
  ready: 'available',
  away: 'away',
  extendedaway: 'away',
  loggedout: 'offline',
};

export function vonageCategoryState(categoryType: string): PresenceState {
  return vonageCategoryStates[categoryType.toLowerCase()] ?? 'unknown';
}

function statusOf(def: VonagePresenceDefinition) {
  return freshStatus(def.presenceId, def.description ?? def.category.description ?? null, def.category.categoryType);
}

export function normalizeVonagePresence(record: unknown, context: NormalizeContext = {}): AgentPresence {
  const r = quickVonagePresence(record) ?? parseRecord('vonage', VonagePresenceRecordSchema, record);
  const status = statusOf(r.presence);
  const state = mappedState(status, context.mapping) ?? vonageCategoryState(r.presence.category.categoryType);
  const presence = freshPresence('vonage', context.agentId ?? r.userId, state, status, r.updated ?? null);
  // `selectable` belongs to the status (List statuses shows it), not to the agent's presence.
  if (context.includeRaw) presence.raw = record;
  return presence;
}

export function vonageStatusDefinition(def: VonagePresenceDefinition, context: NormalizeContext = {}): StatusDefinition {
  const status = statusOf(def);
  return {
    provider: 'vonage',
    ...status,
    state: mappedState(status, context.mapping) ?? vonageCategoryState(def.category.categoryType),
    ...(typeof def.selectable === 'boolean' ? { selectable: def.selectable } : {}),
    ...(context.includeRaw ? { raw: def } : {}),
  };
}
