import { z } from 'zod/v4';
import { InputError } from './errors';
import { PresenceStateSchema, presenceStates, type PresenceState, type PresenceStatus } from './model';

/** User overrides: vendor status id or name → common state. */
export const StateMappingSchema = z.record(z.string(), PresenceStateSchema);
export type StateMapping = z.infer<typeof StateMappingSchema>;

/**
 * The user's mapping for this status, if any: an id match wins over an exact
 * name match, which wins over a case-insensitive name match.
 */
export function mappedState(status: PresenceStatus, mapping: StateMapping | undefined): PresenceState | undefined {
  if (!mapping) return undefined;
  if (status.id !== null && Object.hasOwn(mapping, status.id)) return mapping[status.id];
  return status.name === null ? undefined : mappedName(status.name, mapping);
}

/** The user's mapping for a name (a status name, a vendor sub-category): exact first, then ignoring case. */
export function mappedName(name: string, mapping: StateMapping | undefined): PresenceState | undefined {
  if (!mapping) return undefined;
  if (Object.hasOwn(mapping, name)) return mapping[name];
  const lower = name.toLowerCase();
  const key = Object.keys(mapping).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : mapping[key];
}

/**
 * Builds a mapping from rows such as an n8n fixed collection gives, checking each.
 * `field` names the parameter in messages, e.g. "Options > State Mapping".
 */
export function stateMappingFromRows(rows: unknown, field = 'mapping', options: { ignoreEmptyRows?: boolean } = {}): StateMapping {
  if (rows === undefined || rows === null) return {};
  if (!Array.isArray(rows)) {
    throw new InputError(field, 'must be a list of {match, state} rows', 'Add one row per vendor status to override.');
  }
  const mapping: StateMapping = {};
  rows.forEach((row: unknown, i) => {
    const r = (row ?? {}) as { match?: unknown; state?: unknown };
    const match = typeof r.match === 'string' || typeof r.match === 'number' ? String(r.match).trim() : '';
    if (match === '') {
      // A row added in a form and never filled in says nothing: the caller may skip it (rows keep their numbers).
      if (options.ignoreEmptyRows) return;
      throw new InputError(`${field}, row ${i + 1}`, 'has no status to match', 'Give the vendor status id or name to override, e.g. "Lunch", or remove the row.');
    }
    const state = PresenceStateSchema.safeParse(r.state);
    if (!state.success) {
      throw new InputError(
        `${field}, row ${i + 1}`,
        `"${String(r.state)}" is not a common state`,
        `Use one of: ${presenceStates.join(', ')}.`,
      );
    }
    mapping[match] = state.data;
  });
  return mapping;
}
