import type { PresenceError } from '../errors';
import { InputError } from '../errors';
import type { RetryPolicy } from '../http/retry';
import type { Clock, HttpTransport, Sleep } from '../http/transport';
import { validateAgentId } from '../ids';
import type { StateMapping } from '../mapping';
import type { AgentPresence, AgentSummary, VendorId, StatusDefinition } from '../model';
import { vendorDefinition } from './registry';

/** Options every vendor client takes. */
export interface ClientOptions {
  transport: HttpTransport;
  /** Override of the vendor's API host, e.g. the simulator. https:// except on loopback. */
  baseUrl?: string;
  retry?: Partial<RetryPolicy>;
  sleep?: Sleep;
  now?: Clock;
  random?: () => number;
  timeoutMs?: number;
  /** Most requests in flight at once for multi-agent work. Default: the vendor's `defaultConcurrency`. */
  concurrency?: number;
  /** Default state-mapping overrides for every call. */
  mapping?: StateMapping;
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
}

export interface ReadOptions {
  mapping?: StateMapping;
  includeRaw?: boolean;
  /** Epoch ms: no new request starts after it, and no retry waits past it. */
  deadline?: number;
  /** Most requests in flight at once for this call; default the client's. */
  concurrency?: number;
}

/** Outcome of reading many agents: never all-or-nothing. */
export interface PresenceBatch {
  presences: AgentPresence[];
  /** Requests that failed, with the agents they covered. */
  failures: Array<{ agentIds: string[]; error: PresenceError | Error }>;
  /** Agents the vendor answered for by leaving them out (unknown to it). */
  missing: string[];
  /** Agents not asked about because the deadline came first. */
  skipped: string[];
}

export interface ListAgentsOptions {
  /** Stop after this many agents. */
  limit?: number;
  deadline?: number;
  includeRaw?: boolean;
}

/** The same operations for every vendor, so nodes and workflows can swap vendors. */
export interface PresenceClient {
  readonly vendor: VendorId;
  readonly baseUrl: string;
  getPresence(agentId: string, options?: ReadOptions): Promise<AgentPresence>;
  getPresences(agentIds: readonly string[], options?: ReadOptions): Promise<PresenceBatch>;
  listAgents(options?: ListAgentsOptions): Promise<AgentSummary[]>;
  setPresence(agentId: string, statusId: string, options?: ReadOptions): Promise<AgentPresence>;
  listStatuses(options?: Omit<ReadOptions, 'deadline'>): Promise<StatusDefinition[]>;
  /** A cheap authenticated call, for credential tests. */
  checkConnection(): Promise<void>;
}

/**
 * Requests in flight at once, by default: each definition's `defaultConcurrency`. Vendors
 * with no batch read (Cirrus, Talkdesk) send a request per agent, so more go out at once
 * (a poll of 10,000 agents takes seconds, not minutes). Vonage reads 50 agents per request
 * and its fair-usage limit is shared by all its APIs, so it stays lower. Either way the
 * limit halves while the vendor answers 429 (see AdaptiveLimit).
 */
export function defaultConcurrencyOf(vendor: VendorId): number {
  return vendorDefinition(vendor).defaultConcurrency;
}
export const maxConcurrency = 100;

/** The concurrency to use: the caller's, checked, or the vendor's default. */
export function concurrencyOf(vendor: VendorId, ...candidates: Array<number | undefined>): number {
  const value = candidates.find((c) => c !== undefined);
  if (value === undefined) return defaultConcurrencyOf(vendor);
  if (!Number.isInteger(value) || value < 1 || value > maxConcurrency) {
    throw new InputError(
      'concurrency',
      `${String(value)} is not a whole number from 1 to ${maxConcurrency}`,
      `Give how many requests may be in flight at once (default ${defaultConcurrencyOf(vendor)}); lower it if the vendor rate-limits.`,
      vendor,
    );
  }
  return value;
}

/** Validates every id before any request, naming the bad one by position, and drops repeats. */
export function validateAgentIds(vendor: VendorId, agentIds: readonly unknown[], field = 'agentIds'): string[] {
  if (!Array.isArray(agentIds)) {
    throw new InputError(field, 'must be a list of ids', 'Give the ids as a list, or one per line.', vendor);
  }
  const seen = new Set<string>();
  agentIds.forEach((id, i) => seen.add(validateAgentId(vendor, id, `${field}, item ${i + 1}`)));
  return [...seen];
}

export function deadlineNotPassed(now: Clock, deadline: number | undefined): () => boolean {
  return deadline === undefined ? () => true : () => now() < deadline;
}

export function collectBatch(
  agentGroups: readonly string[][],
  settled: ReadonlyArray<{ ok: true; value: AgentPresence[] } | { ok: false; error: unknown } | { ok: false; skipped: true }>,
): PresenceBatch {
  const batch: PresenceBatch = { presences: [], failures: [], missing: [], skipped: [] };
  settled.forEach((result, i) => {
    const group = agentGroups[i] ?? [];
    if (result.ok) {
      batch.presences.push(...result.value);
      const got = new Set(result.value.map((p) => p.agentId.toLowerCase()));
      for (const id of group) if (!got.has(id.toLowerCase())) batch.missing.push(id);
    } else if ('skipped' in result) {
      batch.skipped.push(...group);
    } else {
      batch.failures.push({ agentIds: group, error: result.error instanceof Error ? result.error : new Error(String(result.error)) });
    }
  });
  return batch;
}
