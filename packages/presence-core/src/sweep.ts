import { detectChanges, retainAgents } from './changes';
import { observedSince } from './diff';
import { NetworkError, VendorApiError } from './errors';
import { appearedEventId, enteredEventId } from './event-id';
import type { AgentPresence, PresenceChange, PresenceState } from './model';
import type { PresenceSnapshot } from './snapshot';
import { readSnapshot } from './snapshot-read';
import type { PresenceBatch } from './vendors/client';

/*
 * One step of a polling trigger's sweep, without n8n: which agents this poll reads (the roster
 * after the cursor), then, given what was read, the changes to emit and the state to keep. A
 * roster too large for one poll is read across polls in id order from a cursor; nothing is
 * reported until the first whole sweep has stored a baseline. The caller (n8n-shared's poll)
 * lists the roster, reads the presences and persists the state; nothing here does I/O.
 */

/** The change events a trigger can watch. */
export const sweepEvents = ['stateChanged', 'statusChanged', 'appeared', 'disappeared'] as const;
export type SweepEvent = (typeof sweepEvents)[number];

/**
 * What a trigger keeps between polls (n8n static data): the compact snapshot and a sweep
 * cursor, nothing else. Its keys are stored by triggers in the wild: renaming one loses them.
 */
export interface SweepState {
  snapshot?: PresenceSnapshot;
  /** Last agent id read in the current sweep; null when a sweep is complete. */
  after?: string | null;
  /** True until the first full sweep after activation ends: nothing is reported before. */
  baseline?: boolean;
  /** Which agents were watched, to forget silently those the user stops watching. */
  watching?: string;
  /**
   * Agents listed during the first sweep whose presence could not be read then. Their
   * first reading completes the baseline: they were there all along, so it is no appearance.
   */
  unseen?: string[];
  /**
   * Mid-sweep only: the agents listed when the sweep began, after the cursor, that the snapshot
   * does not hold (new agents; in the first sweep, those not read yet). With the snapshot's
   * agents they are the sweep's roster, so a sweep lists the agents once, not at every poll.
   * Usually empty: the snapshot already holds almost everyone.
   */
  pending?: string[];
}

/** The agents watched now: ids ascending without repeats, and a key naming the choice (e.g. `all`, `teams:a,b`). */
export interface SweepRoster {
  ids: readonly string[];
  watching: string;
}

export interface SweepOptions {
  events: readonly SweepEvent[];
  /** Emit only changes into these states (not disappearances). Empty: any. */
  onlyStates?: readonly PresenceState[];
  /** The first sweep emits every agent read as "appeared" instead of only storing it. */
  emitOnStart?: boolean;
  /** When the poll saw the presences (ISO). Default now. */
  observedAt?: string;
}

export interface SweepStepResult {
  /** The changes to emit, in the order read, then the departures. */
  changes: PresenceChange[];
  /** The state to keep. A new object: the one given is not changed. */
  state: SweepState;
  /** True when this poll ended a sweep. */
  sweepComplete: boolean;
}

/** Which of the watched events a change is. */
export function sweepEventOf(change: PresenceChange): SweepEvent {
  if (change.event !== 'changed') return change.event;
  return change.previous && change.current && change.previous.state === change.current.state ? 'statusChanged' : 'stateChanged';
}

/** Whether a trigger watching `events` (and, for arrivals, `onlyStates`) emits this change. */
export function sweepWants(change: PresenceChange, events: readonly SweepEvent[], onlyStates: readonly PresenceState[] = []): boolean {
  if (!events.includes(sweepEventOf(change))) return false;
  return change.event === 'disappeared' || onlyStates.length === 0 || (change.current !== null && onlyStates.includes(change.current.state));
}

/**
 * An agent reported as it is (an editor test run, "emit on start", a first reading). Its
 * eventId is the vendor's dated status when there is one, else the poll's time: a baseline
 * repeated after a crash reports an undated agent again under a new id.
 */
export function appearedChange(p: AgentPresence, observedAt: string): PresenceChange {
  const since = p.since === null ? Number.NaN : Date.parse(p.since);
  const eventId = Number.isNaN(since)
    ? appearedEventId(p.vendor, p.agentId, { state: p.state, ...p.status }, Date.parse(observedAt))
    : enteredEventId(p.vendor, p.agentId, p.state, p.status.id, since);
  const current = observedSince(p, observedAt);
  return { eventId, event: 'appeared', agentId: p.agentId, name: p.name, email: p.email, vendor: p.vendor, current, previous: null, durationInPreviousMs: null, observedAt };
}

const isNotFound = (error: unknown): boolean => error instanceof VendorApiError && error.httpStatus === 404;
/** A request that got no answer in time (the poll's own limit, or the vendor's silence). */
const isTimeout = (error: unknown): boolean => error instanceof NetworkError && (error.code === 'ETIMEDOUT' || error.code === 'ECONNABORTED');

/**
 * The roster of the sweep in progress, kept in its state: undefined when the caller must list
 * the agents (a sweep begins, the user changed what is watched, or the state was stored before
 * sweeps kept their roster). Agents added to the vendor mid-sweep are found by the next sweep.
 */
