export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`chunk size must be a positive integer, got ${size}`);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown } | { ok: false; skipped: true };

/** A task's place among those running at once (see AdaptiveLimit). */
export interface Slot {
  /** The vendor answered 429 (rate limited): fewer requests go out at once for a while. */
  rateLimited(): void;
  /**
   * Resolves when the task may send again: at once, unless the limit has fallen below the
   * tasks running, in which case it gives up its place and waits its turn (ahead of tasks
   * not yet started). A retry awaits it, or a rate-limited vendor would see no fewer requests.
   */
  ready(): Promise<void>;
}

/**
 * At most `limit` tasks at once, where `limit` adapts to the vendor: halved when a task
 * is rate limited, grown back by one after `limit` tasks in a row finish without being
 * (additive increase, multiplicative decrease, as TCP does). Only the first 429 after a
 * change counts: the tasks already in flight were sent at the old rate, and their 429s
 * say nothing new. p-limit's concurrency is fixed, so this small queue stands in for it.
 */
export class AdaptiveLimit {
  private current: number;
  private active = 0;
  private generation = 0;
  private calm = 0;
  private readonly queue: Array<() => void> = [];
  private head = 0;
  /** Tasks that gave up their place to wait (Slot.ready): they go before new ones. */
  private readonly resumed: Array<() => void> = [];

  constructor(private readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`concurrency must be a positive integer, got ${max}`);
    this.current = max;
  }

  /** How many tasks may run at once now. */
  get limit(): number {
    return this.current;
  }

  run<R>(task: (slot: Slot) => Promise<R>): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push(() => {
        this.active++;
        // The rate the task sends at: a 429 it gets says something new only if no decrease came since.
        let started = this.generation;
        let limited = false;
        let parked: Promise<void> | undefined;
        const slot: Slot = {
          rateLimited: () => {
            limited = true;
            this.decrease(started);
          },
          ready: () => {
            // Two requests of one task (Cirrus presence and stats) may both ask: it parks once.
            if (parked) return parked;
            if (this.active <= this.current) {
              started = this.generation;
              return Promise.resolve();
            }
            this.active--;
            parked = new Promise<void>((admit) => {
              this.resumed.push(() => {
                this.active++;
                started = this.generation;
                parked = undefined;
                admit();
              });
              this.drain();
            });
            return parked;
          },
        };
        task(slot)
          .then(resolve, reject)
          .finally(() => {
            this.active--;
            if (!limited) this.grow();
            this.drain();
          });
      });
      this.drain();
    });
  }

  private decrease(started: number): void {
    if (started !== this.generation) return;
    this.generation++;
    this.calm = 0;
    this.current = Math.max(1, Math.floor(this.current / 2));
  }

  private grow(): void {
    if (this.current >= this.max) return;
    if (++this.calm >= this.current) {
      this.calm = 0;
      this.current++;
    }
  }

  private drain(): void {
    while (this.active < this.current && this.resumed.length > 0) this.resumed.shift()!();
    while (this.active < this.current && this.head < this.queue.length) this.queue[this.head++]!();
    if (this.head === this.queue.length) {
      this.queue.length = 0;
      this.head = 0;
    }
  }
}

/**
 * Runs `fn` over `items`, at most `concurrency` at a time (fewer while the vendor rate
 * limits, see AdaptiveLimit), never failing as a whole. Items not started because
 * `shouldStart()` returned false (e.g. a poll budget ran out) are reported skipped.
 */
export async function mapSettled<T, R>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T, index: number, slot: Slot) => Promise<R>,
  shouldStart: () => boolean = () => true,
): Promise<Settled<R>[]> {
  const limit = new AdaptiveLimit(Math.max(1, Math.floor(concurrency)));
  return Promise.all(
    items.map((item, index) =>
      limit.run(async (slot): Promise<Settled<R>> => {
        if (!shouldStart()) return { ok: false, skipped: true };
        try {
          return { ok: true, value: await fn(item, index, slot) };
        } catch (error) {
          return { ok: false, error };
        }
      }),
    ),
  );
}
