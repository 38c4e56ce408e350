import { InputError } from './errors';
import type { AgentPresence, VendorId } from './model';
import type { NormalizeContext } from './normalize-context';
import { normalizeCirrusPresence } from './vendors/cirrus/normalize';
import { normalizeTalkdeskPresence } from './vendors/talkdesk/normalize';
import { normalizeVonagePresence } from './vendors/vonage/normalize';

const normalizers: Record<VendorId, (record: unknown, context?: NormalizeContext) => AgentPresence> = {
  cirrus: normalizeCirrusPresence,
  vonage: normalizeVonagePresence,
  talkdesk: normalizeTalkdeskPresence,
};

/**
 * One vendor presence record, as the vendor returns it, into the common shape.
 * An unknown vendor value gives state "unknown"; a record that breaks the
 * vendor's contract throws a ContractError naming the field.
 */
export function normalizePresence(vendor: VendorId, record: unknown, context: NormalizeContext = {}): AgentPresence {
  const normalize = Object.hasOwn(normalizers, vendor) ? normalizers[vendor] : undefined;
  if (!normalize) throw new InputError('vendor', `"${String(vendor)}" is not supported`, 'Use cirrus, vonage or talkdesk.');
  return normalize(record, context);
}
