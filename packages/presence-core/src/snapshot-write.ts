import type { PresenceState, PresenceStatus, VendorId } from './model';
import type { PresenceSnapshotV2, StatusRow } from './snapshot';
import { carriedRow, rowOf, statusTable, type StatusTable } from './snapshot-status-rows';

/**
 * A v2 snapshot being written one agent at a time, in ascending id order. Offsets are taken
 * relative to a reference time (the previous snapshot's base, so that an unchanged agent's
 * offset is copied as it is) and moved to the earliest start at the end. Plain data and
 * functions, not a class: see snapshot-status-rows.ts.
 */
export interface SnapshotWriter {
  readonly reference: number;
  readonly table: StatusTable;
  readonly ids: string[];
  readonly codes: number[];
  readonly offsets: number[];
  count: number;
  earliest: number;
}

/**
 * `reference`: the time offsets are given from; `previousRows`: the table `keepAgent` rows
 * refer to; `capacity`: how many agents to expect. Columns of 100,000 agents grown by push
 * are copied again and again: they are made that size once (writing past it still works,
 * growing them), and cut at the end.
 */
export function snapshotWriter(reference: number, previousRows: readonly StatusRow[], capacity: number): SnapshotWriter {
  return {
    reference,
    table: statusTable(previousRows),
    ids: new Array<string>(capacity),
    codes: new Array<number>(capacity),
    offsets: new Array<number>(capacity),
    count: 0,
    earliest: Number.POSITIVE_INFINITY,
  };
}

function push(w: SnapshotWriter, agentId: string, row: number, offset: number, fromVendor: boolean): void {
  const i = w.count++;
  w.ids[i] = agentId;
  w.codes[i] = fromVendor ? row * 2 + 1 : row * 2;
  w.offsets[i] = offset;
  if (offset < w.earliest) w.earliest = offset;
}

/** An agent whose status is row `row` of the previous table. */
export function keepAgent(w: SnapshotWriter, agentId: string, row: number, offset: number, fromVendor: boolean): void {
  push(w, agentId, carriedRow(w.table, row), offset, fromVendor);
}

/** An agent whose status may be new to the table. */
export function addAgent(w: SnapshotWriter, agentId: string, state: PresenceState, status: PresenceStatus, offset: number, fromVendor: boolean): void {
  push(w, agentId, rowOf(w.table, state, status), offset, fromVendor);
}

/** The snapshot; `emptyBase` is its base when it holds no agent; `observed`, when it was observed (kept as `o`). */
export function finishSnapshot(w: SnapshotWriter, vendor: VendorId | null, emptyBase: number, observed?: number): PresenceSnapshotV2 {
  const { ids, codes, offsets, count, earliest } = w;
  ids.length = codes.length = offsets.length = count;
  const o = observed === undefined ? {} : { o: observed };
  if (count === 0) return { v: 2, p: vendor, b: emptyBase, s: w.table.rows, a: ids, x: codes, t: offsets, ...o };
  if (earliest !== 0) for (let i = 0; i < count; i++) offsets[i] = offsets[i]! - earliest;
  return { v: 2, p: vendor, b: w.reference + earliest, s: w.table.rows, a: ids, x: codes, t: offsets, ...o };
}
