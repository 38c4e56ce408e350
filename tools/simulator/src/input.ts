/**
 * Bad input to the control API (or a vendor's control operations): an error whose message
 * names the field, answered as HTTP 400 (or 404 for an unknown id).
 */
import type { z } from 'zod/v4';

export class SimulatorInputError extends Error {
  readonly status: number;
  readonly field?: string;

  constructor(message: string, field?: string, status = 400) {
    super(message);
    this.name = 'SimulatorInputError';
    this.status = status;
    if (field !== undefined) this.field = field;
  }
}

/** Validate `input`; throw a SimulatorInputError naming the first bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  let field = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys' && issue.keys.length) {
    field = [field, issue.keys[0]].filter(Boolean).join('.');
  }
  const where = field ? `field "${field}"` : 'body';
  const missing = issue.code !== 'unrecognized_keys' && issue.path.length > 0 && valueAt(input, issue.path) === undefined;
  const detail =
    issue.code === 'unrecognized_keys'
      ? `unknown field (allowed: ${allowedKeys(schema)})`
      : missing && issue.code !== 'custom'
        ? 'required'
        : issue.message;
  throw new SimulatorInputError(`Invalid ${what}: ${where}: ${detail}`, field || undefined);
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function allowedKeys(schema: z.ZodType): string {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  const inner = (schema as unknown as { def?: { in?: { shape?: Record<string, unknown> } } }).def;
  const keys = Object.keys(shape ?? inner?.in?.shape ?? {});
  return keys.join(', ') || 'none';
}
