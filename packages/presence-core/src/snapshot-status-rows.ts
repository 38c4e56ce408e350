import type { PresenceState, PresenceStatus } from './model';
import type { StatusRow, StatusRowTuple } from './snapshot';

/**
 * The status table of a snapshot being written: each distinct status in use once, in order
 * of first use. Most agents keep their status from one poll to the next, so a row of the
 * previous table is carried over by its index (one array read), and only a new status is
 * looked up by its four fields.
 *
 * Plain data built by a literal, with functions beside it, rather than a class (as for the
 * snapshot writer and the roster lookup): a class instance made per call takes a hidden
 * class that V8 drops once no instance is left, at a full collection, and with it the
 * compiled code of every function that used it, so the next poll ran unoptimised for a while.
 * A literal's hidden class lives as long as the code.
 */
export interface StatusTable {
  readonly rows: StatusRowTuple[];
  /** Rows by status id; the few sharing an id are told apart by the other three fields. */
  readonly byId: Map<string | null, number[]>;
  /** The previous table's row → this table's, -1 until first used. */
  readonly carried: Int32Array;
  readonly previous: readonly StatusRow[];
}

export function statusTable(previous: readonly StatusRow[]): StatusTable {
  return { rows: [], byId: new Map(), carried: new Int32Array(previous.length).fill(-1), previous };
}

/** The table's index of the previous table's row `row`. */
export function carriedRow(table: StatusTable, row: number): number {
  let i = table.carried[row]!;
  if (i < 0) {
    const r = table.previous[row]!;
    table.carried[row] = i = rowOf(table, r.state, r);
  }
  return i;
}

/** The table's index of this status, added if new. */
export function rowOf(table: StatusTable, state: PresenceState, status: PresenceStatus): number {
  let same = table.byId.get(status.id);
  if (same) {
    for (const i of same) {
      const row = table.rows[i]!;
      if (row[0] === state && row[2] === status.name && row[3] === status.category) return i;
    }
  } else {
    table.byId.set(status.id, (same = []));
  }
  const i = table.rows.push([state, status.id, status.name, status.category]) - 1;
  same.push(i);
  return i;
}
