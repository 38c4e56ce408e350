import type { z } from 'zod/v4';
import { ContractError } from '../errors';
import { describeZodIssue } from '../http/zod-issue';
import type { VendorId } from '../model';

/** Validates one vendor record outside a request (e.g. given to normalizePresence directly). */
export function parseRecord<S extends z.ZodType>(vendor: VendorId, schema: S, record: unknown): z.infer<S> {
  const r = schema.safeParse(record);
  if (r.success) return r.data;
  const { field, problem } = describeZodIssue(r.error);
  throw new ContractError({ vendor, field, problem });
}

/** Runs a normalisation of a response body, naming the endpoint in any contract error. */
export function fromEndpoint<T>(endpoint: string, normalize: () => T): T {
  try {
    return normalize();
  } catch (error) {
    if (error instanceof ContractError && error.endpoint === undefined && error.vendor) {
      throw new ContractError({ vendor: error.vendor, field: error.field, problem: error.problem, endpoint });
    }
    throw error;
  }
}
