// The load balancer in front of n8n's webhook processes, as small as one can be: each request
// goes to the next backend in turn (round robin), body and headers as they came. It remembers
// which backend answered what, so a test can tell that a replay went to another process. A
// backend that does not answer gets 502, as a balancer without retries would answer.
import { createServer, request } from 'node:http';

/** @param {{ backends: Array<{ name: string, port: number }> }} o */
export async function startRoundRobinProxy({ backends }) {
  let next = 0;
  /** @type {Array<{ at: number, method: string, path: string, backend: string, status: number }>} */
  const served = [];
  const server = createServer((req, res) => {
    const backend = backends[next++ % backends.length];
    const upstream = request(
      { host: '127.0.0.1', port: backend.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        served.push({ at: Date.now(), method: req.method, path: req.url, backend: backend.name, status: answer.statusCode });
        res.writeHead(answer.statusCode, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', (err) => {
      served.push({ at: Date.now(), method: req.method, path: req.url, backend: backend.name, status: 502 });
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: `backend ${backend.name} did not answer: ${err.code ?? err.message}` }));
    });
    req.pipe(upstream);
  });
  server.keepAliveTimeout = 1000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    served,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
