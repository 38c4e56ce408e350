/**
 * The HTTP server: one port, a path prefix per vendor (`/<id>`, from the registry) and
 * the control API under `/_sim`. Vendor requests go through counting, latency, faults,
 * the vendor handler, drift, serialisation.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { VirtualClock } from './clock';
import type { SimConfig, SimContext } from './context';
import { attachWorld, syncWorld } from './context';
import { DEFAULT_START_TIME, createControl, handleControl, vendorControlRoutes, type SimulatorControl } from './control';
import { Counters } from './counters';
import { FaultStore, applyDrift, type DriftKind, type KnownRoutes } from './faults';
import {
  compileRoutes,
  matchRoute,
  parseJsonBody,
  readBody,
  requestOrigin,
  send,
  type CompiledRoute,
  type VendorRequest,
  type VendorResponse,
} from './http';
import { TokenStore } from './oauth';
import { SimulatorInputError } from './schemas';
import type { VendorId } from './types';
import { DEMO_CREDENTIALS, VENDOR_LIST, VENDORS, vendorOf, type Credentials, type VendorConfig, type VendorUrls } from './vendors/registry';
import { World } from './world';

interface BaseOptions {
  /** 0 = ephemeral (default 0). */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Agents per vendor, default 25, max 50,000. */
  agents?: number;
  /** Default 1; same seed => same world. */
  seed?: number;
  /** Fixed latency added to every vendor request, ms (default 0). */
  latencyMs?: number;
  /** The clock follows wall time from the start (default false in-process; the cli turns it on). */
  autoplay?: boolean;
  /**
   * Virtual start time (ISO or epoch ms). Default: now when autoplay, else
   * 2025-01-06T09:00:00.000Z so that in-process worlds are identical run to run.
   */
  startTime?: string | number;
  /** Virtual ms per wall ms while the clock runs (default 1). */
  speed?: number;
  /** Timeline entries kept (default 1,000,000). */
  timelineCap?: number;
  /** Waits before each retry of a failed webhook delivery (default [100, 250, 500]: 4 attempts in all). */
  webhookRetryDelaysMs?: number[];
  /** A webhook receiver that has not answered after this long counts as an error (default 5000 ms). */
  webhookTimeoutMs?: number;
}

/** Options of `startSimulator`: the shared ones and the vendors' config keys (`talkdeskIncludeUserId`, …). */
export type SimulatorOptions = BaseOptions & Partial<VendorConfig>;

export interface Simulator {
  /** http://127.0.0.1:PORT */
  url: string;
  /** Each vendor's base URL (`${url}/<id>`) and token URL where it has one. */
  vendors: VendorUrls;
  /** Working demo credentials with every scope. */
  credentials: Credentials;
  control: SimulatorControl;
  /** Stops timers, drops pending webhook deliveries, destroys open sockets, resolves when closed. */
  close(): Promise<void>;
}

const COMPILED = Object.fromEntries(VENDOR_LIST.map((v) => [v.id, compileRoutes(v.api.routes)])) as Record<VendorId, CompiledRoute[]>;

/** Every vendor route as `{method, template}` (for docs and fault validation). */
export const VENDOR_ROUTES = Object.fromEntries(
  VENDOR_LIST.map((v) => [v.id, v.api.routes.map(({ method, template }) => ({ method, template }))]),
) as KnownRoutes;

/** `/<vendor>/rest-of-path`. */
const VENDOR_PATH = new RegExp(`^/(${VENDORS.join('|')})(/.*)?$`);

const TICK_MS = 200;

function htmlErrorPage(status: number): string {
  return `<!DOCTYPE html>
<html>
<head><title>${status} Bad Gateway</title></head>
<body>
<center><h1>${status} Bad Gateway</h1></center>
<hr><center>nginx</center>
</body>
</html>
`;
}

/** The config at start: latency, and each vendor's keys from its defaults or the options. */
function vendorConfig(options: SimulatorOptions): SimConfig {
  const config: Record<string, unknown> = { latencyMs: options.latencyMs ?? 0 };
  const defaults = VENDOR_LIST.flatMap((v) => Object.entries(v.config?.defaults ?? {})).sort(([a], [b]) => (a < b ? -1 : 1));
  for (const [key, value] of defaults) config[key] = (options as Record<string, unknown>)[key] ?? value;
  return config as unknown as SimConfig;
}

