import { InputError } from '@agent-presence/presence-core';

/*
 * Times as a supervisor gives them in n8n: the editor's date picker stores a wall-clock time with
 * no zone ("2026-03-02T09:00:00"), meant in the workflow's time zone (Settings > Time zone), as
 * n8n's own nodes read it; an expression may give a Luxon DateTime, a Date or an ISO text with
 * its offset. Here each becomes an instant, and "today" is the day in the workflow's zone.
 */

const wallClock = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?$/;

/** The zone's offset from UTC at an instant, in ms (e.g. +3600000 for Paris in winter). */
function offsetMs(instantMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instantMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - (instantMs - (instantMs % 1000 + 1000) % 1000);
}

/** The instant a wall-clock time in `timeZone` names (the later one when a DST change repeats it). */
export function zonedInstant(fields: [number, number, number, number, number, number, number], timeZone: string): number {
  const [y, mo, d, h, mi, s, ms] = fields;
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  // Two passes: the offset at the first guess may differ from the one at the answer across a DST change.
  let instant = asUtc - offsetMs(asUtc, timeZone);
  instant = asUtc - offsetMs(instant, timeZone);
  return instant;
}

/** Midnight starting the day that `instantMs` falls in, in `timeZone`. */
export function startOfDay(instantMs: number, timeZone: string): number {
  const local = new Date(instantMs + offsetMs(instantMs, timeZone));
  return zonedInstant([local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate(), 0, 0, 0, 0], timeZone);
}

/** A time parameter's value as an instant (ms); `field` names it in the error. */
export function instantOf(value: unknown, timeZone: string, field: string): number {
  if (value instanceof Date) {
    if (!Number.isNaN(value.getTime())) return value.getTime();
  } else if (value !== null && typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function') {
    // A Luxon DateTime from an expression such as {{ $today }}.
    return instantOf((value as { toISO(): unknown }).toISO(), timeZone, field);
  } else if (typeof value === 'string' && value.trim() !== '') {
    const text = value.trim();
    const m = wallClock.exec(text);
    if (m) {
      const n = (i: number) => Number(m[i] ?? 0);
      return zonedInstant([n(1), n(2), n(3), n(4), n(5), n(6), Number((m[7] ?? '0').padEnd(3, '0'))], timeZone);
    }
    const ms = Date.parse(text);
    if (!Number.isNaN(ms)) return ms;
  }
  throw new InputError(field, `${JSON.stringify(value) ?? String(value)} is not a date and time`, 'Pick a date and time, or give one such as 2026-03-02T09:00:00 (in the workflow\'s time zone) or 2026-03-02T08:00:00Z.');
}
