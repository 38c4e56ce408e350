/**
 * The control API: the same operations in-process (`sim.control`) and over HTTP
 * under `/_sim` (JSON, no auth, never counted as vendor requests).
 */
import { VirtualClock } from './clock';
import type { SimConfig, SimContext } from './context';
import { attachWorld, syncWorld } from './context';
import type { CountersSnapshot } from './counters';
import type { Fault } from './faults';
import {
  ConfigSchema,
  ResetSchema,
  SetPresenceSchema,
  SimulatorInputError,
  TimeSchema,
  TimelineQuerySchema,
  VendorQuerySchema,
  parseInput,
  type ConfigInput,
  type FaultSpecInput,
  type ResetInput,
  type SetPresenceInput,
  type TimeInput,
  type TimelineQueryInput,
} from './schemas';
import type { TimelinePage } from './timeline';
import type { SimAgent, TimelineEntry, VendorId } from './types';
import type { ControlRoute, SimVendor } from './vendor';
import { VENDOR_LIST, VENDORS, vendorOf, type VendorControl } from './vendors/registry';
import { World } from './world';

export interface TimeInfo {
  /** Virtual now, ISO. */
  now: string;
  nowMs: number;
  paused: boolean;
  speed: number;
  /** When the current world started (virtual), ISO. */
  startedAt: string;
}

export interface SetPresenceResult {
  /** False when the agent already had exactly that presence (no timeline entry). */
  changed: boolean;
  entry: TimelineEntry | null;
  /** The agent's vendor-native record after the change. */
  record: unknown;
}

export interface AgentState {
  agentId: string;
  statusId: string;
  statusName: string;
  category: string;
  /** ISO time the current presence began (the vendor's updated / updated_at). */
  since: string;
  /** Scenario phase (ready, call, break, ...). */
  phase: string;
  /** ISO time of the agent's next scheduled change. */
  nextChangeAt: string;
  /** Exactly what the vendor's single-agent presence GET returns (Cirrus: the envelope's `object`). */
  record: unknown;
  /** Cirrus only: GET /managers/{id}/stats FaceToFaceStatus (a vendor's `stateExtras`). */
  faceToFaceStatus?: boolean;
}

export interface StateResult {
  vendor: VendorId;
  at: string;
  agents: AgentState[];
}

export interface AgentsResult {
  vendor: VendorId;
  agentIds: string[];
  /** Every user the vendor lists, with its kind (agent, admin, non-agent, archived, inactive). */
  users: Array<{ id: string; kind: string; name: string }>;
}

export interface ResetResult {
  seed: number;
  agents: number;
  time: TimeInfo;
}

/** Configuration as returned by the control API (speed is the clock's). */
export type ConfigView = SimConfig & { speed: number };

/** The shared operations; `SimulatorControl` adds the vendors' own. */
export interface SharedControl {
  /** Set an agent's presence (source "control"). */
  setPresence(input: SetPresenceInput): SetPresenceResult;
  time(input?: TimeInput): TimeInfo;
  pause(): TimeInfo;
  resume(): TimeInfo;
  advance(ms: number): TimeInfo;
  timeline(query?: TimelineQueryInput): TimelinePage;
  state(vendor: VendorId): StateResult;
  agents(vendor: VendorId): AgentsResult;
  counters(): CountersSnapshot;
  resetCounters(): CountersSnapshot;
  reset(input?: ResetInput): ResetResult;
  /** Current configuration, after applying `patch` if given. */
  config(patch?: ConfigInput): ConfigView;
  addFault(spec: FaultSpecInput): Fault;
  faults(): Fault[];
  removeFault(id: string): boolean;
  clearFaults(): { removed: number };
}

/** `sim.control`: the shared operations and each vendor's own (Vonage: history, webhooks). */
export type SimulatorControl = SharedControl & VendorControl;

function notFound(message: string, field?: string): SimulatorInputError {
  return new SimulatorInputError(message, field, 404);
}

