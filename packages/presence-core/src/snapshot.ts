import { z } from 'zod/v4';
import { PresenceStateSchema, VendorIdSchema, type PresenceState, type PresenceStatus, type VendorId } from './model';

/**
 * What a trigger keeps between polls, in n8n static data (rewritten on every emit,
 * so it must stay small): a table of the distinct statuses seen (`s`), and per agent
 * its status row and the time that status began, as an offset from `b`.
 */
const StatusRowSchema = z.tuple([PresenceStateSchema, z.string().nullable(), z.string().nullable(), z.string().nullable()]);

/**
 * The first format, still read (triggers in the wild keep it until their next poll):
 * agents keyed by id, each `[row, offset]`, with a third element 1 when the offset is
 * the vendor's own `since` rather than our first sight. An entry whose row is past the
 * table is dropped when read.
 */
export const PresenceSnapshotV1Schema = z.object({
  v: z.literal(1),
  p: VendorIdSchema.nullable(),
  b: z.number().int(),
  s: z.array(StatusRowSchema),
  a: z.record(
    z.string(),
    z.union([z.tuple([z.number().int().nonnegative(), z.number().int()]), z.tuple([z.number().int().nonnegative(), z.number().int(), z.literal(1)])]),
  ),
});

/**
 * True when v2's columns line up: as many codes and offsets as ids, ids strictly
 * ascending (so a poll read in id order is compared by one merge, with no index built),
 * codes within the status table. Takes unknowns because the hand-checked reader calls it on
 * unchecked input: it is the one definition of v2's columns for the reader and the schema.
 */
export function snapshotColumnsValid(a: unknown, x: unknown, t: unknown, rows: number): boolean {
  if (!Array.isArray(a) || !Array.isArray(x) || !Array.isArray(t)) return false;
  const n = a.length;
  if (x.length !== n || t.length !== n) return false;
  let before: string | undefined;
  for (let i = 0; i < n; i++) {
    const id: unknown = a[i];
    const code: unknown = x[i];
    if (typeof id !== 'string' || (before !== undefined && !(before < id))) return false;
    if (!Number.isSafeInteger(code) || (code as number) < 0 || (code as number) >= rows * 2 || !Number.isSafeInteger(t[i])) return false;
    before = id;
  }
  return true;
}

/**
 * The current format, in columns: ids `a` in ascending order, `x` each agent's status row
 * × 2 + 1 when its offset `t` is the vendor's own `since` (+ 0 when it is our first sight).
 * Columns make it cheap to read, compare and write at 100,000 agents, and keep it
 * small: 18 to 54 bytes per agent as JSON, the id (with its quotes) being most of it.
 */
export const PresenceSnapshotV2Schema = z
  .object({
    v: z.literal(2),
    p: VendorIdSchema.nullable(),
    b: z.number().int(),
    s: z.array(StatusRowSchema),
    a: z.array(z.string()),
    x: z.array(z.number().int().nonnegative()),
    t: z.array(z.number().int()),
    /** When the poll that wrote it observed (epoch ms): what an undated appearance is derived from. Absent in older snapshots. */
    o: z.number().int().optional(),
  })
  .refine((s) => snapshotColumnsValid(s.a, s.x, s.t, s.s.length), {
    message: 'ids must ascend without repeats, with one status code and one offset each, codes within the status table',
  });

/** Every snapshot detectChanges accepts. It writes v2. */
export const PresenceSnapshotSchema = z.discriminatedUnion('v', [PresenceSnapshotV2Schema, PresenceSnapshotV1Schema]);
export type PresenceSnapshot = z.infer<typeof PresenceSnapshotSchema>;
export type PresenceSnapshotV1 = z.infer<typeof PresenceSnapshotV1Schema>;
export type PresenceSnapshotV2 = z.infer<typeof PresenceSnapshotV2Schema>;
export type StatusRowTuple = z.infer<typeof StatusRowSchema>;

/** A status table row, decoded once per snapshot; shared by the agents in it (read-only: copy before handing out). */
export interface StatusRow extends PresenceStatus {
  state: PresenceState;
}

/** A snapshot as compared: v2's columns (the arrays themselves when it is v2; built when it is v1). */
export interface SnapshotColumns {
  vendor: VendorId | null;
  base: number;
  rows: StatusRow[];
  /** Strictly ascending. */
  ids: readonly string[];
  /** Row × 2, + 1 when the start is the vendor's `since`. */
  codes: readonly number[];
  /** Start of each agent's status, ms after `base`. */
  offsets: readonly number[];
  /** When the snapshot was observed (epoch ms), when it says. */
  observed?: number;
}
