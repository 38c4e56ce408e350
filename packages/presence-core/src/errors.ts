import type { VendorId } from './model';
import { isVendorId, vendorDefinition } from './vendors/registry';
import { redactSecrets, redactValue } from './redact';

/** The vendor's name in a message; read when an error is made, never while modules load (see vendors/registry.ts). */
function nameOf(vendor: VendorId): string {
  return isVendorId(vendor) ? vendorDefinition(vendor).displayName : String(vendor);
}

export type PresenceErrorKind = 'input' | 'api' | 'contract' | 'network';

/** Base of every error core throws; `kind` lets callers (n8n nodes) pick their error class. */
export abstract class PresenceError extends Error {
  abstract readonly kind: PresenceErrorKind;
  readonly vendor?: VendorId;
  /** What the user can do about it. */
  readonly hint?: string;
  /** Whether trying again later may succeed. */
  readonly retryable: boolean;

  protected constructor(message: string, opts: { vendor?: VendorId; hint?: string; retryable?: boolean }) {
    super(redactSecrets(message));
    this.name = new.target.name;
    this.vendor = opts.vendor;
    this.hint = opts.hint === undefined ? undefined : redactSecrets(opts.hint);
    this.retryable = opts.retryable ?? false;
  }
}

/** Bad input from the caller: names the field and the fix. Never sent to the vendor. */
export class InputError extends PresenceError {
  readonly kind = 'input' as const;
  readonly field: string;
  /** What is wrong, without the field or the hint (the message has all three). */
  readonly problem: string;
  constructor(field: string, problem: string, hint: string, vendor?: VendorId) {
    super(`${field}: ${problem}. ${hint}`, { vendor, hint });
    this.field = field;
    this.problem = redactSecrets(problem);
  }
}

const hintsByStatus: Array<[(status: number) => boolean, string]> = [
  [(s) => s === 400, 'The vendor refused the request as sent: check the ids and values given.'],
  [(s) => s === 401, 'Check the credentials: the key or token is invalid, expired or revoked.'],
  [(s) => s === 403, 'The credentials lack the permission or OAuth scope for this call; ask an admin to grant it.'],
  [(s) => s === 404, 'Check the agent or status id: the vendor does not know it.'],
  [(s) => s === 406 || s === 415, 'The vendor refused the content type; this is a bug in the node, please report it.'],
  [(s) => s === 429, 'The vendor is rate limiting; retries ran out. Poll less often, or lower Max Concurrent Requests (the `concurrency` option).'],
  [(s) => s === 501, 'The vendor does not implement this call for your account.'],
  [(s) => s >= 500, 'The vendor had a server error; it usually passes, so try again later.'],
];

export function hintForStatus(status: number): string {
  return hintsByStatus.find(([test]) => test(status))?.[1] ?? 'See the vendor message for details.';
}

export interface VendorApiErrorInit {
  vendor: VendorId;
  httpStatus: number;
  code: string;
  message: string;
  endpoint?: string;
  retryAfterMs?: number;
  details?: unknown;
  hint?: string;
}

/** The vendor answered with an error. Keeps the vendor's own code and message. */
export class VendorApiError extends PresenceError {
  readonly kind = 'api' as const;
  declare readonly vendor: VendorId;
  readonly httpStatus: number;
  readonly code: string;
  readonly vendorMessage: string;
  readonly endpoint?: string;
  readonly retryAfterMs?: number;
  readonly details?: unknown;

  constructor(init: VendorApiErrorInit) {
    const where = init.endpoint ? ` (${init.endpoint})` : '';
    super(
      `${nameOf(init.vendor)} API error ${init.httpStatus} ${init.code}: ${init.message}${where}`,
      {
        vendor: init.vendor,
        hint: init.hint ?? hintForStatus(init.httpStatus),
        retryable: init.httpStatus === 429 || (init.httpStatus >= 500 && init.httpStatus !== 501),
      },
    );
    this.httpStatus = init.httpStatus;
    this.code = redactSecrets(init.code);
    this.vendorMessage = redactSecrets(init.message);
    this.endpoint = init.endpoint;
    this.retryAfterMs = init.retryAfterMs;
    this.details = init.details === undefined ? undefined : redactValue(init.details);
  }
}

/** The vendor answered 2xx with something that breaks its documented contract. */
export class ContractError extends PresenceError {
  readonly kind = 'contract' as const;
  /** Dotted path of the offending field, or '' for the whole body. */
  readonly field: string;
  readonly problem: string;
  readonly endpoint?: string;
  constructor(init: { vendor: VendorId; field: string; problem: string; endpoint?: string; retryable?: boolean }) {
    const where = init.endpoint ? ` from ${init.endpoint}` : '';
    const field = init.field === '' ? 'the response body' : `field "${init.field}"`;
    super(`${nameOf(init.vendor)} sent an unexpected response${where}: ${field} ${init.problem}`, {
      vendor: init.vendor,
      hint: 'The vendor API may have changed or sent a partial response. Try again; if it persists, report it with this message.',
      retryable: init.retryable,
    });
    this.field = init.field;
    this.problem = init.problem;
    this.endpoint = init.endpoint;
  }
}

/** The request never got an HTTP answer: refused, reset, timed out. */
export class NetworkError extends PresenceError {
  readonly kind = 'network' as const;
  readonly code: string;
  readonly endpoint?: string;
  constructor(init: { vendor: VendorId; code: string; message: string; endpoint?: string }) {
    const where = init.endpoint ? ` (${init.endpoint})` : '';
    super(`Could not reach ${nameOf(init.vendor)}${where}: ${init.message}`, {
      vendor: init.vendor,
      hint: 'Check the API host and the network; the request is retried automatically within the time budget.',
      retryable: true,
    });
    this.code = init.code;
    this.endpoint = init.endpoint;
  }
}

export function isPresenceError(error: unknown): error is PresenceError {
  return error instanceof PresenceError;
}
