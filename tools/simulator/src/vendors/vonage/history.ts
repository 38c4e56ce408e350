/**
 * Vonage presence history, derived from the ground-truth timeline: each Vonage timeline entry
 * begins a stint that the agent's next entry ends. The same derivation answers
 * `GET /stats/agent-activities/presence` and the control API's `GET /_sim/history`, so a test can
 * compare what a client read with the truth. Stints begun before the first kept entry are unknown
 * (the world's starting presences have no entry) and never reported.
 */
import type { World } from '../../world';

export interface SimStint {
  agentId: string;
  statusId: string;
  statusName: string;
  category: string;
  startMs: number;
  /** Null while the stint lasts. */
  endMs: number | null;
}

/** Stints of Vonage agents begun in [fromMs, toMs), by start then agent id. */
export function vonageStints(world: World, fromMs: number, toMs: number, agentId?: string): SimStint[] {
  const open = new Map<string, SimStint>();
  const stints: SimStint[] = [];
  let sinceSeq = 0;
  for (;;) {
    const page = world.timelinePage({ vendor: 'vonage', ...(agentId === undefined ? {} : { agentId }), sinceSeq, limit: 10_000 });
    for (const e of page.entries) {
      const at = Date.parse(e.at);
      const previous = open.get(e.agentId);
      if (previous) {
        if (previous.statusId === e.statusId) continue;
        previous.endMs = at;
      }
      const stint: SimStint = { agentId: e.agentId, statusId: e.statusId, statusName: e.statusName, category: e.category, startMs: at, endMs: null };
      open.set(e.agentId, stint);
      stints.push(stint);
    }
    if (!page.hasMore) break;
    sinceSeq = page.nextSinceSeq;
  }
  return stints
    .filter((s) => s.startMs >= fromMs && s.startMs < toMs)
    .sort((a, b) => a.startMs - b.startMs || (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0));
}

/** A stint as the vendor's record of type Presence (the agent-activities reference's fields, in its order). */
export function vonageActivity(s: SimStint) {
  return {
    agentId: s.agentId,
    type: 'Presence',
    category: s.category,
    name: s.statusName,
    eligibleForRouting: s.category === 'Ready',
    start: new Date(s.startMs).toISOString(),
    status: null,
    duration: s.endMs === null ? null : s.endMs - s.startMs,
    reason: null,
  };
}

/** The ground truth as the control API reports it. */
export function stintView(s: SimStint) {
  return {
    agentId: s.agentId,
    statusId: s.statusId,
    statusName: s.statusName,
    category: s.category,
    start: new Date(s.startMs).toISOString(),
    end: s.endMs === null ? null : new Date(s.endMs).toISOString(),
    durationMs: s.endMs === null ? null : s.endMs - s.startMs,
  };
}
