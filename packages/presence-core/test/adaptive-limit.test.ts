import { createCirrusClient, createTalkdeskClient, InputError, vendorRegistry, type HttpTransport } from '../src';
import { AdaptiveLimit, mapSettled } from '../src/concurrency';

/** A task that runs until released, so a test decides when each one ends. */
function gate() {
  let release!: () => void;
  const done = new Promise<void>((r) => (release = r));
  return { done, release };
}
const tick = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('AdaptiveLimit', () => {
  it('halves on the first 429 of a generation only, then grows back by one per calm window', async () => {
    const limit = new AdaptiveLimit(8);
    let active = 0;
    const gates: Array<ReturnType<typeof gate>> = [];
    const slots: Array<{ rateLimited(): void }> = [];
    const runs = Array.from({ length: 40 }, () =>
      limit.run(async (slot) => {
        active++;
        const g = gate();
        gates.push(g);
        slots.push(slot);
        await g.done;
        active--;
      }),
    );
    await tick();
    expect(active).toBe(8);
    // All eight in flight answer 429: they were sent at the old rate, so the limit halves once.
    for (const s of slots) s.rateLimited();
    expect(limit.limit).toBe(4);
    for (const g of gates.splice(0, 8)) g.release();
    await tick();
    expect(active).toBe(4);
    // The first of the new generation to be limited halves again.
    slots[8]!.rateLimited();
    slots[9]!.rateLimited();
    expect(limit.limit).toBe(2);
    // Of the four that end, the two limited ones do not count as calm; the other two are a
    // calm window at 2, which grows the limit to 3. Three more calm ones grow it to 4.
    for (const g of gates.splice(0, 4)) g.release();
    await tick();
    expect(limit.limit).toBe(3);
    expect(active).toBe(3);
    for (const g of gates.splice(0, 3)) g.release();
    await tick();
    expect(limit.limit).toBe(4);
    expect(active).toBe(4);
    while (gates.length > 0) {
      for (const g of gates.splice(0)) g.release();
      await tick();
    }
    await Promise.all(runs);
    expect(limit.limit).toBeLessThanOrEqual(8);
  });

  it('never grows past its maximum and refuses a limit that is not a positive integer', async () => {
    const limit = new AdaptiveLimit(3);
    await Promise.all(Array.from({ length: 30 }, () => limit.run(async () => undefined)));
    expect(limit.limit).toBe(3);
    expect(() => new AdaptiveLimit(0)).toThrow(RangeError);
    expect(() => new AdaptiveLimit(Number.NaN)).toThrow(RangeError);
  });

  it('mapSettled hands each task its slot', async () => {
    let sawSlot = false;
    await mapSettled([1], 2, async (_n, _i, slot) => {
      sawSlot = typeof slot.rateLimited === 'function';
    });
    expect(sawSlot).toBe(true);
  });
});

/**
 * A vendor that allows `allowed` requests in flight and answers 429 to the rest,
 * as Cirrus (envelope) or Talkdesk would; requests take a few event-loop turns.
 */
function rateLimitingTransport(allowed: number, body: unknown) {
  let active = 0;
  const stats = { requests: 0, limited: 0, peak: 0 };
  const transport: HttpTransport = {
    async request() {
      stats.requests++;
      active++;
      stats.peak = Math.max(stats.peak, active);
      try {
        await tick();
        if (active > allowed) {
          stats.limited++;
          return { status: 429, headers: {}, body: JSON.stringify({ status: 429, description: 'Too Many Requests' }) };
        }
        return { status: 200, headers: {}, body: JSON.stringify(body) };
      } finally {
        active--;
      }
    },
    sleep: async () => tick(),
  };
  return { transport, stats };
}

describe('clients under a vendor rate limit', () => {
  const cirrusOk = { status: '200', description: 'OK', object: { presence_type: 1, type_id: 1, name: 'Active' } };
  const talkdeskOk = { id: 'e1', status: 'available', updated_at: '2025-01-06T09:00:00Z' };
  const ids = Array.from({ length: 300 }, (_, i) => String(i + 1));

  it.each([
    ['cirrus', (t: HttpTransport) => createCirrusClient({ transport: t, baseUrl: 'http://127.0.0.1:9' }), cirrusOk],
    ['talkdesk', (t: HttpTransport) => createTalkdeskClient({ transport: t, baseUrl: 'http://127.0.0.1:9' }), talkdeskOk],
  ] as const)('%s: sends fewer at once after 429s, and every agent is still read', async (_vendor, make, body) => {
    const { transport, stats } = rateLimitingTransport(6, body);
    const batch = await make(transport).getPresences(ids);
    expect(batch.failures).toEqual([]);
    expect(batch.presences).toHaveLength(ids.length);
    // Without adapting, every round of 32 would have 26 refusals: thousands over 300 agents.
    expect(stats.limited).toBeLessThan(ids.length / 2);
    expect(stats.requests).toBe(ids.length + stats.limited);
  });

  it('without retries, the limit still narrows after the first refusals (a fixed 32 would read about 60 of 300)', async () => {
    const { transport, stats } = rateLimitingTransport(6, cirrusOk);
    const client = createCirrusClient({ transport, baseUrl: 'http://127.0.0.1:9', concurrency: 32, retry: { maxAttempts: 1 } });
    const batch = await client.getPresences(ids);
    // Without retries the adaptive limit still narrows after the first refusals.
    expect(batch.presences.length).toBeGreaterThan(ids.length / 2);
    expect(batch.failures.length).toBe(stats.limited);
  });

  it('takes the concurrency from the call, the client or the vendor default, and names a bad one', async () => {
    expect(Object.values(vendorRegistry).map((v) => [v.id, v.defaultConcurrency])).toEqual([['cirrus', 32], ['vonage', 10], ['talkdesk', 32]]);
    const { transport, stats } = rateLimitingTransport(1000, cirrusOk);
    const client = createCirrusClient({ transport, baseUrl: 'http://127.0.0.1:9', concurrency: 4 });
    await client.getPresences(ids.slice(0, 50));
    expect(stats.peak).toBe(4);
    stats.peak = 0;
    await client.getPresences(ids.slice(0, 50), { concurrency: 2 });
    expect(stats.peak).toBe(2);
    stats.peak = 0;
    await createCirrusClient({ transport, baseUrl: 'http://127.0.0.1:9' }).getPresences(ids);
    expect(stats.peak).toBe(32);
    const error = await client.getPresences(ids, { concurrency: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(String((error as Error).message)).toMatch(/concurrency.*1 to 100/);
    expect(() => createCirrusClient({ transport, baseUrl: 'http://127.0.0.1:9', concurrency: 2.5 })).toThrow(/concurrency/);
  });
});
