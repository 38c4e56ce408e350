import { parseSince, utcIsoMs } from '../src/iso-time';
import { seededRandom } from './helpers/seeded-random';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

describe('vendor since times read by hand give what Date.parse gives', () => {
  it('every time Date.parse writes, years 0 to 9999, with and without milliseconds', () => {
    const rnd = seededRandom(42);
    for (let i = 0; i < 50_000; i++) {
      // Year 0000 to 9999 (the layout's four digits), any millisecond.
      const ms = Math.floor(-62_167_219_200_000 + rnd() * (253_402_300_800_000 + 62_167_219_200_000));
      const iso = new Date(ms).toISOString();
      expect(utcIsoMs(iso)).toBe(ms);
      const whole = `${iso.slice(0, 19)}Z`;
      expect(utcIsoMs(whole)).toBe(Date.parse(whole));
    }
  });

  it('every field at and past its bounds: read by hand only where certain, else left to Date.parse', () => {
    const rnd = seededRandom(7);
    const pickOf = (xs: number[]) => xs[Math.floor(rnd() * xs.length)]!;
    for (let i = 0; i < 50_000; i++) {
      const s = `${pad(pickOf([0, 1, 1600, 1900, 1970, 2000, 2024, 2025, 2100, 9999]), 4)}-${pad(pickOf([0, 1, 2, 9, 12, 13]), 2)}-${pad(pickOf([0, 1, 28, 29, 30, 31, 32]), 2)}T${pad(pickOf([0, 23, 24, 25]), 2)}:${pad(pickOf([0, 59, 60]), 2)}:${pad(pickOf([0, 59, 60]), 2)}.${pad(pickOf([0, 5, 999]), 3)}Z`;
      const byHand = utcIsoMs(s);
      if (byHand !== undefined) expect(byHand).toBe(Date.parse(s));
      const expected = Date.parse(s);
      expect(parseSince(s)).toBe(Number.isNaN(expected) ? undefined : expected);
    }
  });

  it.each([
    '2025-02-30T00:00:00.000Z',
    '2025-01-01T24:00:00.000Z',
    '2025-01-06T09:00:00.000z',
    '2025-01-06T09:00:00.1Z',
    '2025-01-06T09:00:00.000+01:00',
    '2025-01-06 09:00:00.000Z',
    '+002025-01-06T09:00:00.000Z',
    '2025-01-06',
    '2025-1-06T09:00:00.000Z',
    '２025-01-06T09:00:00.000Z',
    'Mon, 06 Jan 2025 09:00:00 GMT',
    'soon',
    '',
  ])('%j is left to Date.parse, with its answer', (s) => {
    expect(utcIsoMs(s)).toBeUndefined();
    const expected = Date.parse(s);
    expect(parseSince(s)).toBe(Number.isNaN(expected) ? undefined : expected);
  });

  it('no since is none', () => {
    expect(parseSince(null)).toBeUndefined();
  });
});
