import { presenceStates } from './model';
import { isVendorId } from './vendors/registry';
import {
  PresenceSnapshotSchema,
  snapshotColumnsValid,
  type PresenceSnapshot,
  type PresenceSnapshotV1,
  type SnapshotColumns,
  type StatusRow,
  type StatusRowTuple,
} from './snapshot';

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
const stateSet = new Set<unknown>(presenceStates);

const rowOf = ([state, id, name, category]: StatusRowTuple): StatusRow => ({ state, id, name, category });

/** The fields every version shares, checked by hand: the status table as rows, or undefined when unsure. */
function handCheckedHead(value: Record<string, unknown>): StatusRow[] | undefined {
  const { p, b, s } = value;
  if ((p !== null && !isVendorId(p)) || !Number.isSafeInteger(b) || !Array.isArray(s)) return undefined;
  for (const row of s as unknown[]) {
    if (!Array.isArray(row) || row.length !== 4 || !stateSet.has(row[0]) || !isNullableString(row[1]) || !isNullableString(row[2]) || !isNullableString(row[3])) return undefined;
  }
  return (s as StatusRowTuple[]).map(rowOf);
}

/** v1's agents, keyed by id, as columns: sorted by id, dropping those whose row is past the table (as v1 always did). */
function v1Columns(snapshot: Pick<PresenceSnapshotV1, 'p' | 'b'>, rows: StatusRow[], entries: Array<[string, readonly unknown[]]>): SnapshotColumns {
  const kept = entries.filter(([, e]) => (e[0] as number) < rows.length).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  return {
    vendor: snapshot.p,
    base: snapshot.b,
    rows,
    ids: kept.map(([id]) => id),
    codes: kept.map(([, e]) => (e[0] as number) * 2 + (e.length === 3 ? 1 : 0)),
    offsets: kept.map(([, e]) => e[1] as number),
  };
}

/** A v1 `a`, checked by hand by the rules of its schema; undefined when unsure. */
function handCheckedV1Entries(a: unknown): Array<[string, readonly unknown[]]> | undefined {
  // for...in also walks inherited keys: only when nothing could be inherited does it list own keys alone.
  if (!isPlainObject(a) || hasInheritedKeys(a)) return undefined;
  const entries: Array<[string, readonly unknown[]]> = [];
  for (const agentId in a) {
    const e = a[agentId];
    if (!Array.isArray(e) || (e.length !== 2 && (e.length !== 3 || e[2] !== 1))) return undefined;
    const index = e[0] as unknown;
    if (!Number.isSafeInteger(index) || (index as number) < 0 || !Number.isSafeInteger(e[1])) return undefined;
    entries.push([agentId, e]);
  }
  return entries;
}

/**
 * Decodes `value` while checking it by the same rules as PresenceSnapshotSchema, without
 * zod's cost per agent (tens of thousands of agents, every poll). Accepts only what the
 * schema accepts; undefined means "not sure", and the schema decides.
 */
function handCheckedColumns(value: unknown): SnapshotColumns | undefined {
  if (!isPlainObject(value)) return undefined;
  const { v } = value;
  if (v !== 1 && v !== 2) return undefined;
  const rows = handCheckedHead(value);
  if (!rows) return undefined;
  if (v === 1) {
    const entries = handCheckedV1Entries(value.a);
    return entries && v1Columns(value as PresenceSnapshotV1, rows, entries);
  }
  const { a, x, t } = value;
  if (!snapshotColumnsValid(a, x, t, rows.length)) return undefined;
  // The snapshot's own arrays: compared in place, never changed (the next snapshot gets new ones).
  const columns: SnapshotColumns = { vendor: value.p as SnapshotColumns['vendor'], base: value.b as number, rows, ids: a as string[], codes: x as number[], offsets: t as number[] };
  if (value.o !== undefined) {
    if (!Number.isSafeInteger(value.o)) return undefined;
    columns.observed = value.o as number;
  }
  return columns;
}

function columnsOf(snapshot: PresenceSnapshot): SnapshotColumns {
  const rows = snapshot.s.map(rowOf);
  if (snapshot.v === 1) return v1Columns(snapshot, rows, Object.entries(snapshot.a));
  const columns: SnapshotColumns = { vendor: snapshot.p, base: snapshot.b, rows, ids: snapshot.a, codes: snapshot.x, offsets: snapshot.t };
  if (snapshot.o !== undefined) columns.observed = snapshot.o;
  return columns;
}

/** The snapshot as columns when `value` is one (either version), else undefined. */
export function readSnapshot(value: unknown): SnapshotColumns | undefined {
  const checked = handCheckedColumns(value);
  if (checked) return checked;
  const parsed = PresenceSnapshotSchema.safeParse(value);
  return parsed.success ? columnsOf(parsed.data) : undefined;
}
