import type { AgentPresence, PresenceChange, PresenceState, PresenceStatus, VendorId, SinceSource } from './model';

/*
 * New presences, statuses and change events are copies of a template (`{ ...template }`, then their values
 * set), not object literals. V8 watches each literal in the code: once it sees the objects
 * one makes survive a collection (as a poll's presences do, kept while compared and
 * reported), it allocates that literal's objects straight into the old generation. Filling
 * that space object by object, after a collection has left it fragmented, made normalising
 * 100,000 records 3 to 4 times slower. A copy of a template is never allocated there: it
 * costs the same whatever V8 has seen. The results are plain objects like any literal's,
 * with the same keys in the same order.
 */

const statusTemplate: PresenceStatus = { id: null, name: null, category: null };

/** Typed by its id, so that a status whose id is known to be a string can be a StatusDefinition's too. */
export function freshStatus<Id extends string | null>(id: Id, name: string | null, category: string | null): PresenceStatus & { id: Id } {
  const status = { ...statusTemplate } as PresenceStatus & { id: Id };
  status.id = id;
  status.name = name;
  status.category = category;
  return status;
}

const presenceTemplate: AgentPresence = {
  vendor: 'cirrus',
  agentId: '',
  name: null,
  email: null,
  state: 'unknown',
  status: statusTemplate,
  since: null,
  sinceSource: null,
  activity: null,
};

/**
 * An AgentPresence with every key; `since` given here is the vendor's. Name and email are
 * filled later from the user list (nameAgents), `raw` added by the caller only when asked for.
 */
export function freshPresence(vendor: VendorId, agentId: string, state: PresenceState, status: PresenceStatus, since: string | null): AgentPresence {
  const presence = { ...presenceTemplate };
  presence.vendor = vendor;
  presence.agentId = agentId;
  presence.state = state;
  presence.status = status;
  presence.since = since;
  presence.sinceSource = since === null ? null : 'vendor';
  return presence;
}

const previousTemplate: NonNullable<PresenceChange['previous']> = { state: 'unknown', status: statusTemplate, since: null, sinceSource: null };

export function freshPrevious(state: PresenceState, status: PresenceStatus, since: string | null, sinceSource: SinceSource): NonNullable<PresenceChange['previous']> {
  const previous = { ...previousTemplate };
  previous.state = state;
  previous.status = status;
  previous.since = since;
  previous.sinceSource = sinceSource;
  return previous;
}

const changeTemplate: PresenceChange = {
  eventId: '',
  event: 'changed',
  agentId: '',
  name: null,
  email: null,
  vendor: 'cirrus',
  current: null,
  previous: null,
  durationInPreviousMs: null,
  observedAt: '',
};

export function freshChange(
  event: PresenceChange['event'],
  agentId: string,
  vendor: VendorId,
  current: AgentPresence | null,
  previous: PresenceChange['previous'],
  durationInPreviousMs: number | null,
  observedAt: string,
  eventId: string,
): PresenceChange {
  const change = { ...changeTemplate };
  change.eventId = eventId;
  change.event = event;
  change.agentId = agentId;
  if (current) {
    change.name = current.name;
    change.email = current.email;
  }
  change.vendor = vendor;
  change.current = current;
  change.previous = previous;
  change.durationInPreviousMs = durationInPreviousMs;
  change.observedAt = observedAt;
  return change;
}
