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
 * For a payload CirrusPresencePayloadSchema would read as one record, checked by hand (the
 * shape every poll brings: one record, numeric presence_type): its type_id as the schema
 * gives it, a string. Undefined when unsure, and the schema decides, its error messages
 * included. The record's presence_type and name are then what the schema would give: it
 * keeps a number and a string as they are. Only the transformed field comes back, not a
 * parsed copy: at 100,000 records a poll, the copies were a third of what normalising
 * allocated. zod itself cost more per record than all the rest of normalising.
 */
export function handCheckedCirrusTypeId(value: unknown): string | undefined {
  // A payload that is an array is the schema's (unconfirmed, rare) second form.
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { presence_type, type_id, name } = value as Record<string, unknown>;
  if (!Number.isSafeInteger(presence_type) || typeof name !== 'string') return undefined;
  if (typeof type_id === 'string') return isDecimalId(type_id) ? type_id : undefined;
  return Number.isSafeInteger(type_id) && (type_id as number) >= 0 ? String(type_id) : undefined;
}
