// What really happened: the simulator's initial state plus its timeline of every
// vendor-visible change, per agent, so the soak can ask "what was this agent's
// presence at instant T?" independently of the code under test.
import type { Simulator, TimelineEntry } from '@agent-presence/simulator';
import type { Vendor } from './vendors';

/** The common state each vendor value means, written out here independently of presence-core. */
function expectedState(vendor: Vendor, category: string, busySignal: boolean): string {
  switch (vendor) {
    case 'cirrus':
      return ({ Active: 'available', Busy: 'busy', Away: 'away' } as Record<string, string>)[category] ?? 'unknown';
    case 'vonage':
      return ({ Ready: 'available', Away: 'away', ExtendedAway: 'away', LoggedOut: 'offline' } as Record<string, string>)[category] ?? 'unknown';
    case 'talkdesk':
      if (category === 'available') return busySignal ? 'busy' : 'available';
      return ({ away: 'away', offline: 'offline', hidden: 'offline' } as Record<string, string>)[category] ?? 'unknown';
  }
}

/** The key a change is compared on: the vendor status id and the common state it means. */
export function presenceKey(statusId: string | null, state: string): string {
  return `${statusId ?? '∅'}/${state}`;
}

interface Point {
  at: number;
  key: string;
}

function keyOfEntry(vendor: Vendor, e: Pick<TimelineEntry, 'statusId' | 'category' | 'occupancy' | 'interactions'>): string {
  const busy = (e.interactions ?? 0) > 0 || (e.occupancy ?? 0) > 0;
  return presenceKey(e.statusId, expectedState(vendor, e.category, busy));
}

export class GroundTruth {
  private readonly points = new Map<string, Point[]>();
  private sinceSeq = 0;
  /** Timeline entries read so far (every ground-truth change). */
  changes = 0;

  constructor(
    private readonly sim: Simulator,
    readonly vendor: Vendor,
  ) {
    const state = sim.control.state(vendor);
    for (const a of state.agents) {
      const record = a.record as { interactions?: unknown[]; occupancy?: number } | null;
      const entry = {
        statusId: a.statusId,
        category: a.category,
        interactions: vendor === 'talkdesk' ? (record?.interactions?.length ?? 0) : undefined,
        occupancy: vendor === 'talkdesk' ? (record?.occupancy ?? 0) : undefined,
      };
      this.points.set(a.agentId, [{ at: Number.NEGATIVE_INFINITY, key: keyOfEntry(vendor, entry) }]);
    }
    // The timeline so far is already in the state read above.
    const page = sim.control.timeline({ vendor, sinceSeq: 0, limit: 1 });
    this.sinceSeq = page.lastSeq;
  }

  get agentIds(): string[] {
    return [...this.points.keys()];
  }

  /** Reads the timeline entries added since the last call. */
  sync(): void {
    for (;;) {
      const page = this.sim.control.timeline({ vendor: this.vendor, sinceSeq: this.sinceSeq, limit: 100_000 });
      if (page.truncated) throw new Error(`ground truth lost: the simulator's timeline dropped entries after seq ${this.sinceSeq}`);
      for (const e of page.entries) {
        const list = this.points.get(e.agentId);
        if (!list) throw new Error(`ground truth: unknown agent ${e.agentId}`);
        list.push({ at: Date.parse(e.at), key: keyOfEntry(this.vendor, e) });
        this.changes++;
      }
      this.sinceSeq = page.nextSinceSeq;
      if (!page.hasMore) break;
    }
  }

  /** The agent's presence key at virtual instant `t` (changes at exactly `t` included). */
  keyAt(agentId: string, t: number): string {
    const list = this.points.get(agentId);
    if (!list) throw new Error(`ground truth: unknown agent ${agentId}`);
    let lo = 0;
    let hi = list.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (list[mid]!.at <= t) lo = mid;
      else hi = mid - 1;
    }
    return list[lo]!.key;
  }

  /** Ground-truth changes of the agent in (t1, t2]: some may revert before t2 (invisible by design). */
  changesBetween(agentId: string, t1: number, t2: number): number {
    return (this.points.get(agentId) ?? []).filter((p) => p.at > t1 && p.at <= t2).length;
  }
}
