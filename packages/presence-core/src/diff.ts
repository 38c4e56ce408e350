import { InputError } from './errors';
import { appearedEventId, changedEventId, disappearedEventId, enteredEventId } from './event-id';
import { freshChange, freshPrevious, freshStatus } from './presence-templates';
import { inRoster, rosterLookup } from './id-order';
import { parseSince } from './iso-time';
import type { AgentPresence, PresenceChange, VendorId } from './model';
import type { PresenceSnapshotV2, SnapshotColumns, StatusRow } from './snapshot';
import { addAgent, finishSnapshot, keepAgent, snapshotWriter } from './snapshot-write';

export interface DiffSettings {
  observedAt: string;
  observedMs: number;
  baseline: boolean;
  complete: boolean;
  roster: readonly unknown[] | undefined;
  /** The snapshot's vendor, else the first presence's. */
  vendor: VendorId | null;
}

const noIds: readonly string[] = [];
const noNumbers: readonly number[] = [];

function previousOf(row: StatusRow, start: number, fromVendor: boolean): PresenceChange['previous'] {
  // A decoded row is shared with other agents: every event gets its own status object.
  return freshPrevious(row.state, freshStatus(row.id, row.name, row.category), new Date(start).toISOString(), fromVendor ? 'vendor' : 'observed');
}

export function mixedVendors(vendor: VendorId, other: VendorId): InputError {
  return new InputError('current', `mixes vendors (${vendor} and ${other})`, 'Keep one snapshot per vendor.');
}

/**
 * Compares presences with the previous snapshot's columns by walking both in id order,
 * writing the next snapshot on the way: no index of either side, no object per agent,
 * and one pass over the presences, which checks them as it goes (one vendor, string
 * ids, ascending). `order` lists the presences' indices in id order when they do not come
 * so; without it, undefined means they do not, and the caller sorts and asks again.
 * Events for the presences come in their given order, then the departures in id order.
 */
