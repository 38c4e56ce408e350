import { z } from 'zod/v4';
import { InputError } from './errors';
import { tooLongEventId } from './event-id';
import { PresenceStateSchema, type AgentPresence, type PresenceState, type VendorId } from './model';
import { rowOf, statusTable } from './snapshot-status-rows';

/*
 * "In a state too long": which agents have been in a watched state or status longer than its
 * threshold, once per stint, and again at each repeat interval while the stint lasts. A stint
 * begins at the vendor's `since` where it gives one, else at the first poll that saw the status.
 * What was already reported is kept in a small JSON state the caller persists (n8n static data)
 * and passes back, so a restart, a sweep or a re-activation never reports a stint twice; and each
 * report's `eventId` is derived from the stint and the repeat, so a report repeated after a crash
 * (before the state was saved) keeps its id and can be dropped downstream.
 */

/** One watch: these states and/or these statuses (ids or names), longer than `thresholdMs`. */
export interface TooLongRule {
  states?: readonly PresenceState[];
  /** Vendor status ids or names (a name matches ignoring case). A status rule beats a state rule. */
  statuses?: readonly string[];
  thresholdMs: number;
}

export interface TooLongOptions {
  rules: readonly TooLongRule[];
  /** Report again every this many ms past the threshold while the stint lasts. Default: once. */
  repeatMs?: number;
  /** When the poll saw these presences (ISO). Default now. */
  observedAt?: string;
  /** False when the poll covered only some agents: the unseen keep their stints. Default true. */
  complete?: boolean;
  /** Every agent that exists now: on a partial poll, the kept stints of agents outside it are dropped. */
  roster?: Iterable<string>;
}

export interface TooLongEvent {
  /** Derived from vendor, agent, status, stint start and repeat (see event-id.ts). */
  eventId: string;
  vendor: VendorId;
  agentId: string;
  presence: AgentPresence;
  /** When the stint began (ISO). */
  since: string;
  /** `vendor` when the vendor dated the status, `observed` when a poll that saw it did (the presence's own, or the first call here). */
  sinceSource: 'vendor' | 'observed';
  /** How long the agent has been in it, at `observedAt`. */
  durationMs: number;
  thresholdMs: number;
  /** 0 for the first report of the stint, then 1, 2… for each repeat. */
  repeat: number;
  observedAt: string;
}

/**
 * What is kept between polls, small because n8n rewrites it with the trigger's static data: a
 * table of the statuses in use (`s`: state, id, name, category) and, per agent, its status's
 * row, the stint's start (epoch ms) and the reports made. An agent is kept only while the
 * presence itself cannot tell the next poll what it needs: a stint the vendor does not date
 * (its start is our first sight) or one already reported. A dated stint not yet reported is
 * read afresh from the vendor's `since` every poll.
 */
export const TooLongStateSchema = z
  .object({
    v: z.literal(2),
    s: z.array(z.tuple([PresenceStateSchema, z.string().nullable(), z.string().nullable(), z.string().nullable()])),
    a: z.record(z.string(), z.tuple([z.number().int().nonnegative(), z.number().int(), z.number().int().min(0)])),
  })
  .refine((state) => Object.values(state.a).every(([row]) => row < state.s.length), { message: 'every status row must be in the table' });
export type TooLongState = z.infer<typeof TooLongStateSchema>;

function checkRules(options: TooLongOptions): void {
  const rules: readonly TooLongRule[] | undefined = options.rules;
  if (rules === undefined || rules === null || rules.length === 0) {
    throw new InputError('rules', 'is empty', 'Give at least one state or status to watch, with its threshold in minutes.');
  }
  rules.forEach((rule: TooLongRule, i: number) => {
    if (!Number.isFinite(rule.thresholdMs) || rule.thresholdMs <= 0) {
      throw new InputError(`rules[${i}].threshold`, `${String(rule.thresholdMs)} is not a positive duration`, 'Give the threshold as a number of minutes above 0, e.g. 15.');
    }
    if (!rule.states?.length && !rule.statuses?.length) {
      throw new InputError(`rules[${i}]`, 'watches nothing', 'Name the states (e.g. away) or the statuses (e.g. Lunch) to watch.');
    }
    rule.states?.forEach((state: PresenceState, j: number) => {
      if (!PresenceStateSchema.safeParse(state).success) {
        throw new InputError(`rules[${i}].states[${j}]`, `"${String(state)}" is not a state`, `Use one of: ${PresenceStateSchema.options.join(', ')}.`);
      }
    });
  });
  if (options.repeatMs !== undefined && (!Number.isFinite(options.repeatMs) || options.repeatMs <= 0)) {
    throw new InputError('repeat', `${String(options.repeatMs)} is not a positive duration`, 'Give the repeat interval in minutes above 0, or leave it empty to report once per stint.');
  }
}

