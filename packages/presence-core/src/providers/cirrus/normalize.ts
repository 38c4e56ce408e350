import { InputError } from '../../errors';
import { mappedState } from '../../mapping';
import type { AgentPresence, PresenceState, StatusDefinition } from '../../model';
import type { NormalizeContext } from '../../normalize-context';
import { parseRecord } from '../contract';
import { CirrusPresencePayloadSchema, type CirrusPresenceTypeRecord } from './schemas';

/** CommBox presence categories. Admin-defined statuses belong to one of these. */
export const cirrusCategories: Record<number, { name: string; state: PresenceState }> = {
  1: { name: 'Active', state: 'available' },
  2: { name: 'Busy', state: 'busy' },
  3: { name: 'Away', state: 'away' },
};

function category(presenceType: number): { name: string; state: PresenceState } {
  return cirrusCategories[presenceType] ?? { name: String(presenceType), state: 'unknown' };
}

export function normalizeCirrusPresence(record: unknown, context: NormalizeContext = {}): AgentPresence {
  const agentId = context.agentId;
  if (agentId === undefined || agentId === '') {
    throw new InputError('agentId', 'is required for Cirrus', 'Cirrus presence records do not carry the manager id; pass it in the context.', 'cirrus');
  }
  const payload = parseRecord('cirrus', CirrusPresencePayloadSchema, record);
  // An array ("status(es)" in the prose) is unconfirmed; its first entry is taken as the current status.
  const current = Array.isArray(payload) ? payload[0] : payload;
  if (!current) {
    return { provider: 'cirrus', agentId, state: 'unknown', status: { id: null, name: null, category: null }, since: null, ...(context.includeRaw ? { raw: record } : {}) };
  }
  const cat = category(current.presence_type);
  const status = { id: current.type_id, name: current.name, category: cat.name };
  let state = mappedState(status, context.mapping) ?? cat.state;
  if (state === 'available' && context.activity?.onInteraction) state = 'busy';
  return {
    provider: 'cirrus',
    agentId,
    state,
    status,
    since: null,
    ...(context.activity ? { activity: context.activity } : {}),
    ...(context.includeRaw ? { raw: record } : {}),
  };
}

export function cirrusStatusDefinition(type: CirrusPresenceTypeRecord, context: NormalizeContext = {}): StatusDefinition {
  const cat = category(type.presenceType);
  const status = { id: type.id, name: type.name, category: cat.name };
  return {
    provider: 'cirrus',
    ...status,
    state: mappedState(status, context.mapping) ?? cat.state,
    ...(context.includeRaw ? { raw: type } : {}),
  };
}
