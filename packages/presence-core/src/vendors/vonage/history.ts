import { z } from 'zod/v4';
import { ContractError, InputError } from '../../errors';
import type { PresenceStint } from '../../history';
import type { StateMapping } from '../../mapping';
import { vonageState } from './normalize';

/*
 * Presence history: `GET /stats/agent-activities/presence` of the Insights Stats API (scope `stats`),
 * Vonage's "Get agent presence activities" page. Each record is one stint: `start`, and `duration`
 * in ms (null while it lasts). The answer says how far it covers in `upTo`; the next request starts
 * there, so a record begun at exactly `upTo` comes twice: repeats are dropped by agent, start,
 * category and name, the later copy winning (it may have ended since).
 */

export const vonageHistoryPath = '/stats/agent-activities/presence';
/** The documented longest request window: longer ones are refused with a 400. */
export const vonageHistoryMaxWindowMs = 31 * 24 * 60 * 60 * 1000;
/** A stop for a vendor whose cursor never reaches the end. */
const maxPages = 10_000;

/** A presence activity (the agent-activities reference's record of type Presence). */
export const VonagePresenceActivitySchema = z.looseObject({
  agentId: z.string(),
  type: z.string().nullish(),
  category: z.string(),
  name: z.string().nullish(),
  eligibleForRouting: z.boolean().nullish(),
  start: z.string(),
  duration: z.number().nullish(),
});
export type VonagePresenceActivity = z.infer<typeof VonagePresenceActivitySchema>;

/** A page: `items`, and `upTo` in `meta` (or at the top: where it sits is not shown, both are read). */
export const VonagePresenceActivitiesPageSchema = z.looseObject({
  meta: z.looseObject({ upTo: z.string().nullish() }).nullish(),
  upTo: z.string().nullish(),
  items: z.array(VonagePresenceActivitySchema),
});

export interface HistoryWindow {
  fromMs: number;
  toMs: number;
}

/**
 * Checks the window before any request: ISO times, from before to, at most 31 days. `fields`
 * names them in messages as the caller's user knows them (an n8n node passes its labels).
 */
export function historyWindow(from: unknown, to: unknown, nowMs: number, fields: { from: string; to: string } = { from: 'from', to: 'to' }): HistoryWindow {
  const time = (value: unknown, field: string): number => {
    const ms = typeof value === 'string' ? Date.parse(value) : NaN;
    if (Number.isNaN(ms)) throw new InputError(field, `"${String(value)}" is not a time`, 'Give an ISO 8601 time such as 2026-01-31T09:00:00.000Z.', 'vonage');
    return ms;
  };
  const fromMs = time(from, fields.from);
  const toMs = to === undefined ? nowMs : time(to, fields.to);
  if (toMs <= fromMs) throw new InputError(fields.to, `is not after ${fields.from}`, `Give a window whose end is after its start: ${fields.from} ${new Date(fromMs).toISOString()}, ${fields.to} ${new Date(toMs).toISOString()}.`, 'vonage');
  if (toMs - fromMs > vonageHistoryMaxWindowMs) {
    throw new InputError(fields.to, `is more than 31 days after ${fields.from}`, 'Vonage answers at most 31 days per request: ask for a shorter window, or several.', 'vonage');
  }
  return { fromMs, toMs };
}

/** The stint one record describes. */
export function vonageStint(record: VonagePresenceActivity, mapping: StateMapping | undefined, includeRaw = false): PresenceStint {
  const status = { id: null, name: record.name ?? null, category: record.category };
  const startMs = Date.parse(record.start);
  if (Number.isNaN(startMs)) throw new ContractError({ vendor: 'vonage', field: 'start', problem: `"${record.start}" is not a time`, endpoint: `GET ${vonageHistoryPath}` });
  const durationMs = record.duration ?? null;
  return {
    vendor: 'vonage',
    agentId: record.agentId,
    state: vonageState(status, record.category, null, mapping),
    status,
    start: new Date(startMs).toISOString(),
    end: durationMs === null ? null : new Date(startMs + durationMs).toISOString(),
    durationMs,
    ...(includeRaw ? { raw: record } : {}),
  };
}

type Page = z.infer<typeof VonagePresenceActivitiesPageSchema>;

/**
 * Walks the `upTo` cursor from the window's start to its end, keeping each stint once.
 * `fetchPage(startIso)` asks for one page from that start to the window's end.
 */
export async function walkHistory(window: HistoryWindow, fetchPage: (startIso: string) => Promise<Page>): Promise<VonagePresenceActivity[]> {
  const kept = new Map<string, VonagePresenceActivity>();
  let cursor = window.fromMs;
  for (let pages = 0; pages < maxPages; pages++) {
    const page = await fetchPage(new Date(cursor).toISOString());
    for (const record of page.items) {
      // Only presence records: the type is "Presence" where the vendor says it.
      if (record.type != null && record.type !== 'Presence') continue;
      kept.set(JSON.stringify([record.agentId, Date.parse(record.start), record.category, record.name ?? null]), record);
    }
    const upTo = page.meta?.upTo ?? page.upTo;
    if (upTo == null || page.items.length === 0) break;
    const upToMs = Date.parse(upTo);
    if (Number.isNaN(upToMs)) throw new ContractError({ vendor: 'vonage', field: 'upTo', problem: `"${upTo}" is not a time`, endpoint: `GET ${vonageHistoryPath}` });
    if (upToMs >= window.toMs) break;
    if (upToMs <= cursor) {
      throw new ContractError({ vendor: 'vonage', field: 'upTo', problem: `did not move past ${new Date(cursor).toISOString()}: the history cannot be read further`, endpoint: `GET ${vonageHistoryPath}` });
    }
    cursor = upToMs;
  }
  return [...kept.values()];
}

/** Stints in time order, then by agent. */
export function byStart(a: PresenceStint, b: PresenceStint): number {
  return a.start < b.start ? -1 : a.start > b.start ? 1 : a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0;
}