export function createControl(ctx: SimContext): SimulatorControl {
  const extensions = () => VENDORS.flatMap((v) => (ctx.extensions[v] ? [ctx.extensions[v]] : []));
  const timeInfo = (): TimeInfo => {
    const now = ctx.clock.now();
    return {
      now: new Date(now).toISOString(),
      nowMs: now,
      paused: ctx.clock.paused,
      speed: ctx.clock.speed,
      startedAt: new Date(ctx.world.startTime).toISOString(),
    };
  };

  const recordOf = (agent: SimAgent): unknown => vendorOf(agent.vendor).record(ctx, agent);

  /** Display names of the vendors whose calls show as `calls`, for messages ("Talkdesk only"). */
  const showing = (calls: SimVendor['calls']) =>
    VENDOR_LIST.filter((v) => v.calls === calls)
      .map((v) => v.name)
      .join(', ');

  const findStatus = (vendor: VendorId, statusId: string): number => {
    const table = ctx.world.vendors[vendor].statuses;
    const key = vendorOf(vendor).statusKey;
    const wanted = key ? key(statusId) : statusId.toLowerCase();
    const found = table.find((s) => s.id.toLowerCase() === wanted);
    if (!found) {
      throw new SimulatorInputError(
        `Invalid presence: field "statusId": unknown ${vendor} status "${statusId}" (known: ${table.map((s) => s.id).join(', ')})`,
        'statusId',
      );
    }
    return found.idx;
  };

  const shared: SharedControl = {
    setPresence(input) {
      const body = parseInput(SetPresenceSchema, input, 'presence');
      syncWorld(ctx);
      const def = vendorOf(body.vendor);
      const idKey = def.agentKey ? def.agentKey(body.agentId) : body.agentId;
      const agent = ctx.world.agent(body.vendor, idKey);
      if (!agent) throw notFound(`No ${body.vendor} agent "${body.agentId}" (see GET /_sim/agents?vendor=${body.vendor})`, 'agentId');
      const statusIdx = findStatus(body.vendor, body.statusId);
      if (def.calls !== 'interactions' && (body.occupancy !== undefined || body.interactions !== undefined)) {
        throw new SimulatorInputError(
          `Invalid presence: field "interactions": occupancy and interactions are ${showing('interactions')} only`,
          'interactions',
        );
      }
      if (def.calls !== 'flag' && body.onCall !== undefined) {
        throw new SimulatorInputError(`Invalid presence: field "onCall": onCall is ${showing('flag')} only`, 'onCall');
      }
      const entry = ctx.world.setStatus(agent, statusIdx, ctx.clock.now(), 'control', {
        ...(body.interactions !== undefined ? { interactions: body.interactions } : {}),
        ...(body.occupancy !== undefined ? { occupancy: body.occupancy } : {}),
        ...(body.onCall !== undefined ? { onCall: body.onCall } : {}),
        updatedBy: 'simulator-control',
      });
      return { changed: entry !== null, entry, record: recordOf(agent) };
    },

    time(input) {
      if (input === undefined) {
        syncWorld(ctx);
        return timeInfo();
      }
      const body = parseInput(TimeSchema, input, 'time');
      syncWorld(ctx);
      if (body.action === 'pause') ctx.clock.pause();
      else if (body.action === 'resume') ctx.clock.resume();
      else ctx.clock.advance(body.ms ?? 0);
      syncWorld(ctx);
      return timeInfo();
    },
    pause: () => shared.time({ action: 'pause' }),
    resume: () => shared.time({ action: 'resume' }),
    advance: (ms) => shared.time({ action: 'advance', ms }),

    timeline(query) {
      const q = parseInput(TimelineQuerySchema, query ?? {}, 'timeline query');
      syncWorld(ctx);
      if (q.agentId !== undefined) {
        const vendors: readonly VendorId[] = q.vendor ? [q.vendor] : VENDORS;
        if (!vendors.some((v) => ctx.world.agent(v, q.agentId!))) throw notFound(`No agent "${q.agentId}"`, 'agentId');
      }
      return ctx.world.timelinePage(q);
    },

    state(vendor) {
      const { vendor: v } = parseInput(VendorQuerySchema, { vendor }, 'state query');
      syncWorld(ctx);
      const w = ctx.world;
      const agents = w.vendors[v].agents.map((agent): AgentState => {
        const status = w.status(v, agent.statusIdx);
        const state: AgentState = {
          agentId: agent.id,
          statusId: status.id,
          statusName: status.name,
          category: status.category,
          since: new Date(agent.since).toISOString(),
          phase: agent.phase,
          nextChangeAt: new Date(agent.nextAt).toISOString(),
          record: recordOf(agent),
        };
        const extras = vendorOf(v).stateExtras;
        return extras ? Object.assign(state, extras(ctx, agent)) : state;
      });
      return { vendor: v, at: new Date(ctx.clock.now()).toISOString(), agents };
    },

    agents(vendor) {
      const { vendor: v } = parseInput(VendorQuerySchema, { vendor }, 'agents query');
      const vw = ctx.world.vendors[v];
      return {
        vendor: v,
        agentIds: vw.agents.map((a) => a.id),
        users: vw.users.map((u) => ({ id: u.id, kind: u.kind, name: u.name })),
      };
    },

    counters: () => Object.assign(ctx.counters.snapshot(), ...extensions().map((e) => e.counters?.() ?? {})) as CountersSnapshot,
    resetCounters() {
      ctx.counters.reset();
      for (const e of extensions()) e.resetCounters?.();
      return shared.counters();
    },

    reset(input) {
      const body = parseInput(ResetSchema, input ?? {}, 'reset');
      const d = ctx.worldDefaults;
      if (body.seed !== undefined) d.seed = body.seed;
      if (body.agents !== undefined) d.agents = body.agents;
      if (body.startTime !== undefined) {
        d.startTime = typeof body.startTime === 'number' ? body.startTime : Date.parse(body.startTime);
      }
      const startTime = d.startTime ?? (d.autoplay ? Date.now() : DEFAULT_START_TIME);
      ctx.world = new World({ seed: d.seed, agents: d.agents, startTime, ...(d.timelineCap ? { timelineCap: d.timelineCap } : {}) });
      ctx.clock = new VirtualClock(startTime, { running: d.autoplay, speed: d.speed });
      for (const e of extensions()) e.reset?.();
      attachWorld(ctx);
      ctx.faults.reset(d.seed);
      ctx.counters.reset();
      ctx.tokens.clear();
      return { seed: d.seed, agents: d.agents, time: timeInfo() };
    },

    config(patch) {
      if (patch !== undefined) {
        const body = parseInput(ConfigSchema, patch, 'config') as ConfigInput;
        const { speed, ...rest } = body;
        for (const [key, value] of Object.entries(rest)) {
          if (value !== undefined) (ctx.config as unknown as Record<string, unknown>)[key] = value;
        }
        if (speed !== undefined) {
          ctx.clock.setSpeed(speed);
          ctx.worldDefaults.speed = speed;
        }
      }
      return { ...ctx.config, speed: ctx.clock.speed };
    },

    addFault: (spec) => ctx.faults.add(spec),
    faults: () => ctx.faults.list(),
    removeFault: (id) => ctx.faults.remove(id),
    clearFaults: () => ({ removed: ctx.faults.clear() }),
  };
  return Object.assign(shared, ...extensions().map((e) => e.control)) as SimulatorControl;
}

