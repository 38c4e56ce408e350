import type { AgentPresence } from '../model';
import type { NormalizeContext } from '../normalize-context';
import type { VendorErrorParser } from '../vendor-errors';
import type { ClientOptions, PresenceClient } from './client';

/** What an agent or status id of one vendor looks like, and what to say when one does not. */
export interface IdRule {
  /** What the id is, as a message names it: "Cirrus manager id". */
  name: string;
  /** Its form, as a regular expression source without anchors or flags; editors check ids with it as they are typed. */
  pattern: string;
  /** A check the pattern cannot make (Cirrus ids fit in a signed 64-bit integer). */
  fits?(text: string): boolean;
  /** A real-looking id, for messages and placeholders. */
  example: string;
  /** The fix, in core's error: "Cirrus ids are positive whole numbers up to …". */
  hint: string;
  /** What to give instead, in an editor's short message: "digits only, e.g. 123456789". */
  form: string;
  /** An editor's placeholder, when "e.g. <example>" says too little. */
  placeholder?: string;
}

/** How the vendor reads many agents: one request per agent, or the ids in chunks of at most `size`. */
export type ReadPlan = { per: 'agent' } | { per: 'chunk'; size: number };

/** Where a vendor's API and token endpoint are, by the region an account lives in. */
export interface VendorHosts<Region extends string = string> {
  /** The regions, in the order a credential lists them; empty when one host serves every account (Cirrus). */
  regions: ReadonlyArray<{ id: Region; name: string }>;
  /** The region assumed when none is given; undefined when there are no regions. */
  defaultRegion: Region | undefined;
  /** The API host of a region (of the only host, when there are no regions). */
  apiBaseUrl(region: Region): string;
  /**
   * OAuth2 vendors: where the token comes from. `account` is the customer's account name,
   * for vendors whose token host names it (Talkdesk); others ignore it. It is not checked here.
   */
  tokenUrl?(region: Region, account: string): string;
}

/**
 * Everything the rest of the code knows of one vendor. Each vendor folder exports one
 * (e.g. `cirrusVendor`) and vendors/registry.ts lists them; the central functions
 * (normalizePresence, parseVendorError, validateAgentId, …) look the vendor up there.
 * Methods, not function-valued fields: a definition narrower in its region type still fits.
 */
export interface VendorDefinition<Id extends string = string, Region extends string = string> {
  id: Id;
  /** "Cirrus", "Vonage Contact Center", "Talkdesk": the name messages use. */
  displayName: string;
  ids: { agent: IdRule; status: IdRule };
  reads: ReadPlan;
  /** Requests in flight at once by default (see vendors/client.ts for the trade-off). */
  defaultConcurrency: number;
  hosts: VendorHosts<Region>;
  /** One presence record, as the vendor returns it, into the common shape. */
  normalize(record: unknown, context?: NormalizeContext): AgentPresence;
  /** The vendor's own error body shapes into code and message; undefined for none of them. */
  parseError: VendorErrorParser;
  createClient(options: ClientOptions): PresenceClient;
}
