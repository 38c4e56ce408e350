import { InputError } from '../../errors';
import { freshPresence, freshStatus } from '../../presence-templates';
import { mappedState } from '../../mapping';
import type { AgentPresence, PresenceState, StatusDefinition } from '../../model';
import type { NormalizeContext } from '../../normalize-context';
import { parseRecord } from '../contract';
import { handCheckedCirrusTypeId } from './hand-checked';
import { CirrusPresencePayloadSchema, type CirrusPresenceRecord, type CirrusPresenceTypeRecord } from './schemas';

/** CommBox presence categories. Admin-defined statuses belong to one of these. */
export const cirrusCategories: Record<number, { name: string; state: PresenceState }> = {
  1: { name: 'Active', state: 'available' },
  2: { name: 'Busy', state: 'busy' },
  3: { name: 'Away', state: 'away' },
};

function category(presenceType: number): { name: string; state: PresenceState } {
  return cirrusCategories[presenceType] ?? { name: String(presenceType), state: 'unknown' };
}

function presenceOf(agentId: string, presenceType: number, typeId: string, name: string, record: unknown, context: NormalizeContext): AgentPresence {
  const cat = category(presenceType);
  const status = freshStatus(typeId, name, cat.name);
  let state = mappedState(status, context.mapping) ?? cat.state;
  if (state === 'available' && context.activity?.onInteraction) state = 'busy';
  const presence = freshPresence('cirrus', agentId, state, status, null);
  // Added only when there: optional keys stay absent, not undefined.
  if (context.activity) presence.activity = context.activity;
  if (context.includeRaw) presence.raw = record;
  return presence;
}

export function normalizeCirrusPresence(record: unknown, context: NormalizeContext = {}): AgentPresence {
  const agentId = context.agentId;
  if (agentId === undefined || agentId === '') {
    throw new InputError('agentId', 'is required for Cirrus', 'Cirrus presence records do not carry the manager id; pass it in the context.', 'cirrus');
  }
  const typeId = handCheckedCirrusTypeId(record);
  if (typeId !== undefined) {
    const { presence_type, name } = record as CirrusPresenceRecord;
    return presenceOf(agentId, presence_type, typeId, name, record, context);
  }
  const payload = parseRecord('cirrus', CirrusPresencePayloadSchema, record);
  // An array ("status(es)" in the prose) is unconfirmed; its first entry is taken as the current status.
  const current = Array.isArray(payload) ? payload[0] : payload;
  if (current) return presenceOf(agentId, current.presence_type, current.type_id, current.name, record, context);
  const unknown = freshPresence('cirrus', agentId, 'unknown', freshStatus(null, null, null), null);
  if (context.includeRaw) unknown.raw = record;
  return unknown;
}

export function cirrusStatusDefinition(type: CirrusPresenceTypeRecord, context: NormalizeContext = {}): StatusDefinition {
  const cat = category(type.presenceType);
  const status = { id: type.id, name: type.name, category: cat.name };
  return {
    vendor: 'cirrus',
    ...status,
    state: mappedState(status, context.mapping) ?? cat.state,
    ...(context.includeRaw ? { raw: type } : {}),
  };
}
