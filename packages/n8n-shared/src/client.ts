import { normalizeBaseUrl, type PresenceClient, type StateMapping } from '@agent-presence/presence-core';
import type { VendorConfig } from './vendor';
import { n8nTransport, type N8nContext } from './transport';

/**
 * Builds the vendor client for this node run from its credential. The API host
 * and token URL are checked (https, or http on loopback only) before anything is
 * sent, so a key or token never goes to an unchecked host.
 */
export async function createClientFor(
  ctx: N8nContext,
  vendor: VendorConfig,
  options: {
    mapping?: StateMapping;
    /** No request starts, and no retry waits, after it (epoch ms). */
    deadline?: number;
    /** No request outlives it (epoch ms): a poll's budget. */
    hardDeadline?: number;
  } = {},
): Promise<PresenceClient> {
  const credentials = await ctx.getCredentials(vendor.credentialType);
  const endpoints = vendor.endpoints(credentials);
  const apiBaseUrl = normalizeBaseUrl(endpoints.apiBaseUrl, 'Credential > API Host', vendor.id);
  if (endpoints.tokenUrl !== undefined) normalizeBaseUrl(endpoints.tokenUrl, 'Credential > Token URL', vendor.id);
  const origin = new URL(apiBaseUrl).origin;
  return vendor.createClient({
    transport: n8nTransport(ctx, vendor.id, vendor.credentialType, [origin], { deadline: options.hardDeadline }),
    baseUrl: apiBaseUrl,
    mapping: options.mapping,
    retry: { deadline: options.deadline },
  });
}
