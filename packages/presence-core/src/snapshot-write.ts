import type { PresenceState, PresenceStatus, ProviderId } from './model';
import type { PresenceSnapshotV2, StatusRow } from './snapshot';
import { StatusTable } from './status-table';

/**
 * Writes a v2 snapshot one agent at a time, in ascending id order. Offsets are taken
 * relative to a reference time (the previous snapshot's base, so that an unchanged
 * agent's offset is copied as it is) and moved to the earliest start at the end.
 */
export class SnapshotWriter {
  private readonly ids: string[];
  private readonly codes: number[];
  private readonly offsets: number[];
  private count = 0;
  private earliest = Number.POSITIVE_INFINITY;
  private readonly table: StatusTable;

  /**
   * `reference`: the time offsets are given from; `previousRows`: the table `keep` rows
   * refer to; `capacity`: how many agents to expect. Columns of 100,000 agents grown by
   * push are copied again and again: they are made that size once (writing past it still
   * works, growing them), and cut at the end.
   */
  constructor(
    private readonly reference: number,
    previousRows: readonly StatusRow[],
    capacity: number,
  ) {
    this.table = new StatusTable(previousRows);
    this.ids = new Array<string>(capacity);
    this.codes = new Array<number>(capacity);
    this.offsets = new Array<number>(capacity);
  }

  /** An agent whose status is row `row` of the previous table. */
  keep(agentId: string, row: number, offset: number, fromVendor: boolean): void {
    this.push(agentId, this.table.carry(row), offset, fromVendor);
  }

  /** An agent whose status may be new to the table. */
  add(agentId: string, state: PresenceState, status: PresenceStatus, offset: number, fromVendor: boolean): void {
    this.push(agentId, this.table.indexOf(state, status), offset, fromVendor);
  }

  private push(agentId: string, row: number, offset: number, fromVendor: boolean): void {
    const i = this.count++;
    this.ids[i] = agentId;
    this.codes[i] = fromVendor ? row * 2 + 1 : row * 2;
    this.offsets[i] = offset;
    if (offset < this.earliest) this.earliest = offset;
  }

  /** The snapshot; `emptyBase` is its base when it holds no agent. */
  finish(provider: ProviderId | null, emptyBase: number): PresenceSnapshotV2 {
    const { ids, codes, offsets, count, earliest } = this;
    ids.length = codes.length = offsets.length = count;
    if (count === 0) return { v: 2, p: provider, b: emptyBase, s: this.table.rows, a: ids, x: codes, t: offsets };
    if (earliest !== 0) for (let i = 0; i < count; i++) offsets[i] = offsets[i]! - earliest;
    return { v: 2, p: provider, b: this.reference + earliest, s: this.table.rows, a: ids, x: codes, t: offsets };
  }
}
