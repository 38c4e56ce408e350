import { InputError, stateMappingFromRows, type PresenceState, type StateMapping } from '@agent-presence/presence-core';

/** A number from an expression as id text: only a safe integer is exact (a Cirrus id above 2^53 is not). */
function numberId(value: number, field: string): string {
  if (!Number.isSafeInteger(value)) {
    throw new InputError(field, `${value} is not exact as a number`, 'Give the ids as text, e.g. "9007199254740993": as a number an id loses its last digits.');
  }
  return String(value);
}

/**
 * Agent ids as typed (comma, space or newline separated) or as an expression's list.
 * Each id is checked later by core, which names its position.
 */
export function parseIdList(value: unknown, field: string): string[] {
  if (Array.isArray(value)) {
    return value.map((v, i) => {
      if (typeof v === 'string') return v.trim();
      if (typeof v === 'number') return numberId(v, `${field}[${i}]`);
      throw new InputError(`${field}[${i}]`, `must be an id, got ${v === null ? 'null' : typeof v}`, 'Give ids as text or numbers.');
    }).filter((v) => v !== '');
  }
  if (typeof value === 'number') return [numberId(value, field)];
  if (typeof value !== 'string') {
    throw new InputError(field, `must be a list of ids, got ${value === null ? 'null' : typeof value}`, 'Separate ids with commas or new lines.');
  }
  const ids = value.split(/[\s,;]+/).map((v) => v.trim()).filter((v) => v !== '');
  if (ids.length === 0) throw new InputError(field, 'is empty', 'Give at least one agent id, separated by commas or new lines.');
  return ids;
}

/** The "State Mapping" fixed collection: `{ mappings: [{ match, state }] }`. */
export function mappingFromCollection(value: unknown, field = 'Options > State Mapping'): StateMapping | undefined {
  const rows = (value as { mappings?: unknown } | undefined)?.mappings;
  if (rows === undefined) return undefined;
  const mapping = stateMappingFromRows(rows, field);
  return Object.keys(mapping).length > 0 ? mapping : undefined;
}

export function statesFrom(value: unknown): PresenceState[] {
  return Array.isArray(value) ? (value.filter((v) => typeof v === 'string') as PresenceState[]) : [];
}
