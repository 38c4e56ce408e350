import type { z } from 'zod/v4';
import { ContractError, NetworkError, PresenceError, VendorApiError } from '../errors';
import type { VendorId } from '../model';
import { parseVendorError } from '../vendor-errors';
import { parseJsonBody } from './json';
import { defaultRetryPolicy, withRetry, type RetryPolicy } from './retry';
import type { Slot } from '../concurrency';
import type { Clock, HttpMethod, HttpTransport, Sleep } from './transport';
import { describeZodIssue } from './zod-issue';

export interface ApiCallerOptions {
  vendor: VendorId;
  transport: HttpTransport;
  baseUrl: string;
  headers?: Record<string, string>;
  retry?: Partial<RetryPolicy>;
  sleep?: Sleep;
  now?: Clock;
  random?: () => number;
  timeoutMs?: number;
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
}

export interface ApiCall<S extends z.ZodType> {
  method: HttpMethod;
  /** Path with every id segment already encoded. */
  path: string;
  /** The route template, for messages and logs: never carries ids or secrets. */
  endpoint: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  schema: S;
  /** Turns the parsed body into what `schema` checks, e.g. opening an envelope. May throw. */
  unwrap?: (body: unknown, httpStatus: number) => unknown;
  /** Absolute time (epoch ms) after which no retry starts. */
  deadline?: number;
  /**
   * The concurrency slot the call runs in: told of every rate-limited attempt (429, or
   * Cirrus's 429 inside a 200), and awaited before each retry.
   */
  slot?: Slot;
}

export type ApiCaller = <S extends z.ZodType>(call: ApiCall<S>) => Promise<z.infer<S>>;

function buildUrl(baseUrl: string, path: string, query?: ApiCall<z.ZodType>['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) params.set(key, String(value));
  // Commas stay literal: Vonage documents `userId=a,b,…`, and they are legal in a query.
  const qs = params.toString().replace(/%2C/gi, ',');
  return `${baseUrl}${path}${qs ? `?${qs}` : ''}`;
}

function networkError(vendor: VendorId, endpoint: string, error: unknown): PresenceError {
  if (error instanceof PresenceError) return error;
  const e = error as { code?: unknown; message?: unknown; cause?: { code?: unknown } };
  const code = String(e?.code ?? e?.cause?.code ?? 'ENETWORK');
  const message = typeof e?.message === 'string' ? e.message : 'the connection failed';
  return new NetworkError({ vendor, code, message, endpoint });
}

/** Sends one vendor call with retries, and returns the validated payload or throws a typed error. */
export function createApiCaller(options: ApiCallerOptions): ApiCaller {
  const { vendor, transport } = options;
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };
  const now = options.now ?? (() => Date.now());
  const runtime = {
    sleep: options.sleep ?? transport.sleep?.bind(transport),
    now,
    random: options.random ?? Math.random,
    onRetry: options.onRetry,
  };

  return async function call<S extends z.ZodType>(spec: ApiCall<S>): Promise<z.infer<S>> {
    const url = buildUrl(options.baseUrl, spec.path, spec.query);
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers, ...spec.headers };
    if (spec.body !== undefined && typeof spec.body !== 'string') headers['Content-Type'] = 'application/json';

    const once = async (attempt: number): Promise<z.infer<S>> => {
      if (attempt > 1) await spec.slot?.ready();
      let response;
      try {
        response = await transport.request({ method: spec.method, url, headers, body: spec.body, timeoutMs: options.timeoutMs });
      } catch (error) {
        throw networkError(vendor, spec.endpoint, error);
      }
      const parsed = parseJsonBody(response.body);
      if (response.status >= 400) {
        const answer = parseVendorError(vendor, response.status, parsed.ok ? parsed.value : response.body, response.headers, now());
        throw new VendorApiError({
          vendor,
          httpStatus: response.status,
          code: answer.code,
          message: answer.message,
          endpoint: spec.endpoint,
          retryAfterMs: answer.retryAfterMs,
          details: answer.details,
        });
      }
      if (!parsed.ok) {
        // A cut-off body is usually a transient fault; a read can safely be asked again.
        throw new ContractError({ vendor, field: '', problem: parsed.reason, endpoint: spec.endpoint, retryable: spec.method === 'GET' });
      }
      const payload = spec.unwrap ? spec.unwrap(parsed.value, response.status) : parsed.value;
      const result = spec.schema.safeParse(payload);
      if (!result.success) {
        const { field, problem } = describeZodIssue(result.error);
        throw new ContractError({ vendor, field, problem, endpoint: spec.endpoint });
      }
      return result.data;
    };

    return withRetry(
      once,
      (error) => {
        if (error instanceof VendorApiError && error.httpStatus === 429) spec.slot?.rateLimited();
        return error instanceof PresenceError
          ? { retryable: error.retryable, retryAfterMs: error instanceof VendorApiError ? error.retryAfterMs : undefined }
          : { retryable: false };
      },
      { ...policy, deadline: spec.deadline ?? policy.deadline },
      runtime,
    );
  };
}
