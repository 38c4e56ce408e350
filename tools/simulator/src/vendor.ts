/**
 * What a simulated vendor is: the contract each folder under `vendors/` fulfils and the
 * shared parts (world, scenario, timeline, control API, server, cli) read. Nothing here
 * names a vendor; `vendors/registry.ts` lists the definitions.
 */
import type { z } from 'zod/v4';
import type { SimContext } from './context';
import type { VendorApi } from './http';
import type { Rng } from './random';
import type { SimulatorOptions } from './server';
import type { Phase, SimAgent, UserKind } from './types';

/** One entry of a vendor's status table (the vendor's own type extends it). */
export interface StatusBase {
  idx: number;
  /** Id as used in the timeline and control API. */
  id: string;
  /** Display name. */
  name: string;
  /** Vendor-native category. */
  category: string;
  /** The phase an agent is in when set to this status from outside. */
  phase: Phase;
}

/** The types a vendor adds to the simulator's public surface. */
export interface VendorTypes {
  id: string;
  /** `sim.credentials[id]`: working demo credentials. */
  credentials: object;
  /** `sim.vendors[id]`: where clients reach it. */
  urls: { baseUrl: string };
  /** Keys the vendor adds to the config (control API `config`, `startSimulator` options). */
  config: object;
  /** Operations the vendor adds to `sim.control`. */
  control: object;
  /** Sections the vendor adds to `sim.control.counters()`. */
  counters: object;
}

/** Empty additions, for vendors that add nothing. */
export type None = Record<never, never>;

/** A control endpoint a vendor adds under `/_sim`. */
export interface ControlRoute<C> {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  /** The line `GET /_sim` lists for it. */
  describe: string;
  /** `query` as an object of strings; `body` the parsed JSON body (undefined when empty). */
  handle(control: C, query: Record<string, string>, body: unknown): unknown;
}

/** Per-simulator state of a vendor beyond the world (webhook subscriptions, …) and its hooks. */
export interface VendorExtension<T extends VendorTypes = VendorTypes> {
  control: T['control'];
  routes: ControlRoute<T['control']>[];
  counters?(): T['counters'];
  resetCounters?(): void;
  /** After every visible presence change of any agent. */
  onPresenceChange?(agent: SimAgent, at: number): void;
  /**
   * What an agent of any vendor shows when what it does (its own client) shows `statusIdx` at
   * `at`: a vendor with sessions of its own (Teams) overlays them. Default: `statusIdx`.
   */
  shows?(agent: SimAgent, statusIdx: number, at: number): number;
  /** Bring the vendor's own timed state (session expiries, …) up to `now`, after the world's. */
  sync?(now: number): void;
  /** On control reset, after the world was rebuilt. */
  reset?(): void;
  /** On close: stop timers, drop queues, resolve once sockets are gone. */
  close?(): Promise<void>;
}

/** How an agent's work shows in the vendor's presence. */
export type CallDisplay =
  /** a boolean "on a call" beside the presence (set with `onCall` through the control API) */
  | 'flag'
  /** a list of interactions and an occupancy (set with `interactions` / `occupancy`) */
  | 'interactions'
  /** not at all: an agent on a call keeps its presence */
  | 'hidden'
  /** by the status itself (the phase `call` has its own status, e.g. Busy/InACall) */
  | 'status';

export interface SimVendor<T extends VendorTypes = VendorTypes> {
  id: T['id'];
  /** Display name, as in messages ("… are Talkdesk only"). */
  name: string;
  /** Routes under `/<id>`, body serialiser and the vendor's error shapes. */
  api: VendorApi;
  urls(baseUrl: string): T['urls'];
  credentials: T['credentials'];
  /** Lines `npm start` prints for the vendor. */
  banner(urls: T['urls'], credentials: T['credentials'], simUrl: string): string[];
  /** Cli flags that set config keys. */
  flags?: Array<{ flag: string; help: string; config: Partial<T['config']> }>;
  /** Vendor config keys: zod fields of the control API's config body, and their defaults. */
  config?: { shape: Record<string, z.ZodType>; defaults: T['config'] };
  people: {
    /** E-mail domain of its users. */
    domain: string;
    /** A maker of user ids drawing from the vendor's people stream (a repeat is drawn again). */
    ids(rng: Rng): (index: number, kind: UserKind) => string;
    /** Users beyond the agents: kind and share of the agent count (at least 2 each). */
    others: Array<[UserKind, number]>;
    /** Listing order of user ids (default: string order). */
    compareIds?(a: string, b: string): number;
  };
  /** Its status table (`idx` = position). */
  statuses: readonly StatusBase[];
  /** Which status the scenario shows for each phase. */
  phaseStatus: Record<Phase, number>;
  /** A phase of its own the scenario sends a ready agent into when a roll falls below `below`. */
  rarePhase?: { phase: Phase; below: number };
  calls: CallDisplay;
  /** Canonical form of an agent id given to the control API (default: as given). */
  agentKey?(id: string): string;
  /** Canonical form of a status id given to the control API, compared with the lower-cased ids (default: lower case). */
  statusKey?(id: string): string;
  /** Exactly what the vendor's single-agent presence GET returns (the control API's `state.record`). */
  record(ctx: SimContext, agent: SimAgent): unknown;
  /** Fields added to the agent's entry in the control API's `state`. */
  stateExtras?(ctx: SimContext, agent: SimAgent): Record<string, unknown>;
  /** State and control operations of its own, made once per simulator. */
  extend?(ctx: SimContext, options: SimulatorOptions): VendorExtension<T>;
  /** Phantom: carries T for the registry's type maps. */
  readonly types?: T;
}
