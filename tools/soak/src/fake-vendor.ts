// A tiny loopback HTTP server for response shapes the simulator cannot make
// (an empty 200, a 10 MB array, an unknown enum value, an error envelope in a 200).
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeResponse {
  status?: number;
  body?: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface FakeVendor {
  url: string;
  /** "METHOD /path?query" of every request, in order. */
  requests: string[];
  /** The Authorization header values received (to check what was sent, and never shown). */
  authorizations: string[];
  close(): Promise<void>;
}

export async function startFakeVendor(handler: (req: { method: string; path: string; query: URLSearchParams }) => FakeResponse | undefined): Promise<FakeVendor> {
  const requests: string[] = [];
  const authorizations: string[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const url = new URL(req.url ?? '/', 'http://fake.local');
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    if (typeof req.headers.authorization === 'string') authorizations.push(req.headers.authorization);
    req.resume();
    req.on('end', () => {
      const answer = handler({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams }) ?? {
        status: 404,
        body: JSON.stringify({ message: `no fake route for ${req.method} ${url.pathname}` }),
      };
      const body = answer.body ?? '';
      res.writeHead(answer.status ?? 200, {
        'content-type': answer.contentType ?? 'application/json',
        'content-length': String(Buffer.byteLength(body)),
        ...answer.headers,
      });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    authorizations,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
