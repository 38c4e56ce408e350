/**
 * The port every vendor call goes through. Inside n8n it adapts
 * `helpers.httpRequestWithAuthentication`; outside, `createUndiciTransport`.
 *
 * Contract:
 * - resolve with every HTTP answer, whatever its status (core reads vendor errors itself);
 * - reject only when no HTTP answer arrived (refused, reset, timed out);
 * - `body` is the raw text, or an already-parsed value where the platform parsed it.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequest {
  method: HttpMethod;
  /** Absolute URL including the query string. */
  url: string;
  headers: Record<string, string>;
  /** JSON-serialisable body, or a pre-encoded form body as a string. */
  body?: unknown;
  timeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string | undefined>;
  body: unknown;
}

export interface HttpTransport {
  request(request: HttpRequest): Promise<HttpResponse>;
  /** The platform's way to wait (n8n-workflow `sleep`, or node timers); enables retry backoff. */
  sleep?(ms: number): Promise<void>;
}

export type Sleep = (ms: number) => Promise<void>;
export type Clock = () => number;