/** The threshold for this presence: the first rule naming its status, else the first naming its state. */
export function tooLongThreshold(presence: AgentPresence, rules: readonly TooLongRule[]): number | undefined {
  const id = presence.status.id;
  const name = presence.status.name?.toLowerCase();
  const byStatus = rules.find((r) => r.statuses?.some((s) => s === id || (name !== undefined && s.toLowerCase() === name)));
  if (byStatus) return byStatus.thresholdMs;
  return rules.find((r) => r.states?.includes(presence.state))?.thresholdMs;
}

/** Same status: state, id, name and category alike. */
const sameStatus = (row: readonly [PresenceState, string | null, string | null, string | null], p: AgentPresence): boolean =>
  row[0] === p.state && row[1] === p.status.id && row[2] === p.status.name && row[3] === p.status.category;

/**
 * Compares the poll's presences with the kept state. Returns the reports due now, at most one
 * per agent (a repeat missed while nothing polled is not reported twice), and the state to keep.
 */
export function detectTooLong(
  previous: TooLongState | undefined,
  current: readonly AgentPresence[],
  options: TooLongOptions,
): { events: TooLongEvent[]; state: TooLongState } {
  checkRules(options);
  const observedAt = options.observedAt ?? new Date().toISOString();
  const now = Date.parse(observedAt);
  if (Number.isNaN(now)) throw new InputError('observedAt', `"${observedAt}" is not a time`, 'Give an ISO 8601 time such as 2026-01-31T09:00:00.000Z.');
  let prior: TooLongState = { v: 2, s: [], a: {} };
  if (previous !== undefined) {
    const read = TooLongStateSchema.safeParse(previous);
    if (!read.success) throw new InputError('previous', 'is not a state made by detectTooLong', 'Pass the state from the last call unchanged, or undefined to start afresh.');
    prior = read.data;
  }
  const table = statusTable([]);
  const agents: TooLongState['a'] = {};
  const events: TooLongEvent[] = [];
  const seen = new Set<string>();
  for (const presence of current) {
    seen.add(presence.agentId);
    const threshold = tooLongThreshold(presence, options.rules);
    if (threshold === undefined) {
      delete agents[presence.agentId];
      continue;
    }
    const vendorSince = presence.since === null ? NaN : Date.parse(presence.since);
    const kept = Object.hasOwn(prior.a, presence.agentId) ? prior.a[presence.agentId] : undefined;
    const dated = !Number.isNaN(vendorSince);
    // The same stint: same status and, where the vendor dates it, the same start.
    const same = kept !== undefined && sameStatus(prior.s[kept[0]]!, presence) && (!dated || kept[1] === vendorSince);
    const start = dated ? vendorSince : same ? kept[1] : now;
    let fired = same ? kept[2] : 0;
    const elapsed = now - start;
    if (elapsed >= threshold) {
      const due = 1 + (options.repeatMs === undefined ? 0 : Math.floor((elapsed - threshold) / options.repeatMs));
      if (due > fired) {
        const repeat = due - 1;
        events.push({
          eventId: tooLongEventId(presence.vendor, presence.agentId, presence.state, presence.status.id ?? presence.status.name, start, repeat),
          vendor: presence.vendor,
          agentId: presence.agentId,
          presence,
          since: new Date(start).toISOString(),
          sinceSource: dated ? (presence.sinceSource ?? 'vendor') : 'observed',
          durationMs: elapsed,
          thresholdMs: threshold,
          repeat,
          observedAt,
        });
        fired = due;
      }
    }
    if (!dated || fired > 0) agents[presence.agentId] = [rowOf(table, presence.state, presence.status), start, fired];
    else delete agents[presence.agentId];
  }
  if (options.complete === false) {
    // Agents this poll did not read keep their stints, unless the roster says they are gone.
    const roster = options.roster === undefined ? undefined : new Set(options.roster);
    for (const [agentId, [row, start, fired]] of Object.entries(prior.a)) {
      if (seen.has(agentId) || (roster !== undefined && !roster.has(agentId))) continue;
      const [state, id, name, category] = prior.s[row]!;
      agents[agentId] = [rowOf(table, state, { id, name, category }), start, fired];
    }
  }
  return { events, state: { v: 2, s: table.rows, a: agents } };
}
