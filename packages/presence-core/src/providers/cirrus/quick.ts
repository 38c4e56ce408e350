import type { CirrusPresenceRecord } from './schemas';

/** True for what CirrusIdSchema takes as a string: 1 to 19 ASCII digits (the regex, without running one). */
function isDecimalId(s: string): boolean {
  if (s.length < 1 || s.length > 19) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * What CirrusPresencePayloadSchema parses `value` to, found by hand for the shape every
 * poll brings (one record, numeric presence_type); undefined when unsure, and the schema
 * decides (its error messages included). zod costs more per record than the rest of
 * normalising: at 100,000 agents a poll it was most of the time spent.
 */
export function quickCirrusPresence(value: unknown): CirrusPresenceRecord | undefined {
  // A payload that is an array is the schema's (unconfirmed, rare) second form.
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { presence_type, type_id, name } = value as Record<string, unknown>;
  if (!Number.isSafeInteger(presence_type) || typeof name !== 'string') return undefined;
  let id: string;
  if (typeof type_id === 'string') {
    if (!isDecimalId(type_id)) return undefined;
    id = type_id;
  } else if (Number.isSafeInteger(type_id) && (type_id as number) >= 0) {
    id = String(type_id);
  } else {
    return undefined;
  }
  return { presence_type: presence_type as number, type_id: id, name };
}
