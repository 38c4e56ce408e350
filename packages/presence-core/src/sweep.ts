import { detectChanges, retainAgents } from './changes';
import { observedSince } from './diff';
import { VendorApiError } from './errors';
import { appearedEventId, enteredEventId } from './event-id';
import type { AgentPresence, PresenceChange, PresenceState } from './model';
import type { PresenceSnapshot } from './snapshot';
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

  // Read in id order and started in that order, so what was skipped is a tail.
  const skipped = new Set(batch.skipped);
  const done = todo.filter((id) => !skipped.has(id));
  const sweepComplete = skipped.size === 0;
  // Agents the vendor says it does not know are gone, like those its list no longer has.
  const gone = new Set([...batch.missing, ...batch.failures.filter((f) => isNotFound(f.error)).flatMap((f) => f.agentIds)]);
  const present = roster.ids.filter((id) => !gone.has(id));

  // Agents the first sweep listed but could not read: a read that failed then is no reason to
  // report them "appeared" when they are read at last; their first reading is their baseline.
  const listed = new Set(present);
  const unseen = new Set((state.unseen ?? []).filter((id) => listed.has(id)));
  if (baseline) for (const f of batch.failures) for (const id of f.agentIds) if (!gone.has(id)) unseen.add(id);
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
  return { changes, state: next, sweepComplete };
}
