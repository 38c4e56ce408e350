// The change detection of snapshot v1 (Map-based), kept as the oracle the merge over
// v2 columns is compared with. It works on decoded entries, so it is format-free.
import type { AgentPresence, PresenceChange, PresenceState, PresenceStatus, VendorId } from '../../src';
import type { PresenceSnapshot } from '../../src/snapshot';
import { appearedEventId, changedEventId, disappearedEventId, enteredEventId } from '../../src/event-id';
import { readSnapshot } from '../../src/snapshot-read';

export interface Entry {
  state: PresenceState;
  status: PresenceStatus;
  start: number;
  fromVendor: boolean;
}

export interface Decoded {
  vendor: VendorId | null;
  /** In ascending id order: the order departures are reported in. */
  entries: Map<string, Entry>;
  /** When the snapshot was observed, else its base: what undated appearances are derived from. */
  comparedWith: number;
}

/** Any snapshot, decoded by the code under test's reader. */
export function decode(snapshot: PresenceSnapshot): Decoded {
  const read = readSnapshot(snapshot);
  if (!read) throw new Error('not a snapshot');
  const entries = new Map<string, Entry>();
  read.ids.forEach((id, j) => {
    const code = read.codes[j]!;
    const row = read.rows[code >> 1]!;
    entries.set(id, { state: row.state, status: { id: row.id, name: row.name, category: row.category }, start: read.base + read.offsets[j]!, fromVendor: (code & 1) === 1 });
  });
  return { vendor: read.vendor, entries, comparedWith: read.observed ?? read.base };
}

/** A v1 snapshot of these entries, as v1's encoder wrote it. */
export function encodeV1(vendor: VendorId | null, entries: Map<string, Entry>, fallbackBase: number): PresenceSnapshot {
  let base = Number.POSITIVE_INFINITY;
  for (const e of entries.values()) if (e.start < base) base = e.start;
  if (!Number.isFinite(base)) base = fallbackBase;
  const rows: Array<[PresenceState, string | null, string | null, string | null]> = [];
  const agents: Record<string, [number, number] | [number, number, 1]> = {};
  for (const [agentId, e] of entries) {
    let index = rows.findIndex(([state, id, name, category]) => state === e.state && id === e.status.id && name === e.status.name && category === e.status.category);
    if (index < 0) index = rows.push([e.state, e.status.id, e.status.name, e.status.category]) - 1;
    agents[agentId] = e.fromVendor ? [index, e.start - base, 1] : [index, e.start - base];
  }
  return { v: 1, p: vendor, b: base, s: rows, a: agents };
}

const sameText = (a: string | null, b: string | null) => a === b || (a !== null && b !== null && a.toLowerCase() === b.toLowerCase());
const sameStatus = (a: Entry, state: PresenceState, b: PresenceStatus) =>
  a.state === state && a.status.id === b.id && sameText(a.status.name, b.name) && sameText(a.status.category, b.category);
/** Without the vendor's since, a reported presence's status began when it was first seen. */
const observed = (p: AgentPresence, observedAt: string): AgentPresence => (p.since !== null ? p : { ...p, since: observedAt, sinceSource: 'observed' });

function parseTime(value: string | null): number | undefined {
  if (value === null) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

const previousOf = (e: Entry): PresenceChange['previous'] => ({
  state: e.state,
  status: { ...e.status },
  since: new Date(e.start).toISOString(),
  sinceSource: e.fromVendor ? 'vendor' : 'observed',
});

/** v1's detectChanges, on decoded entries; the next entries come back in ascending id order. */
export function referenceDetect(
  prior: Decoded | undefined,
  current: AgentPresence[],
  options: { observedAt: string; complete?: boolean; baseline?: boolean; roster?: Iterable<string> },
): { changes: PresenceChange[]; next: Decoded } {
  const { observedAt } = options;
  const observedMs = Date.parse(observedAt);
  const baseline = options.baseline ?? prior === undefined;
  const complete = options.complete ?? true;
  let vendor: VendorId | null = prior?.vendor ?? null;
  const next = new Map<string, Entry>(complete ? [] : prior?.entries ?? []);
  const seen = new Set<string>();
  const changes: PresenceChange[] = [];
  for (const presence of current) {
    if (vendor === null) vendor = presence.vendor;
    else if (presence.vendor !== vendor) throw new Error(`mixes vendors (${vendor} and ${presence.vendor})`);
    seen.add(presence.agentId);
    const vendorSince = parseTime(presence.since);
    const before = prior?.entries.get(presence.agentId);
    const changed = before !== undefined && !sameStatus(before, presence.state, presence.status);
    next.set(presence.agentId, {
      state: presence.state,
      // The same status in another case is no change: the one first seen is kept.
      status: before && !changed ? { ...before.status } : { ...presence.status },
      start: vendorSince ?? (before && !changed ? before.start : observedMs),
      fromVendor: vendorSince !== undefined || (before !== undefined && !changed && before.fromVendor),
    });
    if (baseline) continue;
    const current = { state: presence.state, ...presence.status };
    const entered = vendorSince === undefined ? undefined : enteredEventId(presence.vendor, presence.agentId, presence.state, presence.status.id, vendorSince);
    if (before === undefined) {
      const reported = observed(presence, observedAt);
      const eventId = entered ?? appearedEventId(presence.vendor, presence.agentId, current, prior ? prior.comparedWith : observedMs);
      changes.push({ eventId, event: 'appeared', agentId: presence.agentId, name: reported.name, email: reported.email, vendor: presence.vendor, current: reported, previous: null, durationInPreviousMs: null, observedAt });
    } else if (changed) {
      const reported = observed(presence, observedAt);
      changes.push({
        eventId: entered ?? changedEventId(presence.vendor, presence.agentId, { state: before.state, ...before.status }, before.start, current),
        event: 'changed',
        agentId: presence.agentId,
        name: reported.name,
        email: reported.email,
        vendor: presence.vendor,
        current: reported,
        previous: previousOf(before),
        durationInPreviousMs: Math.max(0, (vendorSince ?? observedMs) - before.start),
        observedAt,
      });
    }
  }
  const roster = options.roster === undefined ? undefined : new Set(options.roster);
  if (roster) for (const agentId of next.keys()) if (!roster.has(agentId) && !seen.has(agentId)) next.delete(agentId);
  if ((complete || roster) && prior && !baseline && vendor !== null) {
    for (const [agentId, before] of prior.entries) {
      if (seen.has(agentId) || (!complete && roster?.has(agentId))) continue;
      const eventId = disappearedEventId(vendor, agentId, { state: before.state, ...before.status }, before.start);
      changes.push({ eventId, event: 'disappeared', agentId, name: null, email: null, vendor, current: null, previous: previousOf(before), durationInPreviousMs: Math.max(0, observedMs - before.start), observedAt });
    }
  }
  const sorted = new Map([...next].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { changes, next: { vendor, entries: sorted, comparedWith: observedMs } };
}
