import {
  InputError,
  maxConcurrency,
  stateMappingFromRows,
  validateAgentId,
  validateStatusId,
  type AgentSummary,
  type PresenceState,
  type StateMapping,
} from '@agent-presence/presence-core';
import type { IExecuteFunctions } from 'n8n-workflow';
import type { VendorConfig } from './vendor';

/** The label of the agent list parameter, as the editor shows it: messages name fields by their labels. */
export const agentIdsLabel = 'Agent IDs';

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
      if (typeof v === 'number') return numberId(v, `${field}, item ${i + 1}`);
      throw new InputError(`${field}, item ${i + 1}`, `must be an id, got ${v === null ? 'null' : typeof v}`, 'Give ids as text or numbers.');
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

/**
 * The "State Mapping" fixed collection: `{ mappings: [{ match, state }] }`. A row left empty
 * (a row added and not filled in) is ignored, not an error: the parameter's notice says so.
 */
export function mappingFromCollection(value: unknown, field = 'Options > State Mapping'): StateMapping | undefined {
  const rows = (value as { mappings?: unknown } | undefined)?.mappings;
  if (rows === undefined) return undefined;
  const mapping = stateMappingFromRows(rows, field, { ignoreEmptyRows: true });
  return Object.keys(mapping).length > 0 ? mapping : undefined;
}

/**
 * A resource locator's value, checked the vendor's way and named by its label ("Agent",
 * "Status"), however it was given (picked, typed, or from an expression).
 */
export function locatorValue(ctx: IExecuteFunctions, name: 'agent' | 'status', i: number, vendor: VendorConfig, label: string): string {
  const value = ctx.getNodeParameter(name, i, '', { extractValue: true }) as unknown;
  const field = ctx.getInputData().length > 1 ? `${label} (item ${i + 1})` : label;
  return name === 'agent' ? validateAgentId(vendor.id, value, field) : validateStatusId(vendor.id, value, field);
}

/** Team ids picked in a Teams filter. */
export function teamsFrom(value: unknown): string[] {
  // Team names may hold spaces: only commas, semicolons and new lines separate.
  if (typeof value === 'string') return value.split(/[,;\n]+/).map((v) => v.trim()).filter((v) => v !== '');
  return Array.isArray(value) ? value.filter((v) => typeof v === 'string' || typeof v === 'number').map(String) : [];
}

/** Whether the agent is in one of the teams (by team id, or by team name ignoring case). */
export function inTeams(agent: Pick<AgentSummary, 'team'> | undefined, teams: readonly string[]): boolean {
  const team = agent?.team;
  if (!team) return false;
  const name = team.name?.toLowerCase();
  return teams.some((t) => t === team.id || (name !== undefined && t.toLowerCase() === name));
}

export function statesFrom(value: unknown): PresenceState[] {
  return Array.isArray(value) ? (value.filter((v) => typeof v === 'string') as PresenceState[]) : [];
}

/** "Max Concurrent Requests": undefined keeps the vendor's default. */
export function concurrencyFrom(value: unknown, field = 'Options > Max Concurrent Requests'): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > maxConcurrency) {
    throw new InputError(field, `${JSON.stringify(value)} is not a whole number from 1 to ${maxConcurrency}`, 'Give how many requests may be sent at once; lower it if the vendor rate-limits (HTTP 429).');
  }
  return value;
}
