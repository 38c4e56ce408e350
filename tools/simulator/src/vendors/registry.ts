/**
 * The simulated vendors: one folder each under `vendors/`, one line each in VENDOR_LIST.
 * The shared parts (world, scenario, timeline, faults, counters, control API, server, cli)
 * read everything vendor-specific from here and name no vendor.
 *
 * Adding a vendor: make `vendors/<id>/` and add its definition to VENDOR_LIST (at the END:
 * a vendor's position seeds its people, so moving one changes the others' worlds).
 * The folder's `index.ts` exports one `SimVendor<Types>` (see `../vendor.ts`), annotated
 * with its `Types` (id, credentials, urls, config, control, counters) so the compiler
 * knows the public surface it adds:
 *   - `id` (the path prefix `/<id>`), `name`, `api` (routes with their auth, records and
 *     drift fields; serialiser; not-found, method and fault answers in the vendor's shape);
 *   - `urls(baseUrl)` and `credentials` (what `sim.vendors[id]` / `sim.credentials[id]` give),
 *     `banner` (what `npm start` prints), optional `flags` and `config` keys;
 *   - `people` (id maker, e-mail domain, non-agent users), `statuses`, `phaseStatus`,
 *     `rarePhase?`, `calls` (how a call shows), `agentKey?` / `statusKey?`;
 *   - `record` (the single-agent presence GET's body, for the control API's ground truth),
 *     `stateExtras?`;
 *   - optionally `extend(ctx, options)`: state of its own (webhooks, …), control operations
 *     and `/_sim` routes, counters, and hooks on presence change, reset and close.
 * Its record shapes, schemas, status catalogue and OAuth details stay inside its folder.
 */
import type { SimVendor, VendorTypes } from '../vendor';
import { cirrus } from './cirrus';
import { talkdesk } from './talkdesk';
import { teams } from './teams';
import { vonage } from './vonage';

export const VENDOR_LIST = [cirrus, vonage, talkdesk, teams] as const;

type Registered = (typeof VENDOR_LIST)[number];
type TypesOf<D> = D extends { readonly types?: infer T extends VendorTypes } ? T : never;
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

export type VendorId = Registered['id'];
/** `sim.credentials`: each vendor's demo credentials. */
export type Credentials = { [D in Registered as D['id']]: TypesOf<D>['credentials'] };
/** `sim.vendors`: each vendor's base URL (and token URL where it has one). */
export type VendorUrls = { [D in Registered as D['id']]: TypesOf<D>['urls'] };
/** Config keys the vendors add. */
export type VendorConfig = UnionToIntersection<TypesOf<Registered>['config']>;
/** Control operations the vendors add. */
export type VendorControl = UnionToIntersection<TypesOf<Registered>['control']>;
/** Counter sections the vendors add. */
export type VendorCounters = UnionToIntersection<TypesOf<Registered>['counters']>;

export const VENDORS: readonly VendorId[] = VENDOR_LIST.map((v) => v.id);

export const VENDOR_BY_ID = Object.fromEntries(VENDOR_LIST.map((v) => [v.id, v])) as unknown as {
  [D in Registered as D['id']]: D;
};

/** The definition of `id`, as the shared parts see it. */
export function vendorOf(id: VendorId): SimVendor {
  return VENDOR_BY_ID[id] as SimVendor;
}

/** Working demo credentials of every vendor (they do not depend on the seed). */
export const DEMO_CREDENTIALS = Object.fromEntries(VENDOR_LIST.map((v) => [v.id, v.credentials])) as Credentials;
