/**
 * Fault injection: rules that match vendor requests (by vendor and route template)
 * and fire either with a seeded probability (`rate`) or on the next N matches
 * (`count`). Also the record "drift" transformations.
 */
import { Int64 } from './json';
import { Rng, hash32 } from './random';
import { FaultSpecSchema, SimulatorInputError, parseInput, type FaultKind, type FaultSpec, type FaultSpecInput } from './schemas';
import type { VendorId } from './types';

export interface Fault extends FaultSpec {
  id: string;
  /** count mode: matches left. */
  remaining?: number;
  /** How many requests it has fired on. */
  hits: number;
}

interface FaultState {
  fault: Fault;
  specKey: string;
  rng: Rng;
}

export interface FaultDecision {
  /** Total added latency from `latency` faults that fired. */
  latencyMs: number;
  /** The first non-latency fault that fired, if any. */
  action?: Fault;
}

export interface FaultRequest {
  vendor: VendorId;
  method: string;
  template: string;
  /** The route takes a bearer API key / token. */
  bearer: boolean;
}

/** `{vendor: [templates]}` known to the server, to validate fault endpoints. */
export type KnownRoutes = Record<VendorId, Array<{ method: string; template: string }>>;

export class FaultStore {
  private states: FaultState[] = [];
  private nextId = 1;

  constructor(
    private seed: number,
    private readonly known: KnownRoutes,
  ) {}

  add(input: FaultSpecInput): Fault {
    const spec = parseInput(FaultSpecSchema, input, 'fault');
    const endpoint = normaliseEndpoint(spec.endpoint, spec.vendor);
    if (endpoint !== '*' && !this.endpointExists(spec.vendor, endpoint)) {
      const list = this.knownList(spec.vendor);
      throw new SimulatorInputError(
        `Invalid fault: field "endpoint": no ${spec.vendor === '*' ? '' : spec.vendor + ' '}route "${spec.endpoint}" (known: ${list.join(', ')}, or "*")`,
        'endpoint',
      );
    }
    const id = `f${this.nextId++}`;
    const fault: Fault = { ...spec, endpoint, id, hits: 0 };
    if (spec.rate === undefined && spec.count === undefined) fault.rate = 1;
    if (spec.count !== undefined) fault.remaining = spec.count;
    // The random stream depends on the seed and the spec (not on the id), so the same fault
    // added to a world of the same seed fires on the same requests whatever came before.
    const specKey = JSON.stringify(spec);
    const twins = this.states.filter((s) => s.specKey === specKey).length;
    this.states.push({ fault, specKey, rng: new Rng(hash32(this.seed, 'fault', specKey, twins)) });
    return { ...fault };
  }

  list(): Fault[] {
    return this.states.map((s) => ({ ...s.fault }));
  }

  remove(id: string): boolean {
    const before = this.states.length;
    this.states = this.states.filter((s) => s.fault.id !== id);
    return this.states.length < before;
  }

  clear(): number {
    const n = this.states.length;
    this.states = [];
    return n;
  }

  /** Clear and restart ids and random streams (world reset). */
  reset(seed: number): void {
    this.clear();
    this.nextId = 1;
    this.seed = seed;
  }

  /** Decide which faults fire for one request (consumes count / random draws). */
  evaluate(req: FaultRequest): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0 };
    for (const state of this.states) {
      const f = state.fault;
      if (!matches(f, req)) continue;
      if (f.remaining !== undefined) {
        if (f.remaining <= 0) continue;
      } else if (!(state.rng.next() < (f.rate ?? 1))) {
        continue;
      }
      if (f.remaining !== undefined) f.remaining--;
      f.hits++;
      if (f.kind === 'latency') {
        decision.latencyMs += f.ms ?? 0;
        continue;
      }
      decision.action = { ...f };
      break;
    }
    return decision;
  }

  private endpointExists(vendor: FaultSpec['vendor'], endpoint: string): boolean {
    const vendors = vendor === '*' ? (Object.keys(this.known) as VendorId[]) : [vendor];
    return vendors.some((v) => this.known[v].some((r) => endpoint === r.template || endpoint === `${r.method} ${r.template}`));
  }

  private knownList(vendor: FaultSpec['vendor']): string[] {
    const vendors = vendor === '*' ? (Object.keys(this.known) as VendorId[]) : [vendor];
    return [...new Set(vendors.flatMap((v) => this.known[v].map((r) => `${r.method} ${r.template}`)))];
  }
}

/** Accept `TEMPLATE`, `METHOD TEMPLATE` and the counter form `vendor METHOD TEMPLATE`. */
function normaliseEndpoint(endpoint: string, vendor: FaultSpec['vendor']): string {
  let e = endpoint.trim().replace(/\s+/g, ' ');
  const parts = e.split(' ');
  if (parts.length === 3 && (parts[0] === vendor || vendor === '*')) e = parts.slice(1).join(' ');
  const [first, ...rest] = e.split(' ');
  if (rest.length === 1 && first) e = `${first.toUpperCase()} ${rest[0]}`;
  return e;
}

function matches(f: Fault, req: FaultRequest): boolean {
  if (f.vendor !== '*' && f.vendor !== req.vendor) return false;
  if (f.kind === 'token-expiry' && !req.bearer) return false;
  if (f.endpoint === '*') return true;
  return f.endpoint === req.template || f.endpoint === `${req.method} ${req.template}`;
}

// ------------------------------------------------------------------ drift

export type DriftKind = Extract<FaultKind, 'drift-missing' | 'drift-renamed' | 'drift-type'>;

/** Default new name: snake_case <-> camelCase, else `<name>_renamed`. */
export function defaultRename(name: string): string {
  if (name.includes('_') && !name.startsWith('_')) return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  if (/[a-z][A-Z]/.test(name)) return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  return `${name}_renamed`;
}

/** The same value with another JSON type. */
export function changeType(value: unknown): unknown {
  if (value instanceof Int64) return value.digits;
  switch (typeof value) {
    case 'number':
      return String(value);
    case 'bigint':
      return value.toString();
    case 'string': {
      const n = Number(value);
      return value.trim() !== '' && Number.isFinite(n) ? n : value.length;
    }
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 0;
      return Array.isArray(value) ? { ...value } : JSON.stringify(value);
    default:
      return null;
  }
}

/** Apply a drift to one field (dotted path) of every record. Returns how many records changed. */
export function applyDrift(records: unknown[], kind: DriftKind, field: string, renameTo?: string): number {
  const path = field.split('.');
  const last = path[path.length - 1]!;
  let changed = 0;
  for (const record of records) {
    let parent: unknown = record;
    for (const key of path.slice(0, -1)) {
      parent = parent && typeof parent === 'object' ? (parent as Record<string, unknown>)[key] : undefined;
    }
    if (!parent || typeof parent !== 'object' || !(last in parent)) continue;
    const obj = parent as Record<string, unknown>;
    if (kind === 'drift-missing') {
      delete obj[last];
    } else if (kind === 'drift-renamed') {
      const value = obj[last];
      delete obj[last];
      obj[renameTo ?? defaultRename(last)] = value;
    } else {
      obj[last] = changeType(obj[last]);
    }
    changed++;
  }
  return changed;
}
