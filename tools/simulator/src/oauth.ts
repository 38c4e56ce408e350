/**
 * OAuth2 access tokens (client credentials grant) and the request helpers the vendors'
 * token endpoints share. Tokens are opaque random strings; they expire on the VIRTUAL clock
 * (so advancing time by hours expires them, as it would in real life).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { VendorId } from './types';

export interface TokenInfo {
  vendor: VendorId;
  clientId: string;
  scopes: Set<string>;
  expiresAt: number;
}

export type TokenCheck = { ok: true; token: string; info: TokenInfo } | { ok: false; reason: 'missing' | 'invalid' | 'expired' };

export class TokenStore {
  private tokens = new Map<string, TokenInfo>();

  /** A new token `<prefix>_<random>` of `vendor`. */
  issue(vendor: VendorId, prefix: string, clientId: string, scopes: Iterable<string>, ttlSeconds: number, now: number): string {
    const token = `${prefix}_${randomBytes(24).toString('base64url')}`;
    this.tokens.set(token, { vendor, clientId, scopes: new Set(scopes), expiresAt: now + ttlSeconds * 1000 });
    return token;
  }

  check(vendor: VendorId, headers: IncomingHttpHeaders, now: number): TokenCheck {
    const token = bearerToken(headers);
    if (token === undefined) return { ok: false, reason: 'missing' };
    const info = this.tokens.get(token);
    if (!info || info.vendor !== vendor) return { ok: false, reason: 'invalid' };
    if (now >= info.expiresAt) return { ok: false, reason: 'expired' };
    return { ok: true, token, info };
  }

  /** Revoke every token of a vendor (token-expiry fault). Returns how many. */
  revokeAll(vendor: VendorId): number {
    let n = 0;
    for (const [token, info] of this.tokens) {
      if (info.vendor === vendor) {
        this.tokens.delete(token);
        n++;
      }
    }
    return n;
  }

  clear(): void {
    this.tokens.clear();
  }

  get size(): number {
    return this.tokens.size;
  }
}

/** The token of `Authorization: Bearer <token>`, if any. */
export function bearerToken(headers: IncomingHttpHeaders): string | undefined {
  const auth = headers.authorization;
  if (!auth) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
  return m?.[1];
}

/** Client id and secret of `Authorization: Basic ...`, if any. */
export function basicCredentials(headers: IncomingHttpHeaders): { id: string; secret: string } | undefined {
  const auth = headers.authorization;
  if (!auth) return undefined;
  const m = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(auth);
  if (!m?.[1]) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const unescape = (s: string) => {
    try {
      return decodeURIComponent(s.replace(/\+/g, ' '));
    } catch {
      return s;
    }
  };
  return { id: unescape(decoded.slice(0, colon)), secret: unescape(decoded.slice(colon + 1)) };
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function isFormEncoded(headers: IncomingHttpHeaders): boolean {
  return /^application\/x-www-form-urlencoded\b/i.test(headers['content-type'] ?? '');
}

/** Split a space-separated scope parameter. Undefined when absent or empty. */
export function parseScopes(scope: string | null): string[] | undefined {
  if (scope === null) return undefined;
  const list = scope.split(/\s+/).filter(Boolean);
  return list.length ? list : undefined;
}

export function oauthError(status: number, error: string, description: string, headers?: Record<string, string>) {
  return { status, body: { error, error_description: description }, headers };
}
