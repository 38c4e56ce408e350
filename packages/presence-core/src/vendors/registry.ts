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

/**
 * Vendors registered at run time: test-only vendors, which prove that a vendor is its folder
 * plus one registration (test/test-vendor.test.ts; CONTRIBUTING.md, Adding a vendor). No
 * entry of the package exports registerTestVendor: the shipped vendors are the
 * compile-checked registry above, and a registered id can never be one of theirs.
 */
const testVendors = new Map<string, VendorDefinition>();

/** Adds a test-only vendor until the returned function is called. */
export function registerTestVendor(definition: VendorDefinition): () => void {
  if (Object.hasOwn(vendorRegistry, definition.id) || testVendors.has(definition.id)) {
    throw new Error(`A vendor "${definition.id}" is already registered`);
  }
  testVendors.set(definition.id, definition);
  return () => {
    testVendors.delete(definition.id);
  };
}

/** Whether `value` names a vendor: a shipped one, or a test vendor while registered. */
export function isVendorId(value: unknown): value is VendorId {
  return typeof value === 'string' && (Object.hasOwn(vendorRegistry, value) || testVendors.has(value));
}

/** "a, b or c". */
function oneOf(words: readonly string[]): string {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}

/** The definition of a vendor; an InputError for a value that names none (e.g. from a workflow). */
export function vendorDefinition(vendor: VendorId): VendorDefinition {
  if (Object.hasOwn(vendorRegistry, vendor)) return vendorRegistry[vendor];
  const test = testVendors.get(vendor);
  if (test === undefined) {
    throw new InputError('vendor', `"${String(vendor)}" is not supported`, `Use ${oneOf(Object.keys(vendorRegistry))}.`);
  }
  return test;
}