function resolveStart(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms)) throw new SimulatorInputError(`Invalid option startTime: ${String(value)}`, 'startTime');
  return ms;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const seed = options.seed ?? 1;
  const agents = options.agents ?? 25;
  const autoplay = options.autoplay ?? false;
  const speed = options.speed ?? 1;
  const explicitStart = resolveStart(options.startTime);
  const startTime = explicitStart ?? (autoplay ? Date.now() : DEFAULT_START_TIME);
  const world = new World({ seed, agents, startTime, ...(options.timelineCap ? { timelineCap: options.timelineCap } : {}) });

  const retryDelays = options.webhookRetryDelaysMs;
  if (retryDelays !== undefined && (!Array.isArray(retryDelays) || retryDelays.some((d) => !Number.isInteger(d) || d < 0 || d > 60_000))) {
    throw new SimulatorInputError('Invalid option webhookRetryDelaysMs: expected whole numbers of ms from 0 to 60000', 'webhookRetryDelaysMs');
  }
  const ctx: SimContext = {
    world,
    clock: new VirtualClock(startTime, { running: autoplay, speed }),
    tokens: new TokenStore(),
    faults: new FaultStore(seed, VENDOR_ROUTES),
    counters: new Counters(),
    extensions: {},
    config: vendorConfig(options),
    credentials: structuredClone(DEMO_CREDENTIALS) as Credentials,
    url: '',
    worldDefaults: {
      seed,
      agents,
      ...(explicitStart !== undefined ? { startTime: explicitStart } : {}),
      ...(options.timelineCap ? { timelineCap: options.timelineCap } : {}),
      autoplay,
      speed,
    },
  };
  for (const v of VENDOR_LIST) {
    const extension = v.extend?.(ctx, options);
    if (extension) ctx.extensions[v.id] = extension;
  }
  attachWorld(ctx);
  const control = createControl(ctx);
  const controlRoutes = vendorControlRoutes(ctx);
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();
  let closed = false;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  async function handleVendor(vendor: VendorId, req: IncomingMessage, res: ServerResponse, path: string, url: URL): Promise<void> {
    const api = vendorOf(vendor).api;
    const method = (req.method ?? 'GET').toUpperCase();
    const match = matchRoute(COMPILED[vendor], method, path);
    const template = match.kind === 'none' ? '<unmatched>' : match.kind === 'match' ? match.route.template : match.template;
    ctx.counters.increment(vendor, method, template);
    const route = match.kind === 'match' ? match.route : undefined;
    const body = await readBody(req);

    const decision = ctx.faults.evaluate({ vendor, method, template, bearer: route?.bearer ?? false });
    const delay = ctx.config.latencyMs + decision.latencyMs;
    if (delay > 0) await sleep(delay);
    if (closed || res.destroyed) return;
    const action = decision.action;
    if (action?.kind === 'drop') {
      req.socket.destroy();
      return;
    }

    syncWorld(ctx);
    const vreq: VendorRequest = {
      vendor,
      method,
      path,
      params: match.kind === 'match' ? match.params : {},
      query: url.searchParams,
      headers: req.headers,
      body,
      baseUrl: `${requestOrigin(req.headers, ctx.url)}/${vendor}`,
      now: ctx.clock.now(),
      sim: ctx,
    };

    let out: VendorResponse;
    if (action && (action.kind === '429' || action.kind === '500' || action.kind === '503' || action.kind === 'token-expiry')) {
      out = api.faultResponse(action.kind, route, vreq);
      if (action.kind === '429' && action.retryAfterSeconds !== undefined) {
        out.headers = { ...out.headers, 'retry-after': String(action.retryAfterSeconds) };
      }
      // (a vendor with a static key has no token to revoke)
      if (action.kind === 'token-expiry') ctx.tokens.revokeAll(vendor);
    } else if (match.kind === 'match') {
      out = await match.route.handler(vreq);
      if (closed || res.destroyed) return;
    } else if (match.kind === 'method') {
      out = api.methodNotAllowed(vreq, match.allowed);
    } else {
      out = api.notFound(vreq);
    }

    if (action?.kind === 'non-json') {
      send(res, action.status ?? 502, htmlErrorPage(action.status ?? 502), {}, 'text/html; charset=utf-8');
      return;
    }
    if (action && action.kind.startsWith('drift-') && route?.records && out.status >= 200 && out.status < 300 && out.body !== undefined) {
      const field = action.field ?? route.driftField;
      if (field) applyDrift(route.records(out.body), action.kind as DriftKind, field, action.renameTo);
    }
    let text = out.body === undefined ? undefined : api.serialize(out.body);
    if (action?.kind === 'truncate' && text !== undefined && text.length > 1) {
      text = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
    }
    send(res, out.status, text, out.headers);
  }

  function handleControlRequest(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    return readBody(req).then(async (raw) => {
      let body: unknown;
      try {
        body = parseJsonBody(raw);
      } catch {
        send(res, 400, JSON.stringify({ error: 'Request body is not valid JSON' }));
        return;
      }
      const result = await handleControl(control, controlRoutes, (req.method ?? 'GET').toUpperCase(), url.pathname, url.searchParams, body);
      send(res, result.status, JSON.stringify(result.body));
    });
  }

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://simulator.local');
    const pathname = url.pathname;
    const m = VENDOR_PATH.exec(pathname);
    const work = m
      ? (() => {
          const end = ctx.counters.begin(m[1] as VendorId);
          return handleVendor(m[1] as VendorId, req, res, (m[2] ?? '/').replace(/(.)\/+$/, '$1'), url).finally(end);
        })()
      : pathname === '/_sim' || pathname.startsWith('/_sim/')
        ? handleControlRequest(req, res, url)
        : Promise.resolve(
            send(
              res,
              404,
              JSON.stringify({ error: `Unknown path ${pathname}: vendor APIs are under ${VENDORS.map((v) => `/${v}`).join(', ')}; control under /_sim` }),
            ),
          );
    work.catch((err: unknown) => {
      if (err instanceof SimulatorInputError) {
        send(res, err.status, JSON.stringify({ error: err.message, ...(err.field ? { field: err.field } : {}) }));
        return;
      }
      send(res, 500, JSON.stringify({ error: `Simulator error: ${err instanceof Error ? err.message : String(err)}` }));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const publicHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${publicHost}:${address.port}`;
  ctx.url = url;

  const tick = setInterval(() => {
    if (!ctx.clock.paused) syncWorld(ctx);
  }, TICK_MS);
  tick.unref();

  return {
    url,
    vendors: Object.fromEntries(VENDOR_LIST.map((v) => [v.id, v.urls(`${url}/${v.id}`)])) as VendorUrls,
    credentials: structuredClone(ctx.credentials),
    control,
    close: () => {
      if (closed) return Promise.resolve();
      closed = true;
      clearInterval(tick);
      for (const t of timers) clearTimeout(t);
      timers.clear();
      const vendors = VENDORS.map((v) => ctx.extensions[v]?.close?.());
      const http = new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
        server.closeAllConnections?.();
      });
      return Promise.all([...vendors, http]).then(() => undefined);
    },
  };
}
