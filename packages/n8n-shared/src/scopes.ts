import { InputError, isPresenceError, VendorApiError } from '@agent-presence/presence-core';
import type { IExecuteFunctions } from 'n8n-workflow';
import type { VendorConfig } from './vendor';

/*
 * An operation that needs an OAuth scope beyond the credential's default says so before it sends
 * anything, naming the scope, when the credential's Scope field leaves it out; and if the vendor
 * refuses it anyway (403: a client not granted the scope), the error says which scope to grant.
 */

/** The scopes a credential asks for; empty when its Scope field is empty (Talkdesk: every scope granted). */
export function askedScopes(credentials: Record<string, unknown>): string[] {
  return String(credentials.scope ?? '')
    .split(/\s+/)
    .filter((s) => s !== '');
}

/** Refuses, before any request, a credential whose Scope field lists scopes but not `scope`. */
export async function requireScope(ctx: IExecuteFunctions, vendor: VendorConfig, scope: string, operation: string): Promise<void> {
  const asked = askedScopes(await ctx.getCredentials(vendor.credentialType));
  if (asked.length === 0 || asked.includes(scope)) return;
  throw new InputError(
    'Credential > Scope',
    `lacks ${scope}`,
    `${operation} needs the scope ${scope}. Add it to the Scope of the ${vendor.displayName} credential (now "${asked.join(' ')}"), and grant it to the API client in ${vendor.displayName}.`,
    vendor.id,
  );
}

/** A vendor's 403 with a hint naming the scope to grant; any other error as it was. */
export function withScopeHint(error: unknown, vendor: VendorConfig, scope: string, operation: string): unknown {
  if (!isPresenceError(error) || !(error instanceof VendorApiError) || error.httpStatus !== 403) return error;
  return new VendorApiError({
    vendor: error.vendor,
    httpStatus: error.httpStatus,
    code: error.code,
    message: error.vendorMessage,
    endpoint: error.endpoint,
    details: error.details,
    hint: `${operation} needs the scope ${scope}: grant it to the API client in ${vendor.displayName} and add it to the credential's Scope.`,
  });
}
