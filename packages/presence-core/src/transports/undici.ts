// The only module of core that may touch Node's timers and undici: it is never
// bundled into the n8n packages (they reach it through no import).
import { setTimeout as delay } from 'node:timers/promises';
import { Agent, request, type Dispatcher } from 'undici';
import type { HttpResponse, HttpTransport } from '../http/transport';

export interface UndiciTransportOptions {
  /** Use this dispatcher instead of a new keep-alive Agent. */
  dispatcher?: Dispatcher;
  /** Sockets per origin. Default 64. */
  connections?: number;
  /** Per-request time limit for headers and body. Default 30 s. */
  timeoutMs?: number;
}

export interface UndiciTransport extends HttpTransport {
  sleep(ms: number): Promise<void>;
  /** Closes the sockets of the transport's own Agent. */
  close(): Promise<void>;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): HttpResponse['headers'] {
  const out: HttpResponse['headers'] = {};
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

export function createUndiciTransport(options: UndiciTransportOptions = {}): UndiciTransport {
  const own = options.dispatcher ? undefined : new Agent({ connections: options.connections ?? 64, keepAliveTimeout: 10_000 });
  const dispatcher = options.dispatcher ?? own!;
  const defaultTimeout = options.timeoutMs ?? 30_000;
  return {
    async request(req) {
      const body = req.body === undefined ? undefined : typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
      const timeout = req.timeoutMs ?? defaultTimeout;
      const res = await request(req.url, {
        method: req.method,
        headers: req.headers,
        body,
        dispatcher,
        headersTimeout: timeout,
        bodyTimeout: timeout,
      });
      return { status: res.statusCode, headers: flattenHeaders(res.headers), body: await res.body.text() };
    },
    sleep: (ms) => delay(ms).then(() => undefined),
    close: async () => {
      await own?.close();
    },
  };
}
