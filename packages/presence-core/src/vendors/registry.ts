// The vendors core supports: one line each. The compiler checks both ways: a vendor id of
// model.ts without a definition here, or a definition here whose id model.ts lacks, is an
// error; so is a definition missing a piece (see definition.ts).
//
// Why the id list stays in model.ts: the presence schemas need it while modules load, and
// the definitions import the normalisers, which import model.ts. model.ts reading this file
// would close that loop. Central code reads this registry only inside functions, never
// while modules load, so the loop through here is harmless (test/registry.test.ts loads
// every module first and checks it).
import { InputError } from '../errors';
import type { VendorId } from '../model';
import type { VendorDefinition } from './definition';
import { cirrusVendor } from './cirrus/vendor';
import { talkdeskVendor } from './talkdesk/vendor';
import { vonageVendor } from './vonage/vendor';

/** A definition per vendor id, each under its own id. */
export type VendorRegistry = { readonly [Id in VendorId]: VendorDefinition<Id> };

export const vendorRegistry = {
  cirrus: cirrusVendor,
  vonage: vonageVendor,
  talkdesk: talkdeskVendor,
} as const satisfies VendorRegistry;

/** "a, b or c". */
function oneOf(words: readonly string[]): string {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}

/** The definition of a vendor; an InputError for a value that names none (e.g. from a workflow). */
export function vendorDefinition(vendor: VendorId): VendorRegistry[VendorId] {
  if (!Object.hasOwn(vendorRegistry, vendor)) {
    throw new InputError('vendor', `"${String(vendor)}" is not supported`, `Use ${oneOf(Object.keys(vendorRegistry))}.`);
  }
  return vendorRegistry[vendor];
}
