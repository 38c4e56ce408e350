import type { ClientOptions, IdRule, PresenceClient, VendorId } from '@agent-presence/presence-core';
import type { ICredentialDataDecryptedObject, INodeProperties } from 'n8n-workflow';
import type { ActionResource } from './action/node.type';
import type { ActionOperation } from './action/operation';

/**
 * An operation only one vendor's API offers (Vonage's presence history, Talkdesk's occupancy):
 * an `<resource>/<operation>.operation.ts` file like the others, listed by that vendor's config,
 * so only that vendor's action node shows and runs it.
 */
export interface VendorOperation extends ActionOperation {
  /** Its entry in the resource's Operation list. */
  option: {
    name: string;
    value: string;
    /** The node panel's action text, e.g. "Get Vonage presence history". */
    action(vendor: VendorConfig): string;
    description: string;
  };
}

/** Where a credential says the vendor is. Both URLs are checked before any request. */
export interface VendorEndpoints {
  apiBaseUrl: string;
  /** OAuth2 vendors: where n8n fetches the token. */
  tokenUrl?: string;
}

/** How the editor checks an id typed By ID, before the node runs. */
export interface EditorIdCheck {
  placeholder: string;
  regex: string;
  hint: string;
}

/** The editor's check of an id, from core's rule for it: the same pattern, spaces around allowed (core trims them). */
export function editorIdCheck(rule: IdRule, thing: 'agent' | 'status'): EditorIdCheck {
  return {
    placeholder: rule.placeholder ?? `e.g. ${rule.example}`,
    regex: `^\\s*(?:${rule.pattern})\\s*$`,
    hint: `Not a ${rule.name}: give ${rule.form}, or pick the ${thing} From List`,
  };
}

/** Everything the shared node code needs to know about one vendor. */
export interface VendorConfig {
  id: VendorId;
  /** "Cirrus", "Vonage Contact Center", "Talkdesk". */
  displayName: string;
  /** The vendor in default node names, which n8n shows on the canvas: "Cirrus", "Vonage", "Talkdesk". */
  shortName: string;
  credentialType: string;
  /** Node names without the package prefix, e.g. cirrusPresence. */
  agentId: EditorIdCheck;
  statusId: EditorIdCheck;
  /** Reads the API host and token URL a credential points at (defaults, region, overrides). */
  endpoints(credentials: ICredentialDataDecryptedObject): VendorEndpoints;
  createClient(options: ClientOptions & { baseUrl: string }): PresenceClient;
  /** Whether the vendor's user list names each agent's team, so agents can be picked by team. */
  teams?: boolean;
  /** Vendor-only read options shown under Options (e.g. Cirrus call status). */
  extraReadOptions?: INodeProperties[];
  /** Turns those options into client read options. */
  readOptionsFrom?(options: Record<string, unknown>): Record<string, unknown>;
  /** Operations of this vendor only, by resource: listed with the common ones, run by the same router. */
  operations?: { readonly [R in ActionResource]?: readonly VendorOperation[] };
}