/** Start of the world when the clock does not follow wall time (in-process default): Monday 2025-01-06 09:00 UTC. */
export const DEFAULT_START_TIME = Date.UTC(2025, 0, 6, 9, 0, 0);

// ------------------------------------------------------------------ HTTP mapping

export interface ControlResponse {
  status: number;
  body: unknown;
}

const SHARED_ROUTES = [
  'GET    /_sim                      this list',
  'GET    /_sim/health               {ok: true}',
  'POST   /_sim/presence             {vendor, agentId, statusId, occupancy?, interactions?, onCall?}',
  'GET    /_sim/time                 virtual clock',
  'POST   /_sim/time                 {action: pause|resume|advance, ms?}',
  'GET    /_sim/timeline             ?vendor=&agentId=&sinceSeq=&limit=',
  'GET    /_sim/state                ?vendor=',
  'GET    /_sim/agents               ?vendor=',
  'GET    /_sim/counters',
  'POST   /_sim/counters/reset',
  'POST   /_sim/reset                {agents?, seed?, startTime?}',
  'GET    /_sim/config',
  `POST   /_sim/config               {${Object.keys(ConfigSchema.shape).map((k) => `${k}?`).join(', ')}}`,
  'GET    /_sim/faults',
  'POST   /_sim/faults               {vendor, endpoint, kind, rate? | count?, ...}',
  'DELETE /_sim/faults               remove all',
  'DELETE /_sim/faults/{id}          remove one',
];

