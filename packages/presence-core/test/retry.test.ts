import { VendorApiError } from '../src';
import { backoffDelay, defaultRetryPolicy, withRetry, type RetryDecision } from '../src/http/retry';
import { fakeTime } from './helpers/fake-time';

const classify = (e: unknown): RetryDecision =>
  e instanceof VendorApiError ? { retryable: e.retryable, retryAfterMs: e.retryAfterMs } : { retryable: false };
const tooMany = (retryAfterMs?: number) => new VendorApiError({ vendor: 'vonage', httpStatus: 429, code: 'HTTP_429', message: 'slow down', retryAfterMs });

describe('withRetry', () => {
  it('backs off exponentially with full jitter, capped', () => {
    const policy = { ...defaultRetryPolicy, baseDelayMs: 100, maxDelayMs: 1000 };
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, policy, () => 0.999999))).toEqual([100, 200, 400, 800, 1000]);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(200);
  });

  it('retries 429 and 5xx until success', async () => {
    const t = fakeTime();
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls++;
        if (calls < 3) throw calls === 1 ? tooMany() : new VendorApiError({ vendor: 'cirrus', httpStatus: 503, code: '503', message: 'x' });
        return 'ok';
      },
      classify,
      { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000 },
      { ...t, random: () => 0.5 },
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
    expect(t.sleeps).toEqual([50, 100]);
  });

  it('honours Retry-After as the least wait', async () => {
    const t = fakeTime();
    let calls = 0;
    await withRetry(
      async () => {
        if (++calls === 1) throw tooMany(7000);
        return 'ok';
      },
      classify,
      { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000 },
      { ...t, random: () => 0.5 },
    );
    expect(t.sleeps).toEqual([7000]);
  });

  it('stops when the next wait would cross the budget, and throws the vendor error', async () => {
    const t = fakeTime();
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw tooMany(4000);
        },
        classify,
        { maxAttempts: 10, baseDelayMs: 100, maxDelayMs: 1000, budgetMs: 10_000 },
        { ...t, random: () => 0.5 },
      ),
    ).rejects.toMatchObject({ httpStatus: 429, code: 'HTTP_429' });
    // waits of 4 s at 0 s and 4 s fit in 10 s; a third would end at 12 s.
    expect(t.sleeps).toEqual([4000, 4000]);
    expect(calls).toBe(3);
  });

  it('stops at an absolute deadline', async () => {
    const t = fakeTime();
    await expect(
      withRetry(async () => { throw tooMany(); }, classify, { maxAttempts: 10, baseDelayMs: 1000, maxDelayMs: 1000, deadline: t.now() + 1500 }, { ...t, random: () => 0.9999 }),
    ).rejects.toBeInstanceOf(VendorApiError);
    expect(t.sleeps).toEqual([1000]);
  });

  it('stops after maxAttempts', async () => {
    const t = fakeTime();
    let calls = 0;
    await expect(withRetry(async () => { calls++; throw tooMany(); }, classify, { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1 }, { ...t, random: () => 0 })).rejects.toThrow();
    expect(calls).toBe(3);
  });

  it('never retries what is not retryable, nor without a sleep', async () => {
    let calls = 0;
    const notFound = new VendorApiError({ vendor: 'talkdesk', httpStatus: 404, code: 'x', message: 'y' });
    await expect(withRetry(async () => { calls++; throw notFound; }, classify, defaultRetryPolicy, { ...fakeTime(), random: Math.random })).rejects.toBe(notFound);
    expect(calls).toBe(1);
    await expect(withRetry(async () => { calls++; throw tooMany(); }, classify, defaultRetryPolicy, { now: Date.now, random: Math.random })).rejects.toThrow();
    expect(calls).toBe(2);
  });
});
