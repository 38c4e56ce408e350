import { z } from 'zod/v4';
import { PresenceStateSchema, ProviderIdSchema, type PresenceState, type PresenceStatus, type ProviderId } from './model';

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

export function fingerprint(state: PresenceState, status: PresenceStatus): string {
  return JSON.stringify([state, status.id, status.name, status.category]);
}

export function decodeSnapshot(snapshot: PresenceSnapshot): Map<string, SnapshotEntry> {
  const entries = new Map<string, SnapshotEntry>();
  for (const [agentId, [index, offset, fromVendor]] of Object.entries(snapshot.a)) {
    const row = snapshot.s[index];
    if (!row) continue;
    const [state, id, name, category] = row;
    entries.set(agentId, { state, status: { id, name, category }, start: snapshot.b + offset, fromVendor: fromVendor === 1 });
  }
  return entries;
}

export function encodeSnapshot(provider: ProviderId | null, entries: Map<string, SnapshotEntry>, fallbackBase: number): PresenceSnapshot {
  let base = Number.POSITIVE_INFINITY;
  for (const e of entries.values()) if (e.start < base) base = e.start;
  if (!Number.isFinite(base)) base = fallbackBase;
  const table: PresenceSnapshot['s'] = [];
  const indexOf = new Map<string, number>();
  const agents: PresenceSnapshot['a'] = {};
  for (const [agentId, e] of entries) {
    const fp = fingerprint(e.state, e.status);
    let index = indexOf.get(fp);
    if (index === undefined) {
      index = table.push([e.state, e.status.id, e.status.name, e.status.category]) - 1;
      indexOf.set(fp, index);
    }
    agents[agentId] = e.fromVendor ? [index, e.start - base, 1] : [index, e.start - base];
  }
  return { v: 1, p: provider, b: base, s: table, a: agents };
}
