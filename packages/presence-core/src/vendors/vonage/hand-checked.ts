import type { VonagePresenceRecord } from './schemas';

type Fields = Record<string, unknown>;
const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
const isNullishString = (value: unknown) => value === undefined || value === null || typeof value === 'string';

/**
 * `value` itself when VonagePresenceRecordSchema would accept it, checked by hand (zod
 * costs more per record than the rest of normalising); undefined when not, and the schema
 * decides, its error messages included. The schema transforms nothing, so every field
 * normalising reads is the same in `value` as in what zod would return (zod's copy would
 * only drop extra fields).
 */
export function handCheckedVonagePresence(value: unknown): VonagePresenceRecord | undefined {
  if (!isObject(value) || typeof value.userId !== 'string' || !isNullishString(value.updated)) return undefined;
  const presence = value.presence;
  if (!isObject(presence) || typeof presence.presenceId !== 'string' || !isNullishString(presence.description)) return undefined;
  const selectable = presence.selectable;
  if (selectable !== undefined && selectable !== null && typeof selectable !== 'boolean') return undefined;
  const category = presence.category;
  if (!isObject(category) || typeof category.categoryType !== 'string' || !isNullishString(category.description) || !isNullishString(category.subCategory)) return undefined;
  return value as VonagePresenceRecord;
}
