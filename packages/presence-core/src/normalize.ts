import type { AgentPresence, VendorId } from './model';
import type { NormalizeContext } from './normalize-context';
import { vendorDefinition } from './vendors/registry';

/**
 * One vendor presence record, as the vendor returns it, into the common shape.
 * An unknown vendor value gives state "unknown"; a record that breaks the
 * vendor's contract throws a ContractError naming the field.
 */
export function normalizePresence(vendor: VendorId, record: unknown, context: NormalizeContext = {}): AgentPresence {
  return vendorDefinition(vendor).normalize(record, context);
}
