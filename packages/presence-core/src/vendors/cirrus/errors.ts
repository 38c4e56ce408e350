import type { VendorErrorParser } from '../../vendor-errors';
import { CirrusErrorSchema } from './schemas';

/** `{status: 429, description: "Too Many Requests"}`: the code is the envelope status. */
export const parseCirrusError: VendorErrorParser = (body) => {
  const r = CirrusErrorSchema.safeParse(body);
  if (!r.success) return undefined;
  return { code: String(r.data.status), message: r.data.description ?? `status ${r.data.status}` };
};
