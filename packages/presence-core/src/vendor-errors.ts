import type { VendorId } from './model';
import { excerpt } from './http/json';
import { parseRetryAfter } from './http/retry';
import { redactSecrets, redactValue } from './redact';
import { OAuthErrorSchema } from './auth/token-schema';
import { vendorDefinition } from './vendors/registry';

export interface ParsedVendorError {
  code: string;
  message: string;
  retryAfterMs?: number;
  details?: unknown;
}

/** What a vendor-specific parser finds; undefined when the body is none of its shapes. */
export type VendorErrorParser = (body: unknown) => Omit<ParsedVendorError, 'retryAfterMs'> | undefined;

function parseOAuthError(body: unknown): Omit<ParsedVendorError, 'retryAfterMs'> | undefined {
  const r = OAuthErrorSchema.safeParse(body);
  return r.success ? { code: r.data.error, message: r.data.error_description ?? r.data.error } : undefined;
}

const reasonPhrases: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  406: 'Not Acceptable', 409: 'Conflict', 415: 'Unsupported Media Type', 422: 'Unprocessable Entity',
  429: 'Too Many Requests', 500: 'Internal Server Error', 501: 'Not Implemented', 502: 'Bad Gateway',
  503: 'Service Unavailable', 504: 'Gateway Timeout',
};

/**
 * Reads any documented error body of a vendor into its code and message,
 * keeping the vendor's own words. Bodies of no known shape (an HTML page,
 * nothing at all) still give a code and a readable message.
 */
export function parseVendorError(
  vendor: VendorId,
  httpStatus: number,
  body: unknown,
  headers?: Record<string, string | undefined>,
  now: number = Date.now(),
): ParsedVendorError {
  let value = body;
  if (typeof body === 'string') {
    try {
      value = JSON.parse(body);
    } catch {
      value = body;
    }
  }
  const found = (value !== null && typeof value === 'object' && (vendorDefinition(vendor).parseError(value) ?? parseOAuthError(value))) || undefined;
  const retryAfterMs = parseRetryAfter(headers?.['retry-after'], now);
  const result: ParsedVendorError = found
    ? { code: redactSecrets(found.code), message: redactSecrets(found.message) }
    : {
        code: `HTTP_${httpStatus}`,
        message:
          typeof value === 'string' && value.trim() !== ''
            ? `${reasonPhrases[httpStatus] ?? 'Error'}; the body was not JSON: "${redactSecrets(excerpt(value))}"`
            : value === null || value === undefined || value === ''
              ? `${reasonPhrases[httpStatus] ?? 'Error'} (empty body)`
              : `${reasonPhrases[httpStatus] ?? 'Error'}: ${redactSecrets(excerpt(value))}`,
      };
  if (found?.details !== undefined) result.details = redactValue(found.details);
  if (retryAfterMs !== undefined) result.retryAfterMs = retryAfterMs;
  return result;
}
