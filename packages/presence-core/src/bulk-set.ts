import { mapSettled } from './concurrency';
import { validateStatusId } from './ids';
import type { AgentPresence } from './model';
import { concurrencyOf, validateAgentIds, type PresenceClient, type ReadOptions } from './vendors/client';

/*
 * One status for many agents: "log everyone out at 18:00". The agents' presences are read first
 * (Vonage reads 50 per request), then each is set, at most `concurrency` at a time (halved while
 * the vendor answers 429, see AdaptiveLimit). Never all-or-nothing: one result per agent, in the
 * order given, with the vendor's own error for an agent it refused.
 */

export interface SetManyOptions extends Omit<ReadOptions, 'includeRaw'> {
  /** Read only, and say who would change; nothing is written. */
  dryRun?: boolean;
  /** The clock the deadline is read against; default Date.now. */
  now?: () => number;
}

export type SetManyResult =
  | {
      agentId: string;
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
      ok: false;
      previous: AgentPresence | null;
      /** The vendor's error for this agent (code and message kept), or why it was not tried. */
      error: Error;
      /** Not tried: the deadline came first. */
      skipped: boolean;
    };

const sameStatus = (presence: AgentPresence | null, statusId: string): boolean =>
  presence !== null && presence.status.id !== null && presence.status.id.toLowerCase() === statusId.toLowerCase();

/** Sets `statusId` for every agent in `agentIds` (repeats once), or on a dry run says who would change. */
export async function setPresenceMany(client: PresenceClient, agentIds: readonly string[], statusId: string, options: SetManyOptions = {}): Promise<SetManyResult[]> {
  const ids = validateAgentIds(client.vendor, agentIds);
  const status = validateStatusId(client.vendor, statusId);
  const concurrency = concurrencyOf(client.vendor, options.concurrency);
  const read = { mapping: options.mapping, deadline: options.deadline, concurrency };
  const batch = ids.length === 0 ? { presences: [], failures: [], missing: [], skipped: [] } : await client.getPresences(ids, read);
  const before = new Map<string, AgentPresence>();
  for (const p of batch.presences) before.set(p.agentId.toLowerCase(), p);
  const readErrors = new Map<string, Error>();
  for (const f of batch.failures) for (const id of f.agentIds) readErrors.set(id.toLowerCase(), f.error);
  const previousOf = (id: string) => before.get(id.toLowerCase()) ?? null;

  if (options.dryRun) {
    return ids.map((agentId): SetManyResult => {
      const previous = previousOf(agentId);
      if (previous) return { agentId, ok: true, previous, current: null, changed: !sameStatus(previous, status), dryRun: true };
      const error = readErrors.get(agentId.toLowerCase()) ?? new Error(batch.skipped.includes(agentId) ? 'Not read: the deadline came first.' : `The vendor does not know agent "${agentId}".`);
      return { agentId, ok: false, previous: null, error, skipped: batch.skipped.includes(agentId) };
    });
  }

  const now = options.now ?? (() => Date.now());
  const settled = await mapSettled(
    ids,
    concurrency,
    (agentId) => client.setPresence(agentId, status, { mapping: options.mapping, deadline: options.deadline }),
    () => options.deadline === undefined || now() < options.deadline,
  );
  return settled.map((result, i): SetManyResult => {
    const agentId = ids[i]!;
    const previous = previousOf(agentId);
    if (result.ok) return { agentId, ok: true, previous, current: result.value, changed: !sameStatus(previous, status), dryRun: false };
    if ('skipped' in result) return { agentId, ok: false, previous, error: new Error('Not set: the deadline came first.'), skipped: true };
    return { agentId, ok: false, previous, error: result.error instanceof Error ? result.error : new Error(String(result.error)), skipped: false };
  });
}
