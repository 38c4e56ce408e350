import { chunk, mapSettled } from '../src/concurrency';

describe('batching and concurrency', () => {
  it('splits 120 ids into 50/50/20', () => {
    const ids = Array.from({ length: 120 }, (_, i) => String(i));
    const groups = chunk(ids, 50);
    expect(groups.map((g) => g.length)).toEqual([50, 50, 20]);
    expect(groups.flat()).toEqual(ids);
    expect(() => chunk(ids, 0)).toThrow(RangeError);
  });

  it('mapSettled bounds concurrency, keeps order and never rejects', async () => {
    let active = 0;
    let peak = 0;
    const results = await mapSettled([1, 2, 3, 4, 5, 6], 2, async (n) => {
      active++;
      peak = Math.max(peak, active);
      await Promise.resolve();
      await Promise.resolve();
      active--;
      if (n === 4) throw new Error('four');
      return n * 10;
    });
    expect(peak).toBe(2);
    expect(results.map((r) => (r.ok ? r.value : 'error' in r ? (r.error as Error).message : 'skipped'))).toEqual([10, 20, 30, 'four', 50, 60]);
  });
});
