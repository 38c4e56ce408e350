import pLimit from 'p-limit';

export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`chunk size must be a positive integer, got ${size}`);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown } | { ok: false; skipped: true };

/**
 * Runs `fn` over `items`, at most `concurrency` at a time, never failing as a whole.
 * Items not started by `shouldStart()` returning false (e.g. a poll budget ran out) are reported skipped.
 */
export async function mapSettled<T, R>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T, index: number) => Promise<R>,
  shouldStart: () => boolean = () => true,
): Promise<Settled<R>[]> {
  const limit = pLimit(Math.max(1, Math.floor(concurrency)));
  return Promise.all(
    items.map((item, index) =>
      limit(async (): Promise<Settled<R>> => {
        if (!shouldStart()) return { ok: false, skipped: true };
        try {
          return { ok: true, value: await fn(item, index) };
        } catch (error) {
          return { ok: false, error };
        }
      }),
    ),
  );
}
