/** Small HTTP helpers: vendor route tables, request body reading, responses. */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { SimContext } from './context';
import type { VendorId } from './types';

export interface VendorRequest {
  vendor: VendorId;
  method: string;
  /** Path below the vendor prefix, e.g. `/managers/42/presence`. */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Absolute base URL of this vendor as the client reached it, e.g. `http://127.0.0.1:4010/talkdesk`. */
  baseUrl: string;
  /** Virtual time of the request (ms). */
  now: number;
  sim: SimContext;
}

export interface VendorResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteDef {
  method: string;
  /** Route template below the vendor prefix, e.g. `/agents/{userId}/presence`. */
  template: string;
  /** Route needs a bearer API key / access token (token-expiry faults apply). */
  bearer: boolean;
  /** May answer later (a vendor that calls out first, e.g. a webhook validation handshake). */
  handler(req: VendorRequest): VendorResponse | Promise<VendorResponse>;
  /** Where the vendor records are in a success body (drift faults change them). */
  records?(body: unknown): unknown[];
  /** Field changed by drift faults when the fault names none (dotted path in a record). */
  driftField?: string;
}

export interface CompiledRoute extends RouteDef {
  regex: RegExp;
  names: string[];
}

export interface VendorApi {
  routes: RouteDef[];
  serialize(body: unknown): string;
  /** No route matches the path. */
  notFound(req: VendorRequest): VendorResponse;
  /** The path exists with other methods. */
  methodNotAllowed(req: VendorRequest, allowed: string[]): VendorResponse;
  /** Error responses of fault kinds, in the vendor's own shape. */
  faultResponse(kind: '429' | '500' | '503' | 'token-expiry', route: RouteDef | undefined, req: VendorRequest): VendorResponse;
}

export function compileRoutes(routes: RouteDef[]): CompiledRoute[] {
  return routes.map((route) => {
    const names: string[] = [];
    const pattern = route.template
      .split('/')
      .map((seg) => {
        const m = /^\{(\w+)\}$/.exec(seg);
        if (m) {
          names.push(m[1]!);
          return '([^/]+)';
        }
        return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/');
    return { ...route, regex: new RegExp(`^${pattern}$`), names };
  });
}

export type RouteMatch =
  | { kind: 'match'; route: CompiledRoute; params: Record<string, string> }
  | { kind: 'method'; template: string; allowed: string[] }
  | { kind: 'none' };

export function matchRoute(routes: CompiledRoute[], method: string, path: string): RouteMatch {
  let other: { template: string; allowed: string[] } | undefined;
  for (const route of routes) {
    const m = route.regex.exec(path);
    if (!m) continue;
    if (route.method !== method) {
      other ??= { template: route.template, allowed: [] };
      other.allowed.push(route.method);
      continue;
    }
    const params: Record<string, string> = {};
    route.names.forEach((name, i) => {
      const raw = m[i + 1] ?? '';
      try {
        params[name] = decodeURIComponent(raw);
      } catch {
        params[name] = raw;
      }
    });
    return { kind: 'match', route, params };
  }
  return other ? { kind: 'method', ...other } : { kind: 'none' };
}

export const MAX_BODY_BYTES = 1024 * 1024;

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer | undefined,
  headers: Record<string, string> = {},
  contentType = 'application/json; charset=utf-8',
): void {
  if (res.headersSent || res.destroyed) return;
  const out: Record<string, string | number> = { ...headers };
  if (body !== undefined && status !== 204 && status !== 304) {
    const buf = typeof body === 'string' ? Buffer.from(body) : body;
    out['content-type'] ??= contentType;
    out['content-length'] = buf.length;
    res.writeHead(status, out);
    res.end(buf);
  } else {
    res.writeHead(status, out);
    res.end();
  }
}

/** Parse a JSON request body; `undefined` when empty, throws SyntaxError when invalid. */
export function parseJsonBody(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  return JSON.parse(body.toString('utf8'));
}

export function isJsonContentType(headers: IncomingHttpHeaders): boolean {
  return /^application\/([\w.+-]+\+)?json\b/i.test(headers['content-type'] ?? '');
}

/** Origin (scheme://host:port) as the client addressed the simulator. */
export function requestOrigin(headers: IncomingHttpHeaders, fallback: string): string {
  const host = headers.host;
  return host && /^[\w.:[\]-]+$/.test(host) ? `http://${host}` : fallback;
}
