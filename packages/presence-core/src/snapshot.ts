import { z } from 'zod/v4';
import { PresenceStateSchema, presenceStates, providerIds, ProviderIdSchema, type PresenceState, type PresenceStatus, type ProviderId } from './model';

/**
 * What a trigger keeps between polls, in n8n static data (rewritten on every emit,
 * so it must stay small): a table of the distinct statuses seen, and per agent
 * an index into it and the time its status began, as an offset from `b`.
 * A third element 1 marks that start as the vendor's own `since`, not our first sight.
 */
export const PresenceSnapshotSchema = z.object({
  v: z.literal(1),
  p: ProviderIdSchema.nullable(),
  b: z.number().int(),
  s: z.array(z.tuple([PresenceStateSchema, z.string().nullable(), z.string().nullable(), z.string().nullable()])),
  a: z.record(
    z.string(),
    z.union([z.tuple([z.number().int().nonnegative(), z.number().int()]), z.tuple([z.number().int().nonnegative(), z.number().int(), z.literal(1)])]),
  ),
});
export type PresenceSnapshot = z.infer<typeof PresenceSnapshotSchema>;

export interface SnapshotEntry {
  state: PresenceState;
  status: PresenceStatus;
  /** Epoch ms the status began. */
  start: number;
  /** True when `start` is the vendor's `since`, false when it is when we first saw the status. */
  fromVendor: boolean;
}

/** True when both describe the same status: state, status id, name and category. */
export function sameStatus(aState: PresenceState, a: PresenceStatus, bState: PresenceState, b: PresenceStatus): boolean {
  return aState === bState && a.id === b.id && a.name === b.name && a.category === b.category;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
};
/** True when for...in over this plain object could list keys it does not own (a polluted Object.prototype). */
const hasInheritedKeys = (value: object): boolean => {
  const proto = Object.getPrototypeOf(value) as object | null;
  if (proto === null) return false;
  for (const _ in proto) return true;
  return false;
};
const isNullableString = (value: unknown) => value === null || typeof value === 'string';
const providerSet = new Set<unknown>(providerIds);
const stateSet = new Set<unknown>(presenceStates);

/** One status object per table row, shared by the agents in it (read-only: copy before handing out). */
function rowsOf(snapshot: PresenceSnapshot): Array<{ state: PresenceState; status: PresenceStatus }> {
  return snapshot.s.map(([state, id, name, category]) => ({ state, status: { id, name, category } }));
}

/**
 * Decodes `value` while checking it by the same rules as PresenceSnapshotSchema, without
 * zod's cost per entry (tens of thousands of agents, every poll). Accepts only what the
 * schema accepts; undefined means "not sure", and the schema decides.
 */
function decodeChecked(value: unknown): { snapshot: PresenceSnapshot; entries: Map<string, SnapshotEntry> } | undefined {
  if (!isPlainObject(value)) return undefined;
  const { v, p, b, s, a } = value;
  if (v !== 1 || (p !== null && !providerSet.has(p)) || !Number.isSafeInteger(b) || !Array.isArray(s) || !isPlainObject(a)) return undefined;
  for (const row of s as unknown[]) {
    if (!Array.isArray(row) || row.length !== 4 || !stateSet.has(row[0]) || !isNullableString(row[1]) || !isNullableString(row[2]) || !isNullableString(row[3])) return undefined;
  }
  const snapshot = value as PresenceSnapshot;
  const rows = rowsOf(snapshot);
  const base = b as number;
  // for...in also walks inherited keys: only when nothing could be inherited does it list own keys alone.
  if (hasInheritedKeys(a)) return undefined;
  const entries = new Map<string, SnapshotEntry>();
  for (const agentId in a) {
    const e = a[agentId];
    if (!Array.isArray(e) || (e.length !== 2 && (e.length !== 3 || e[2] !== 1))) return undefined;
    const index = e[0] as unknown;
    const offset = e[1] as unknown;
    if (!Number.isSafeInteger(index) || (index as number) < 0 || !Number.isSafeInteger(offset)) return undefined;
    const row = rows[index as number];
    if (row) entries.set(agentId, { state: row.state, status: row.status, start: base + (offset as number), fromVendor: e.length === 3 });
  }
  return { snapshot, entries };
}

/** The snapshot and its entries when `value` is a snapshot, else undefined. */
export function readSnapshot(value: unknown): { snapshot: PresenceSnapshot; entries: Map<string, SnapshotEntry> } | undefined {
  const checked = decodeChecked(value);
  if (checked) return checked;
  const parsed = PresenceSnapshotSchema.safeParse(value);
  return parsed.success ? { snapshot: parsed.data, entries: decodeSnapshot(parsed.data) } : undefined;
}

export function decodeSnapshot(snapshot: PresenceSnapshot): Map<string, SnapshotEntry> {
  const entries = new Map<string, SnapshotEntry>();
  const rows = rowsOf(snapshot);
  for (const [agentId, [index, offset, fromVendor]] of Object.entries(snapshot.a)) {
    const row = rows[index];
    if (!row) continue;
    entries.set(agentId, { state: row.state, status: row.status, start: snapshot.b + offset, fromVendor: fromVendor === 1 });
  }
  return entries;
}

/** The status table of a snapshot being written: each distinct status once, found by its four fields. */
class StatusTable {
  readonly rows: PresenceSnapshot['s'] = [];
  private readonly index = new Map<PresenceState, Map<string | null, Map<string | null, Map<string | null, number>>>>();

  indexOf(state: PresenceState, status: PresenceStatus): number {
    let byId = this.index.get(state);
    if (!byId) this.index.set(state, (byId = new Map()));
    let byName = byId.get(status.id);
    if (!byName) byId.set(status.id, (byName = new Map()));
    let byCategory = byName.get(status.name);
    if (!byCategory) byName.set(status.name, (byCategory = new Map()));
    let i = byCategory.get(status.category);
    if (i === undefined) {
      i = this.rows.push([state, status.id, status.name, status.category]) - 1;
      byCategory.set(status.category, i);
    }
    return i;
  }
}

export function encodeSnapshot(provider: ProviderId | null, entries: Map<string, SnapshotEntry>, fallbackBase: number): PresenceSnapshot {
  let base = Number.POSITIVE_INFINITY;
  for (const e of entries.values()) if (e.start < base) base = e.start;
  if (!Number.isFinite(base)) base = fallbackBase;
  const table = new StatusTable();
  const agents: PresenceSnapshot['a'] = {};
  for (const [agentId, e] of entries) {
    const index = table.indexOf(e.state, e.status);
    agents[agentId] = e.fromVendor ? [index, e.start - base, 1] : [index, e.start - base];
  }
  return { v: 1, p: provider, b: base, s: table.rows, a: agents };
}
