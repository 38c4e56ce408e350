import { InputError } from '@agent-presence/presence-core';
import { instantOf, startOfDay, zonedInstant } from '../src/zoned-time';

describe('times in the workflow time zone', () => {
  it('reads a wall-clock time in the zone, across daylight saving changes', () => {
    expect(new Date(zonedInstant([2026, 1, 15, 9, 0, 0, 0], 'Europe/Paris')).toISOString()).toBe('2026-01-15T08:00:00.000Z');
    expect(new Date(zonedInstant([2026, 7, 15, 9, 0, 0, 0], 'Europe/Paris')).toISOString()).toBe('2026-07-15T07:00:00.000Z');
    expect(new Date(zonedInstant([2026, 3, 8, 12, 30, 0, 250], 'America/New_York')).toISOString()).toBe('2026-03-08T16:30:00.250Z');
    expect(new Date(zonedInstant([2026, 3, 29, 0, 0, 0, 0], 'UTC')).toISOString()).toBe('2026-03-29T00:00:00.000Z');
  });

  it("gives midnight of the zone's day, also on a 23-hour day", () => {
    // 29 March 2026: Paris goes from UTC+1 to UTC+2 at 02:00.
    expect(new Date(startOfDay(Date.parse('2026-03-29T21:00:00Z'), 'Europe/Paris')).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(new Date(startOfDay(Date.parse('2026-03-29T23:30:00Z'), 'Europe/Paris')).toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(new Date(startOfDay(Date.parse('2026-01-01T03:00:00Z'), 'America/New_York')).toISOString()).toBe('2025-12-31T05:00:00.000Z');
  });

  it('takes picker text, ISO with an offset, a Date and a Luxon-like value; names the field otherwise', () => {
    expect(instantOf('2026-01-15T09:00:00', 'Europe/Paris', 'From')).toBe(Date.parse('2026-01-15T08:00:00Z'));
    expect(instantOf('2026-01-15', 'Europe/Paris', 'From')).toBe(Date.parse('2026-01-14T23:00:00Z'));
    expect(instantOf('2026-01-15T09:00:00+05:00', 'Europe/Paris', 'From')).toBe(Date.parse('2026-01-15T04:00:00Z'));
    expect(instantOf(new Date('2026-01-15T09:00:00Z'), 'Europe/Paris', 'From')).toBe(Date.parse('2026-01-15T09:00:00Z'));
    expect(instantOf({ toISO: () => '2026-01-15T09:00:00.000+01:00' }, 'UTC', 'From')).toBe(Date.parse('2026-01-15T08:00:00Z'));
    expect(() => instantOf('soon', 'UTC', 'To')).toThrow(InputError);
    expect(() => instantOf('soon', 'UTC', 'To')).toThrow(/^To: "soon" is not a date and time/);
    expect(() => instantOf('', 'UTC', 'From')).toThrow(/^From: /);
  });
});
