import type { Clock, Sleep } from './transport';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Stop retrying once this much time has passed since the first attempt. */
  budgetMs?: number;
  /** Absolute stop time (epoch ms), e.g. the end of an n8n poll budget. */
  deadline?: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 10_000,
  budgetMs: 30_000,
};

export interface RetryDecision {
  retryable: boolean;
  retryAfterMs?: number;
}

export interface RetryRuntime {
  /** Without a sleep there is no safe way to wait, so nothing is retried. */
  sleep?: Sleep;
  now: Clock;
  /** 0 ≤ x < 1; injected so tests are exact. */
  random: () => number;
  /** Called before each wait, e.g. to log. */
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
}

/** Full-jitter exponential backoff: spreads clients that failed together. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(random() * ceiling);
}

/**
 * Runs `attempt` until it succeeds, a failure is not retryable, attempts run out,
 * or the next wait would cross the budget or deadline. Then it throws the last error.
 */
export async function withRetry<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  classify: (error: unknown) => RetryDecision,
  policy: RetryPolicy,
  runtime: RetryRuntime,
): Promise<T> {
  const startedAt = runtime.now();
  const stopAt = Math.min(
    policy.deadline ?? Number.POSITIVE_INFINITY,
    policy.budgetMs === undefined ? Number.POSITIVE_INFINITY : startedAt + policy.budgetMs,
  );
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      const decision = classify(error);
      if (!decision.retryable || n >= policy.maxAttempts || !runtime.sleep) throw error;
      // Retry-After is the vendor telling us the earliest useful time; never go sooner.
      const delayMs = Math.max(decision.retryAfterMs ?? 0, backoffDelay(n, policy, runtime.random));
      if (runtime.now() + delayMs > stopAt) throw error;
      runtime.onRetry?.({ attempt: n, delayMs, error });
      await runtime.sleep(delayMs);
    }
  }
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
