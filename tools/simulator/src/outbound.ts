/**
 * One outgoing HTTP POST from the simulator to a receiver (a vendor's webhook or notification
 * delivery): never throws, tracks the request until its socket is gone (so close() can wait),
 * and reports the status, or `'error'` when no HTTP answer came.
 */
import { request as httpRequest, type ClientRequest, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface PostResult {
  status: number | 'error';
  error?: string;
  contentType?: string;
  /** The answer's body (only with `keepBody`). */
  body?: string;
}

export interface PostOptions {
  timeoutMs: number;
  /** Requests on the wire; each adds a promise settled when its socket is gone. */
  inflight: Set<Promise<void>>;
  signal?: AbortSignal;
  keepBody?: boolean;
}

export function postOnce(url: string, body: Buffer, headers: OutgoingHttpHeaders, options: PostOptions): Promise<PostResult> {
  if (options.signal?.aborted) return Promise.resolve({ status: 'error', error: 'aborted' });
  return new Promise((resolve) => {
    let settled = false;
    const done = (r: PostResult) => {
      if (settled) return;
      settled = true;
      resolve(r);
    };
    let release!: () => void;
    const gone = new Promise<void>((r) => (release = r));
    options.inflight.add(gone);
    const all: OutgoingHttpHeaders = { 'Content-Length': body.length, 'User-Agent': 'agent-presence-simulator', ...headers };
    let req: ClientRequest;
    try {
      const target = new URL(url);
      const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
      req = request(target, {
        method: 'POST',
        headers: all,
        agent: false,
        timeout: options.timeoutMs,
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (error) {
      options.inflight.delete(gone);
      release();
      done({ status: 'error', error: error instanceof Error ? error.message : String(error) });
      return;
    }
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => {
        if (options.keepBody) chunks.push(c);
      });
      res.on('end', () =>
        done({
          status: res.statusCode ?? 0,
          ...(res.headers['content-type'] !== undefined ? { contentType: res.headers['content-type'] } : {}),
          ...(options.keepBody ? { body: Buffer.concat(chunks).toString('utf8') } : {}),
        }),
      );
      res.on('error', (e) => done({ status: 'error', error: e.message }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    req.on('error', (e) => done({ status: 'error', error: e.message }));
    req.on('close', () => {
      options.inflight.delete(gone);
      release();
      done({ status: 'error', error: 'connection closed before an answer' });
    });
    req.end(body);
  });
}
