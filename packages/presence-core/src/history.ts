import { z } from 'zod/v4';
import { VendorIdSchema, PresenceStateSchema, PresenceStatusSchema, type PresenceState } from './model';

/** One period an agent spent in one status, as a vendor's presence history reports it. */
export const PresenceStintSchema = z.object({
  vendor: VendorIdSchema,
  agentId: z.string(),
  state: PresenceStateSchema,
  status: PresenceStatusSchema,
  /** When the stint began (ISO). */
  start: z.string(),
  /** When it ended (ISO); null while it lasts. */
  end: z.string().nullable(),
  /** Its length in ms; null while it lasts. */
  durationMs: z.number().nullable(),
  raw: z.unknown().optional(),
});
export type PresenceStint = z.infer<typeof PresenceStintSchema>;

export interface StintTotal {
  agentId: string;
  state: PresenceState;
  /** Time in the state inside the window, in ms. */
  totalMs: number;
  /** Stints counted (a stint cut by the window counts once). */
  stints: number;
}

export interface SummarizeOptions {
  /** Clip stints to this window (ISO): a stint begun before `from` counts only from `from`. */
  from?: string;
  /** Clip to this end; also the end of stints still lasting. Default: now. */
  to?: string;
  now?: () => number;
}

/**
 * Per agent and common state, how long and in how many stints: the "how long was each agent
 * in each state today" answer. Pure; stints still lasting count up to `to` (default now).
 * Ordered by agent (as first seen), then by state in the model's order.
 */
export function summarizeStints(stints: readonly PresenceStint[], options: SummarizeOptions = {}): StintTotal[] {
  const fromMs = options.from === undefined ? -Infinity : Date.parse(options.from);
  const toMs = options.to === undefined ? (options.now ?? Date.now)() : Date.parse(options.to);
  const byAgent = new Map<string, Map<PresenceState, StintTotal>>();
  for (const stint of stints) {
    const start = Date.parse(stint.start);
    const end = stint.durationMs !== null ? start + stint.durationMs : stint.end !== null ? Date.parse(stint.end) : toMs;
    const ms = Math.min(end, toMs) - Math.max(start, fromMs);
    if (!(ms > 0) && !(ms === 0 && start >= fromMs && start <= toMs)) continue;
    let states = byAgent.get(stint.agentId);
    if (!states) byAgent.set(stint.agentId, (states = new Map()));
    const total = states.get(stint.state) ?? { agentId: stint.agentId, state: stint.state, totalMs: 0, stints: 0 };
    total.totalMs += Math.max(0, ms);
    total.stints++;
    states.set(stint.state, total);
  }
  const order = PresenceStateSchema.options;
  return [...byAgent.values()].flatMap((states) => [...states.values()].sort((a, b) => order.indexOf(a.state) - order.indexOf(b.state)));
}
