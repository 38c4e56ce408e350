import { InputError } from './errors';
import type { AgentPresence, PresenceChange, ProviderId } from './model';
import { encodeSnapshot, readSnapshot, sameStatus, type PresenceSnapshot, type SnapshotEntry } from './snapshot';

export interface DetectChangesOptions {
  /** When the poll saw these presences (ISO). Defaults to now. */
  observedAt?: string;
  /** False when the poll covered only some agents: the unseen are kept, never "disappeared". Default true. */
  complete?: boolean;
  /**
   * Record without reporting. Defaults to true when there is no previous snapshot;
   * a trigger sweeping its first cycle across several polls passes true until the cycle ends.
   */
  baseline?: boolean;
  /**
   * Every agent that exists now, as the vendor's user list says. Agents of the
   * previous snapshot outside it are reported disappeared even when `complete`
   * is false: the list, not the presence reads, says they are gone.
   */
  roster?: Iterable<string>;
}

function parseTime(value: string | null): number | undefined {
  if (value === null) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

function previousOf(e: SnapshotEntry): PresenceChange['previous'] {
  // A decoded entry's status is shared with other agents: every event gets its own copy.
  return { state: e.state, status: { ...e.status }, since: e.fromVendor ? new Date(e.start).toISOString() : null };
}

/**
 * Compares a poll's presences with the previous snapshot. Returns one event per
 * agent whose status fingerprint (state, status id, name, category) changed,
 * appeared or disappeared, and the snapshot to keep for the next poll.
 */
export function detectChanges(
  previous: PresenceSnapshot | undefined,
  current: AgentPresence[],
  options: DetectChangesOptions = {},
): { changes: PresenceChange[]; snapshot: PresenceSnapshot } {
  const observedAt = options.observedAt ?? new Date().toISOString();
  const observedMs = Date.parse(observedAt);
  if (Number.isNaN(observedMs)) {
    throw new InputError('observedAt', `"${observedAt}" is not a time`, 'Give an ISO 8601 time such as 2026-01-31T09:00:00.000Z.');
  }
  let prior: Map<string, SnapshotEntry> | undefined;
  if (previous !== undefined) {
    const read = readSnapshot(previous);
    if (!read) {
      throw new InputError('previous', 'is not a snapshot made by detectChanges', 'Pass the snapshot from the last call unchanged, or undefined to start a new baseline.');
    }
    prior = read.entries;
  }
  const baseline = options.baseline ?? prior === undefined;
  const complete = options.complete ?? true;
  let provider: ProviderId | null = previous?.p ?? null;

  const next = new Map<string, SnapshotEntry>(complete ? [] : prior ?? []);
  const seen = new Set<string>();
  const changes: PresenceChange[] = [];

  for (const presence of current) {
    if (provider === null) provider = presence.provider;
    else if (presence.provider !== provider) {
      throw new InputError('current', `mixes providers (${provider} and ${presence.provider})`, 'Keep one snapshot per provider.');
    }
    seen.add(presence.agentId);
    const vendorSince = parseTime(presence.since);
    const before = prior?.get(presence.agentId);
    const changed = before !== undefined && !sameStatus(before.state, before.status, presence.state, presence.status);
    const entry: SnapshotEntry = {
      state: presence.state,
      status: presence.status,
      // Same status: keep when it began, unless the vendor states it.
      start: vendorSince ?? (before && !changed ? before.start : observedMs),
      fromVendor: vendorSince !== undefined || (before !== undefined && !changed && before.fromVendor),
    };
    next.set(presence.agentId, entry);
    if (baseline) continue;
    if (before === undefined) {
      changes.push({ event: 'appeared', agentId: presence.agentId, provider: presence.provider, current: presence, previous: null, durationInPreviousMs: null, observedAt });
    } else if (changed) {
      changes.push({
        event: 'changed',
        agentId: presence.agentId,
        provider: presence.provider,
        current: presence,
        previous: previousOf(before),
        durationInPreviousMs: Math.max(0, (vendorSince ?? observedMs) - before.start),
        observedAt,
      });
    }
  }

  const roster = options.roster === undefined ? undefined : new Set(options.roster);
  if (roster) for (const agentId of next.keys()) if (!roster.has(agentId) && !seen.has(agentId)) next.delete(agentId);
  if ((complete || roster) && prior && !baseline && provider !== null) {
    for (const [agentId, before] of prior) {
      if (seen.has(agentId) || (!complete && roster?.has(agentId))) continue;
      changes.push({
        event: 'disappeared',
        agentId,
        provider,
        current: null,
        previous: previousOf(before),
        durationInPreviousMs: Math.max(0, observedMs - before.start),
        observedAt,
      });
    }
  }

  return { changes, snapshot: encodeSnapshot(provider, next, observedMs) };
}

/** The snapshot without the agents outside `keep`, reporting nothing: for when the user changes which agents are watched. */
export function retainAgents(snapshot: PresenceSnapshot, keep: Iterable<string>): PresenceSnapshot {
  const read = readSnapshot(snapshot);
  if (!read) {
    throw new InputError('snapshot', 'is not a snapshot made by detectChanges', 'Pass the snapshot from the last call unchanged.');
  }
  const wanted = new Set(keep);
  const { entries } = read;
  for (const agentId of [...entries.keys()]) if (!wanted.has(agentId)) entries.delete(agentId);
  return encodeSnapshot(read.snapshot.p, entries, read.snapshot.b);
}
