import { createHash } from 'crypto';
import type { PresenceState, PresenceStatus, VendorId } from './model';

/*
 * Every change a trigger emits carries an `eventId` derived from the change itself, never
 * random: the same change seen again (a poll repeated after a crash, a redelivered event)
 * gets the same id, and a different change a different one. Downstream, de-duplicating on
 * it (n8n's Remove Duplicates node, "processed in previous executions") makes at-least-once
 * delivery exactly-once. The id is the first 128 bits of a SHA-256, as 32 hex characters,
 * of what identifies the change:
 *
 * - a status the vendor dates (`since`): vendor, agent, new state, new status id and the
 *   time it began. The poll and the real-time trigger see the same Vonage change with the
 *   same id (the event's timestamp is the REST API's `updated`).
 * - a change the vendor does not date: vendor, agent, the previous status and the time it
 *   began (as the stored snapshot has it, so a repeated poll finds the same), and the new status.
 * - an appearance the vendor does not date: vendor, agent, the new status and the time the
 *   snapshot it was compared with was taken.
 * - a disappearance: vendor, agent, the last status and the time it began.
 * - "in a state too long": vendor, agent, state, status id (or name), the time the stint began
 *   (the vendor's, or the first poll that saw it, as the kept state has it) and the repeat number.
 */

type Part = string | number | null;

function hashOf(parts: readonly Part[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}

type Fingerprint = Pick<PresenceStatus, 'id' | 'name' | 'category'> & { state: PresenceState };

const fingerprint = (f: Fingerprint): Part[] => [f.state, f.id, f.name, f.category];

/** A status that began at a time the vendor gave (epoch ms). */
export function enteredEventId(vendor: VendorId, agentId: string, state: PresenceState, statusId: string | null, sinceMs: number): string {
  return hashOf(['entered', vendor, agentId, state, statusId, sinceMs]);
}

/** A change to a status the vendor does not date, from the previous one, which began at `previousStartMs`. */
export function changedEventId(vendor: VendorId, agentId: string, previous: Fingerprint, previousStartMs: number, current: Fingerprint): string {
  return hashOf(['changed', vendor, agentId, ...fingerprint(previous), previousStartMs, ...fingerprint(current)]);
}

/** An agent seen for the first time, undated, compared with a snapshot taken at `comparedWithMs`. */
export function appearedEventId(vendor: VendorId, agentId: string, current: Fingerprint, comparedWithMs: number): string {
  return hashOf(['appeared', vendor, agentId, ...fingerprint(current), comparedWithMs]);
}

/** An agent gone, whose last status began at `previousStartMs`. */
export function disappearedEventId(vendor: VendorId, agentId: string, previous: Fingerprint, previousStartMs: number): string {
  return hashOf(['disappeared', vendor, agentId, ...fingerprint(previous), previousStartMs]);
}

/** An event the vendor identifies itself (a CloudEvents `source` and `id`), when it carries no date to derive one from. */
export function vendorEventId(vendor: VendorId, source: string | null, id: string): string {
  return hashOf(['event', vendor, source, id]);
}

/** An agent in a watched status too long: the stint (begun at `startMs`) and which report of it (0 the first). */
export function tooLongEventId(vendor: VendorId, agentId: string, state: PresenceState, status: string | null, startMs: number, repeat: number): string {
  return hashOf(['tooLong', vendor, agentId, state, status, startMs, repeat]);
}
