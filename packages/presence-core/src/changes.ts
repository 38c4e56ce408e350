import { diff, mixedVendors, notAString, type DiffSettings } from './diff';
import { InputError } from './errors';
import { sortedOrder } from './id-order';
import type { AgentPresence, PresenceChange, VendorId } from './model';
import type { PresenceSnapshot } from './snapshot';
import { readSnapshot } from './snapshot-read';
import { finishSnapshot, keepAgent, snapshotWriter } from './snapshot-write';

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

/** Checks what the merge checks as it goes, in the given order, for presences it cannot walk in that order. */
function checkPresences(vendor: VendorId | null, current: readonly AgentPresence[]): void {
  for (const presence of current) {
    if (presence.vendor !== vendor) throw mixedVendors(vendor!, presence.vendor);
    if (typeof presence.agentId !== 'string') throw notAString(presence.agentId);
  }
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
  const prior = previous === undefined ? undefined : readSnapshot(previous);
  if (previous !== undefined && !prior) {
    throw new InputError('previous', 'is not a snapshot made by detectChanges', 'Pass the snapshot from the last call unchanged, or undefined to start a new baseline.');
  }
  const { roster } = options;
  const settings: DiffSettings = {
    observedAt,
    observedMs,
    baseline: options.baseline ?? prior === undefined,
    complete: options.complete ?? true,
    // Read once, now: a one-shot iterable must not be consumed later, or twice.
    roster: roster === undefined ? undefined : Array.isArray(roster) ? (roster as readonly unknown[]) : [...roster],
    vendor: prior?.vendor ?? current[0]?.vendor ?? null,
  };
  // The trigger reads in id order; anything else is sorted first (stably: events keep the given order).
  const inOrder = diff(prior, current, undefined, settings);
  if (inOrder) return inOrder;
  checkPresences(settings.vendor, current);
  return diff(prior, current, sortedOrder(current), settings)!;
}

/** The snapshot without the agents outside `keep`, reporting nothing: for when the user changes which agents are watched. */
export function retainAgents(snapshot: PresenceSnapshot, keep: Iterable<string>): PresenceSnapshot {
  const read = readSnapshot(snapshot);
  if (!read) {
    throw new InputError('snapshot', 'is not a snapshot made by detectChanges', 'Pass the snapshot from the last call unchanged.');
  }
  const wanted = new Set(keep);
  const writer = snapshotWriter(read.base, read.rows, read.ids.length);
  read.ids.forEach((agentId, j) => {
    const code = read.codes[j]!;
    if (wanted.has(agentId)) keepAgent(writer, agentId, code >> 1, read.offsets[j]!, (code & 1) === 1);
  });
  return finishSnapshot(writer, read.vendor, read.base, read.observed);
}
