import type { PresenceState, PresenceStatus } from './model';
import type { StatusRow, StatusRowTuple } from './snapshot';

/**
 * The status table of a snapshot being written: each distinct status in use once, in order
 * of first use. Most agents keep their status from one poll to the next, so a row of the
 * previous table is carried over by its index (one array read), and only a new status is
 * looked up by its four fields.
 */
export class StatusTable {
  readonly rows: StatusRowTuple[] = [];
  /** Rows by status id; the few sharing an id are told apart by the other three fields. */
  private readonly byId = new Map<string | null, number[]>();
  /** The previous table's row → this table's, -1 until first used. */
  private readonly carried: Int32Array;

  constructor(private readonly previous: readonly StatusRow[] = []) {
    this.carried = new Int32Array(previous.length).fill(-1);
  }

  /** This table's index of the previous table's row `row`. */
  carry(row: number): number {
    let i = this.carried[row]!;
    if (i < 0) {
      const r = this.previous[row]!;
      this.carried[row] = i = this.indexOf(r.state, r);
    }
    return i;
  }

  indexOf(state: PresenceState, status: PresenceStatus): number {
    let same = this.byId.get(status.id);
    if (same) {
      for (const i of same) {
        const row = this.rows[i]!;
        if (row[0] === state && row[2] === status.name && row[3] === status.category) return i;
      }
    } else {
      this.byId.set(status.id, (same = []));
    }
    const i = this.rows.push([state, status.id, status.name, status.category]) - 1;
    same.push(i);
    return i;
  }
}
