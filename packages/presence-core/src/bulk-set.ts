import { mapSettled } from './concurrency';
import { validateStatusId } from './ids';
import type { AgentPresence, PresenceState } from './model';
import { concurrencyOf, validateAgentIds, type PresenceClient, type ReadOptions } from './vendors/client';

/*
 * One status for many agents: "log everyone out at 18:00". The agents' presences are read first
 * (Vonage reads 50 per request), then each is set, at most `concurrency` at a time (halved while
 * the vendor answers 429, see AdaptiveLimit). Never all-or-nothing: one result per agent, in the
 * order given, with the vendor's own error for an agent it refused.
 */

export interface SetManyOptions extends ReadOptions {
  /** Read only, and say who would change; nothing is written. */
  dryRun?: boolean;
  /**
   * Only agents whose presence, as read first, is in one of these states: the others are left
   * out of the results. An agent that could not be read is kept, as an error, never set blind.
   */
  states?: readonly PresenceState[];
  /** The clock the deadline is read against; default Date.now. */
  now?: () => number;
}

export type SetManyResult =
  | {
      agentId: string;
      /** The status set (or, on a dry run, that would be). */
      statusId: string;
      ok: true;
      /** The presence before, or null when it could not be read (the set still went ahead). */
      previous: AgentPresence | null;
      /** The presence after the set; null on a dry run. */
      current: AgentPresence | null;
      /** Whether the status differs (dry run: would differ) from the one before. */
      changed: boolean;
      dryRun: boolean;
    }
  | {
      agentId: string;
      statusId: string;
      ok: false;
      previous: AgentPresence | null;
      /** The vendor's error for this agent (code and message kept), or why it was not tried. */
      error: Error;
      /** Not tried: the deadline came first. */
      skipped: boolean;
    };

/** One agent and the status to give it. */
export interface SetTarget {
  agentId: string;
  statusId: string;
}

const sameStatus = (presence: AgentPresence | null, statusId: string): boolean =>
  presence !== null && presence.status.id !== null && presence.status.id.toLowerCase() === statusId.toLowerCase();

/** Sets `statusId` for every agent in `agentIds` (repeats once), or on a dry run says who would change. */
export async function setPresenceMany(client: PresenceClient, agentIds: readonly string[], statusId: string, options: SetManyOptions = {}): Promise<SetManyResult[]> {
  const ids = validateAgentIds(client.vendor, agentIds);
  const status = validateStatusId(client.vendor, statusId);
  return setPresences(client, ids.map((agentId) => ({ agentId, statusId: status })), options);
}

/**
 * Sets each target's status (an agent may come twice, e.g. from two input items), the same way:
 * one read of every agent first, then the sets at most `concurrency` at once. One result per
 * target, in the order given, minus those `states` leaves out.
 */
export async function setPresences(client: PresenceClient, targets: readonly SetTarget[], options: SetManyOptions = {}): Promise<SetManyResult[]> {
  const checked = targets.map((t, i) => ({
    agentId: validateAgentIds(client.vendor, [t.agentId], `targets, item ${i + 1}, agentId`)[0]!,
    statusId: validateStatusId(client.vendor, t.statusId, `targets, item ${i + 1}, statusId`),
  }));
  const { dryRun, states: onlyStates, now: clock, ...readOptions } = options;
  // A vendor's own read options (e.g. Cirrus' withCallStatus) go through to the reads and the sets.
  const concurrency = concurrencyOf(client.vendor, options.concurrency);
  const read = { ...readOptions, concurrency };
  const ids = [...new Set(checked.map((t) => t.agentId))];
  const batch = ids.length === 0 ? { presences: [], failures: [], missing: [], skipped: [] } : await client.getPresences(ids, read);
  const before = new Map<string, AgentPresence>();
  for (const p of batch.presences) before.set(p.agentId.toLowerCase(), p);
  const readErrors = new Map<string, Error>();
  for (const f of batch.failures) for (const id of f.agentIds) readErrors.set(id.toLowerCase(), f.error);
  const previousOf = (id: string) => before.get(id.toLowerCase()) ?? null;
  const notRead = (agentId: string): Error =>
    readErrors.get(agentId.toLowerCase()) ?? new Error(batch.skipped.includes(agentId) ? 'Not read: the deadline came first.' : `The vendor does not know agent "${agentId}".`);

  const states = onlyStates && onlyStates.length > 0 ? onlyStates : undefined;
  // With `states`, only an agent read and in one of them is set; one not read is an error, not a guess.
  const chosen = states ? checked.filter((t) => previousOf(t.agentId) === null || states.includes(previousOf(t.agentId)!.state)) : checked;
  const unread = (t: SetTarget): SetManyResult => ({ ...t, ok: false, previous: null, error: notRead(t.agentId), skipped: batch.skipped.includes(t.agentId) });

  if (dryRun) {
    return chosen.map((t): SetManyResult => {
      const previous = previousOf(t.agentId);
      return previous ? { ...t, ok: true, previous, current: null, changed: !sameStatus(previous, t.statusId), dryRun: true } : unread(t);
    });
  }

  const toSet = states ? chosen.filter((t) => previousOf(t.agentId) !== null) : chosen;
  const now = clock ?? (() => Date.now());
  const settled = await mapSettled(
    toSet,
    concurrency,
    (t) => client.setPresence(t.agentId, t.statusId, readOptions),
    () => options.deadline === undefined || now() < options.deadline,
  );
  const outcome = new Map(toSet.map((t, i) => [t, settled[i]!]));
  return chosen.map((t): SetManyResult => {
    const previous = previousOf(t.agentId);
    const result = outcome.get(t);
    if (!result) return unread(t);
    if (result.ok) return { ...t, ok: true, previous, current: result.value, changed: !sameStatus(previous, t.statusId), dryRun: false };
    if ('skipped' in result) return { ...t, ok: false, previous, error: new Error('Not set: the deadline came first.'), skipped: true };
    return { ...t, ok: false, previous, error: result.error instanceof Error ? result.error : new Error(String(result.error)), skipped: false };
  });
}
