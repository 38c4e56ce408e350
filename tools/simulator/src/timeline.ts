/**
 * Ground-truth timeline of presence changes, kept compactly in a ring of typed
 * arrays (about 24 bytes per entry). Only the last `cap` entries are kept
 * (default 1,000,000); older ones are dropped and `firstSeq` moves forward.
 */
import type { ChangeSource, TimelineEntry, VendorId } from './types';
import { VENDORS, vendorOf } from './vendors/registry';

const SOURCES: readonly ChangeSource[] = ['scenario', 'control', 'api'];
export const DEFAULT_TIMELINE_CAP = 1_000_000;

/** What an entry refers to, resolved when read. */
export interface TimelineResolver {
  agentId(vendor: VendorId, agentIndex: number): string;
  status(vendor: VendorId, statusIdx: number): { id: string; name: string; category: string };
}

export interface TimelineQuery {
  vendor?: VendorId;
  agentId?: string;
  /** Entries with seq > sinceSeq (default 0: from the oldest kept). */
  sinceSeq?: number;
  /** Max entries returned (default 10,000). */
  limit?: number;
}

export interface TimelinePage {
  entries: TimelineEntry[];
  /** Oldest seq still kept (== nextSeq when empty). */
  firstSeq: number;
  /** Seq of the newest entry (0 when none yet). */
  lastSeq: number;
  /** Pass as sinceSeq to continue. */
  nextSinceSeq: number;
  /** More matching entries may follow (limit reached). */
  hasMore: boolean;
  /** Entries after sinceSeq were already dropped by the cap. */
  truncated: boolean;
  cap: number;
}

export class Timeline {
  readonly cap: number;
  private allocated = 0;
  private at = new Float64Array(0);
  private agent = new Int32Array(0);
  private status = new Int16Array(0);
  private occupancy = new Int16Array(0);
  private interactions = new Int16Array(0);
  private meta = new Uint8Array(0); // vendor (low 4 bits) | source << 4
  private next = 1;

  constructor(cap = DEFAULT_TIMELINE_CAP) {
    if (!Number.isInteger(cap) || cap < 1) throw new RangeError('timeline cap must be a positive integer');
    this.cap = cap;
  }

  get nextSeq(): number {
    return this.next;
  }

  get firstSeq(): number {
    return Math.max(1, this.next - this.cap);
  }

  get size(): number {
    return this.next - this.firstSeq;
  }

  push(e: {
    vendor: VendorId;
    agentIndex: number;
    at: number;
    statusIdx: number;
    occupancy: number;
    interactions: number;
    source: ChangeSource;
  }): number {
    const seq = this.next++;
    const pos = (seq - 1) % this.cap;
    if (pos >= this.allocated) this.grow();
    this.at[pos] = e.at;
    this.agent[pos] = e.agentIndex;
    this.status[pos] = e.statusIdx;
    this.occupancy[pos] = e.occupancy;
    this.interactions[pos] = e.interactions;
    this.meta[pos] = VENDORS.indexOf(e.vendor) | (SOURCES.indexOf(e.source) << 4);
    return seq;
  }

  private grow(): void {
    const size = Math.min(this.cap, Math.max(1024, this.allocated * 2));
    const copy = <T extends Float64Array | Int32Array | Int16Array | Uint8Array>(old: T, make: (n: number) => T): T => {
      const arr = make(size);
      arr.set(old as never);
      return arr;
    };
    this.at = copy(this.at, (n) => new Float64Array(n));
    this.agent = copy(this.agent, (n) => new Int32Array(n));
    this.status = copy(this.status, (n) => new Int16Array(n));
    this.occupancy = copy(this.occupancy, (n) => new Int16Array(n));
    this.interactions = copy(this.interactions, (n) => new Int16Array(n));
    this.meta = copy(this.meta, (n) => new Uint8Array(n));
    this.allocated = size;
  }

  private entry(seq: number, resolve: TimelineResolver): TimelineEntry {
    const pos = (seq - 1) % this.cap;
    const meta = this.meta[pos]!;
    const vendor = VENDORS[meta & 15]!;
    const status = resolve.status(vendor, this.status[pos]!);
    const entry: TimelineEntry = {
      seq,
      vendor,
      agentId: resolve.agentId(vendor, this.agent[pos]!),
      at: new Date(this.at[pos]!).toISOString(),
      statusId: status.id,
      statusName: status.name,
      category: status.category,
      source: SOURCES[meta >> 4]!,
    };
    if (vendorOf(vendor).calls === 'interactions') {
      entry.occupancy = this.occupancy[pos]!;
      entry.interactions = this.interactions[pos]!;
    }
    return entry;
  }

  query(q: TimelineQuery, resolve: TimelineResolver, agentIndex?: number): TimelinePage {
    const since = Math.max(0, Math.floor(q.sinceSeq ?? 0));
    const limit = Math.max(1, Math.floor(q.limit ?? 10_000));
    const first = this.firstSeq;
    const vendorIdx = q.vendor ? VENDORS.indexOf(q.vendor) : -1;
    const entries: TimelineEntry[] = [];
    let seq = Math.max(since + 1, first);
    let lastScanned = Math.max(since, first - 1);
    let hasMore = false;
    for (; seq < this.next; seq++) {
      const pos = (seq - 1) % this.cap;
      if (vendorIdx >= 0 && (this.meta[pos]! & 15) !== vendorIdx) {
        lastScanned = seq;
        continue;
      }
      if (agentIndex !== undefined && this.agent[pos] !== agentIndex) {
        lastScanned = seq;
        continue;
      }
      if (entries.length >= limit) {
        hasMore = true;
        break;
      }
      entries.push(this.entry(seq, resolve));
      lastScanned = seq;
    }
    return {
      entries,
      firstSeq: first,
      lastSeq: this.next - 1,
      nextSinceSeq: lastScanned,
      hasMore,
      truncated: since + 1 < first,
      cap: this.cap,
    };
  }
}
