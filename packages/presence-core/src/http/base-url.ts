import { InputError } from '../errors';
import type { VendorId } from '../model';

const loopbackHosts = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

export function isLoopbackHost(hostname: string): boolean {
  return loopbackHosts.test(hostname);
}

/**
 * Checks a configured API host or token URL. Plain http is allowed only on
 * loopback (the simulator), so a key or token never crosses a network in clear.
 * A path is kept as a prefix; query, fragment and embedded credentials are refused.
 */
export function normalizeBaseUrl(value: unknown, field: string, vendor?: VendorId): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InputError(field, 'is empty', 'Give an absolute URL such as https://api.example.com.', vendor);
  }
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new InputError(field, `"${value}" is not a URL`, 'Give an absolute URL such as https://api.example.com.', vendor);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    throw new InputError(
      field,
      `must use https:// (got ${url.protocol}//${url.hostname})`,
      'Use https://. Plain http:// is accepted only for localhost / 127.0.0.1, e.g. the simulator.',
      vendor,
    );
  }
  if (url.username || url.password) {
    throw new InputError(field, 'must not contain a user name or password', 'Remove "user:password@" from the URL; credentials belong in the credential fields.', vendor);
  }
  if (url.search || url.hash) {
    throw new InputError(field, 'must not contain a query string or fragment', 'Remove everything from "?" or "#" on.', vendor);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