function queryObject(query: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of query) out[k] = v;
  return out;
}

/** The control endpoints the vendors add (Vonage: history, webhooks). */
export function vendorControlRoutes(ctx: SimContext): ControlRoute<SimulatorControl>[] {
  return VENDORS.flatMap((v) => (ctx.extensions[v]?.routes ?? []) as ControlRoute<SimulatorControl>[]);
}

/** Route one control request. `body` is the parsed JSON body (undefined when empty). */
export function handleControl(
  control: SimulatorControl,
  vendorRoutes: ControlRoute<SimulatorControl>[],
  method: string,
  path: string,
  query: URLSearchParams,
  body: unknown,
): ControlResponse | Promise<ControlResponse> {
  const ok = (b: unknown, status = 200): ControlResponse => ({ status, body: b });
  const trimmed = path.replace(/\/+$/, '') || '/';
  const route = `${method} ${trimmed}`;
  const listing = [...SHARED_ROUTES, ...vendorRoutes.map((r) => `${r.method.padEnd(6)} ${r.path.padEnd(26)} ${r.describe}`)];
  const own = vendorRoutes.find((r) => r.method === method && r.path === trimmed);
  if (own) {
    const result = own.handle(control, queryObject(query), body);
    return result instanceof Promise ? result.then((r) => ok(r)) : ok(result);
  }
  switch (route) {
    case 'GET /_sim':
      return ok({ endpoints: listing });
    case 'GET /_sim/health':
      return ok({ ok: true });
    case 'POST /_sim/presence':
      return ok(control.setPresence(body as SetPresenceInput));
    case 'GET /_sim/time':
      return ok(control.time());
    case 'POST /_sim/time':
      return ok(control.time((body ?? {}) as TimeInput));
    case 'GET /_sim/timeline':
      return ok(control.timeline(queryObject(query) as TimelineQueryInput));
    case 'GET /_sim/state':
      return ok(control.state(requireVendor(query)));
    case 'GET /_sim/agents':
      return ok(control.agents(requireVendor(query)));
    case 'GET /_sim/counters':
      return ok(control.counters());
    case 'POST /_sim/counters/reset':
      return ok(control.resetCounters());
    case 'POST /_sim/reset':
      return ok(control.reset((body ?? {}) as ResetInput));
    case 'GET /_sim/config':
      return ok(control.config());
    case 'POST /_sim/config':
      return ok(control.config((body ?? {}) as ConfigInput));
    case 'GET /_sim/faults':
      return ok({ faults: control.faults() });
    case 'POST /_sim/faults':
      return ok(control.addFault((body ?? {}) as FaultSpecInput), 201);
    case 'DELETE /_sim/faults':
      return ok(control.clearFaults());
  }
  const one = /^\/_sim\/faults\/([^/]+)$/.exec(path);
  if (one && method === 'DELETE') {
    if (!control.removeFault(decodeURIComponent(one[1]!))) throw notFound(`No fault "${one[1]}"`, 'id');
    return ok({ removed: 1 });
  }
  const known = listing.some((r) => r.split(/\s+/)[1] === trimmed);
  return {
    status: known ? 405 : 404,
    body: { error: known ? `${method} not allowed on ${path}` : `No control endpoint ${method} ${path} (see GET /_sim)` },
  };
}

function requireVendor(query: URLSearchParams): VendorId {
  const parsed = parseInput(VendorQuerySchema, queryObject(query), 'query');
  return parsed.vendor;
}
