import { freshPresence, freshStatus } from '../../presence-templates';
import { mappedName, mappedState, type StateMapping } from '../../mapping';
import type { AgentPresence, PresenceState, PresenceStatus, StatusDefinition } from '../../model';
import type { NormalizeContext } from '../../normalize-context';
import { parseRecord } from '../contract';
import { handCheckedVonagePresence } from './hand-checked';
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

/**
 * The common status's category: the category type, and the sub-category after a slash when
 * Vonage gives one (`Ready/readyOutbound`), so an extended type is kept, shown, and a change
 * between two sub-categories of one type is a change. Webhook events spell the type in lower
 * camel case; callers pass the REST spelling, so both give the same status.
 */
export function vonageStatusCategory(categoryType: string, subCategory: string | null | undefined): string {
  return subCategory ? `${categoryType}/${subCategory}` : categoryType;
}

/**
 * The common state of a Vonage status: the user's mapping by id or name, then by sub-category
 * (e.g. a row `readyOutbound` → busy), then the category type's default.
 */
export function vonageState(status: PresenceStatus, categoryType: string, subCategory: string | null | undefined, mapping: StateMapping | undefined): PresenceState {
  return mappedState(status, mapping) ?? (subCategory ? mappedName(subCategory, mapping) : undefined) ?? vonageCategoryState(categoryType);
}

function statusOf(def: VonagePresenceDefinition) {
  return freshStatus(def.presenceId, def.description ?? def.category.description ?? null, vonageStatusCategory(def.category.categoryType, def.category.subCategory));
}

export function normalizeVonagePresence(record: unknown, context: NormalizeContext = {}): AgentPresence {
  const r = handCheckedVonagePresence(record) ?? parseRecord('vonage', VonagePresenceRecordSchema, record);
  const status = statusOf(r.presence);
  const state = vonageState(status, r.presence.category.categoryType, r.presence.category.subCategory, context.mapping);
  const presence = freshPresence('vonage', context.agentId ?? r.userId, state, status, r.updated ?? null);
  // `selectable` belongs to the status (List statuses shows it), not to the agent's presence.
  if (context.includeRaw) presence.raw = record;
  return presence;
}

export function vonageStatusDefinition(def: VonagePresenceDefinition, context: NormalizeContext = {}): StatusDefinition {
  const status = statusOf(def);
  return {
    vendor: 'vonage',
    ...status,
    state: vonageState(status, def.category.categoryType, def.category.subCategory, context.mapping),
    ...(typeof def.selectable === 'boolean' ? { selectable: def.selectable } : {}),
    ...(context.includeRaw ? { raw: def } : {}),
  };
}
