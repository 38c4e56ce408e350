/**
 * Cirrus (Cirrus Digital / CommBox): static API key, int64 manager ids (bare integer literals,
 * exact above 2^53), presence types; an agent on a call shows `FaceToFaceStatus`.
 */
import type { None, SimVendor } from '../../vendor';
import { cirrusApi } from './api';
import { CIRRUS_PHASE_STATUS, CIRRUS_STATUSES } from './catalog';
import { cirrusPresence, cirrusStats } from './records';

export interface CirrusCredentials {
  apiKey: string;
}

export interface CirrusTypes {
  id: 'cirrus';
  credentials: CirrusCredentials;
  urls: { baseUrl: string };
  config: None;
  control: None;
  counters: None;
}

/** First Cirrus id above 2^53 (= 2^53 + 1): not representable as a JS number. */
export const CIRRUS_BIG_ID_BASE = 9007199254740993n;

export const cirrus: SimVendor<CirrusTypes> = {
  id: 'cirrus',
  name: 'Cirrus',
  api: cirrusApi,
  urls: (baseUrl) => ({ baseUrl }),
  credentials: { apiKey: 'sim-cirrus-api-key-7f3a9c2e5b8d4f16' },
  banner: (urls, c) => [
    `Cirrus    base URL   ${urls.baseUrl}`,
    `          API key    ${c.apiKey}   (Authorization: Bearer <key>)`,
  ],
  people: {
    domain: 'cirrus.example.com',
    ids(rng) {
      let big = 0;
      return (i, kind) => {
        if (kind === 'agent' && i % 4 === 1) {
          // every 4th agent gets an int64 id above 2^53; the first is exactly 2^53 + 1. All are odd,
          // so none is representable as a JS number (doubles above 2^53 are even).
          const k = BigInt(big++);
          return (CIRRUS_BIG_ID_BASE + k * 1000n + (k === 0n ? 0n : 2n * BigInt(rng.int(0, 499)))).toString();
        }
        const base = kind === 'agent' ? 1_000_000 : 500_000;
        return String(base + i * 100 + rng.int(0, 99));
      };
    },
    others: [
      ['admin', 0.04],
      ['bot', 0.02],
    ],
    // decimal ids: numeric order
    compareIds: (a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0),
  },
  statuses: CIRRUS_STATUSES,
  phaseStatus: CIRRUS_PHASE_STATUS,
  calls: 'flag',
  // presence type ids are numbers: "01001" is 1001
  statusKey: (id) => (/^\d+$/.test(id) ? String(BigInt(id)) : id.toLowerCase()),
  record: (ctx, agent) => cirrusPresence(ctx.world, agent),
  stateExtras: (ctx, agent) => ({ faceToFaceStatus: cirrusStats(ctx.world, agent).FaceToFaceStatus }),
};