export function diff(
  prior: SnapshotColumns | undefined,
  current: readonly AgentPresence[],
  order: readonly number[] | undefined,
  settings: DiffSettings,
): { changes: PresenceChange[]; snapshot: PresenceSnapshotV2 } | undefined {
  const { observedAt, observedMs, baseline, complete, vendor } = settings;
  const roster = settings.roster && rosterLookup(settings.roster);
  const ids = prior ? prior.ids : noIds;
  const codes = prior ? prior.codes : noNumbers;
  const offsets = prior ? prior.offsets : noNumbers;
  const rows = prior ? prior.rows : [];
  // What an undated appearance is derived from: when the snapshot compared with was taken.
  const comparedWith = prior ? (prior.observed ?? prior.base) : observedMs;
  // Every offset, old and new, counts from here until the writer moves them to the earliest start.
  const reference = prior ? prior.base : observedMs;
  // Mostly the same agents as before: a poll that adds some grows the columns once or twice.
  const writer = snapshotWriter(reference, rows, Math.max(ids.length, current.length));
  const found: PresenceChange[] = [];
  /** Index in `current` of each found change, to put them back in the given order. */
  const foundAt: number[] | undefined = order && [];
  const gone: PresenceChange[] = [];

  /** The previous snapshot's agent `j`, not among the presences. */
  const unseen = (j: number) => {
    const agentId = ids[j]!;
    const code = codes[j]!;
    if (!complete && (roster === undefined || inRoster(roster, agentId))) {
      keepAgent(writer, agentId, code >> 1, offsets[j]!, (code & 1) === 1);
    } else if (!baseline && vendor !== null) {
      const start = reference + offsets[j]!;
      const row = rows[code >> 1]!;
      const eventId = disappearedEventId(vendor, agentId, row, start);
      gone.push(freshChange('disappeared', agentId, vendor, null, previousOf(row, start, (code & 1) === 1), Math.max(0, observedMs - start), observedAt, eventId));
    }
  };

  const n = current.length;
  let j = 0;
  let before = '';
  for (let q = 0; q < n; q++) {
    const k = order === undefined ? q : order[q]!;
    const presence = current[k]!;
    const agentId = presence.agentId;
    // In the given order here, so the first mismatch is the one a plain loop would meet.
    if (order === undefined && presence.vendor !== vendor) throw mixedVendors(vendor!, presence.vendor);
    let matched = false;
    while (j < ids.length) {
      const id = ids[j]!;
      if (id === agentId) {
        matched = true;
        break;
      }
      if (!(id < agentId)) break;
      unseen(j++);
    }
    if (order === undefined) {
      // Agents found in the snapshot come in its (checked, ascending) order of string ids:
      // only one it does not have needs checking, and the first out of order ends the walk.
      if (!matched) {
        if (typeof agentId !== 'string') throw notAString(agentId);
        if (q > 0 && !(before < agentId)) return undefined;
      }
      before = agentId;
    }
    // Given in no order, an agent may come twice: each is compared with the snapshot, the last is kept.
    const last = order === undefined || q + 1 === n || current[order[q + 1]!]!.agentId !== agentId;
    const vendorSince = parseSince(presence.since);
    const fromVendor = vendorSince !== undefined;
    const startMs = fromVendor ? vendorSince : observedMs;
    const startOffset = startMs - reference;
    const status = presence.status;
    if (matched) {
      const code = codes[j]!;
      const row = rows[code >> 1]!;
      if (row.state === presence.state && row.id === status.id && sameText(row.name, status.name) && sameText(row.category, status.category)) {
        // Same status: it began when it did, unless the vendor says when.
        if (last) keepAgent(writer, agentId, code >> 1, fromVendor ? startOffset : offsets[j]!, fromVendor || (code & 1) === 1);
      } else {
        if (last) addAgent(writer, agentId, presence.state, status, startOffset, fromVendor);
        if (!baseline) {
          const start = reference + offsets[j]!;
          const eventId = fromVendor
            ? enteredEventId(presence.vendor, agentId, presence.state, status.id, startMs)
            : changedEventId(presence.vendor, agentId, row, start, { state: presence.state, id: status.id, name: status.name, category: status.category });
          found.push(freshChange('changed', agentId, presence.vendor, fromVendor ? presence : observedSince(presence, observedAt), previousOf(row, start, (code & 1) === 1), Math.max(0, startMs - start), observedAt, eventId));
          foundAt?.push(k);
        }
      }
      if (last) j++;
    } else {
      if (last) addAgent(writer, agentId, presence.state, status, startOffset, fromVendor);
      if (!baseline) {
        const eventId = fromVendor
          ? enteredEventId(presence.vendor, agentId, presence.state, status.id, startMs)
          : appearedEventId(presence.vendor, agentId, { state: presence.state, id: status.id, name: status.name, category: status.category }, comparedWith);
        found.push(freshChange('appeared', agentId, presence.vendor, fromVendor ? presence : observedSince(presence, observedAt), null, null, observedAt, eventId));
        foundAt?.push(k);
      }
    }
  }
  for (; j < ids.length; j++) unseen(j);

  const changes = foundAt ? inGivenOrder(found, foundAt) : found;
  for (const change of gone) changes.push(change);
  return { changes, snapshot: finishSnapshot(writer, vendor, observedMs, observedMs) };
}

/**
 * Name and category compared ignoring case: a vendor (or this library, as Talkdesk's
 * categories did) that changes only the case of a status is no change of presence.
 */
function sameText(a: string | null, b: string | null): boolean {
  return a === b || (a !== null && b !== null && a.toLowerCase() === b.toLowerCase());
}

/**
 * A presence without the vendor's `since`, as reported in a change: its status began, as far as
 * anyone can tell, when the trigger first saw it. A copy: the caller's presence is not changed.
 */
export function observedSince(presence: AgentPresence, observedAt: string): AgentPresence {
  if (presence.since !== null) return presence;
  return { ...presence, since: observedAt, sinceSource: 'observed' };
}

/** Ids are compared in order and kept in the snapshot as strings: anything else would make a snapshot that cannot be read back. */
export function notAString(agentId: unknown): InputError {
  return new InputError('current', `has an agentId that is not a string (${typeof agentId})`, 'Give agent ids as strings, as normalizePresence does.');
}

function inGivenOrder(found: PresenceChange[], at: number[]): PresenceChange[] {
  const byPosition = Array.from(found.keys()).sort((a, b) => at[a]! - at[b]!);
  return byPosition.map((i) => found[i]!);
}