export function sweepRoster(state: SweepState, watching: string): SweepRoster | undefined {
  if (state.after === undefined || state.after === null || state.pending === undefined || state.watching !== watching || state.snapshot === undefined) return undefined;
  const snapshot = readSnapshot(state.snapshot);
  if (!snapshot) return undefined;
  // The snapshot's agents are those of the sweep's list already read (an agent the list dropped is
  // dropped from it at the sweep's first poll); with the pending and the unseen, the whole list.
  const ids = state.unseen?.length ? [...new Set([...snapshot.ids, ...state.pending, ...state.unseen])].sort() : mergeAscending(snapshot.ids, state.pending);
  return { ids, watching };
}

/** Two ascending id lists as one, ascending, without repeats. */
function mergeAscending(a: readonly string[], b: readonly string[]): string[] {
  if (b.length === 0) return a.slice();
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (y === undefined || (x !== undefined && x < y)) out.push(a[i++]!);
    else if (x === undefined || y < x) out.push(b[j++]!);
    else {
      out.push(a[i++]!);
      j++;
    }
  }
  return out;
}

/** The ids of `ids` after `after` that `held` (ascending) lacks. */
function notHeld(ids: readonly string[], after: string, held: readonly string[]): string[] {
  const out: string[] = [];
  let j = 0;
  for (const id of ids) {
    if (!(id > after)) continue;
    while (j < held.length && held[j]! < id) j++;
    if (held[j] !== id) out.push(id);
  }
  return out;
}

/** The agents this poll reads: the roster after the cursor, in id order. */
export function sweepReads(state: SweepState, roster: SweepRoster): readonly string[] {
  const after = state.after ?? null;
  return after === null ? roster.ids : roster.ids.filter((id) => id > after);
}

/**
 * Compares what this poll read (`batch`, the answer to `sweepReads`) with the kept state.
 * Throws the vendor's error when nothing could be read at all: the caller stores nothing,
 * and the next poll finds every change.
 */
export function sweepStep(state: SweepState, roster: SweepRoster, batch: PresenceBatch, options: SweepOptions): SweepStepResult {
  if (batch.presences.length === 0 && batch.failures.length > 0 && batch.failures.every((f) => !isNotFound(f.error))) {
    throw batch.failures[0]!.error;
  }
  const observedAt = options.observedAt ?? new Date().toISOString();
  const onlyStates = options.onlyStates ?? [];
  let snapshot = state.snapshot;
  if (snapshot && state.watching !== undefined && state.watching !== roster.watching) snapshot = retainAgents(snapshot, roster.ids);
  const baseline = state.baseline ?? snapshot === undefined;
  const after = state.after ?? null;
  const todo = sweepReads(state, roster);

  // Read in id order and started in that order, so what was skipped is a tail. Reads the poll's
  // own time limit cut short after the last agent read are a tail too: read again by the next
  // poll rather than passed over (their changes would wait a whole sweep, or, in the first
  // sweep, their baseline would be lost). A poll that read nothing still fails, as before.
  const skipped = new Set(batch.skipped);
  let lastRead: string | undefined;
  for (const p of batch.presences) if (lastRead === undefined || p.agentId > lastRead) lastRead = p.agentId;
  const cut = lastRead === undefined ? [] : batch.failures.filter((f) => isTimeout(f.error) && f.agentIds.every((id) => id > lastRead!));
  for (const f of cut) for (const id of f.agentIds) skipped.add(id);
  const failures = cut.length === 0 ? batch.failures : batch.failures.filter((f) => !cut.includes(f));
  const firstSkipped = skipped.size === 0 ? -1 : todo.findIndex((id) => skipped.has(id));
  // The cursor stops before the first agent not read: anything after it is read again next poll
  // (compared with what this poll stored, so nothing is reported twice).
  const done = firstSkipped < 0 ? todo : todo.slice(0, firstSkipped);
  const sweepComplete = skipped.size === 0;
  // Agents the vendor says it does not know are gone, like those its list no longer has.
  const gone = new Set([...batch.missing, ...failures.filter((f) => isNotFound(f.error)).flatMap((f) => f.agentIds)]);
  const present = roster.ids.filter((id) => !gone.has(id));

  // Agents the first sweep listed but could not read: a read that failed then is no reason to
  // report them "appeared" when they are read at last; their first reading is their baseline.
  const listed = new Set(present);
  const unseen = new Set((state.unseen ?? []).filter((id) => listed.has(id)));
  if (baseline) for (const f of failures) for (const id of f.agentIds) if (!gone.has(id)) unseen.add(id);
  const firstSight = baseline ? [] : batch.presences.filter((p) => unseen.has(p.agentId));
  for (const p of batch.presences) unseen.delete(p.agentId);
  const previous = firstSight.length > 0 ? detectChanges(snapshot, firstSight, { observedAt, complete: false, baseline: true }).snapshot : snapshot;
  const result = detectChanges(previous, batch.presences, { observedAt, complete: false, baseline, roster: present });

  let changes = result.changes.filter((c) => sweepWants(c, options.events, onlyStates));
  if (baseline && options.emitOnStart === true) changes = batch.presences.map((p) => appearedChange(p, observedAt));
  else if (options.emitOnStart === true) changes.push(...firstSight.map((p) => appearedChange(p, observedAt)));

  const next: SweepState = {
    snapshot: result.snapshot,
    after: sweepComplete ? null : (done[done.length - 1] ?? after),
    baseline: baseline && !sweepComplete,
    watching: roster.watching,
  };
  if (unseen.size > 0) next.unseen = [...unseen];
  if (next.after !== null && next.after !== undefined) next.pending = notHeld(present, next.after, result.snapshot.v === 2 ? result.snapshot.a : []);
  return { changes, state: next, sweepComplete };
}
