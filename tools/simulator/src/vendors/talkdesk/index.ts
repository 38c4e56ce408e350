/**
 * Talkdesk: OAuth2 client credentials (Basic auth), 24-hex user ids, four statuses plus custom
 * statuses under "away"; an agent's calls show as interactions and occupancy.
 */
import { z } from 'zod/v4';
import type { None, SimVendor } from '../../vendor';
import { talkdeskApi } from './api';
import { TALKDESK_PHASE_STATUS, TALKDESK_STATUSES } from './catalog';
import { TALKDESK_DEMO_CREDENTIALS, TALKDESK_TOKEN_PATH, type TalkdeskCredentials } from './oauth';
import { talkdeskRecord } from './records';

export interface TalkdeskConfig {
  /** Add `user_id` to Talkdesk presence records, as older copies of the docs show. */
  talkdeskIncludeUserId: boolean;
}

export interface TalkdeskTypes {
  id: 'talkdesk';
  credentials: TalkdeskCredentials;
  urls: { baseUrl: string; tokenUrl: string };
  config: TalkdeskConfig;
  control: None;
  counters: None;
}

export const talkdesk: SimVendor<TalkdeskTypes> = {
  id: 'talkdesk',
  name: 'Talkdesk',
  api: talkdeskApi,
  urls: (baseUrl) => ({ baseUrl, tokenUrl: `${baseUrl}${TALKDESK_TOKEN_PATH}` }),
  credentials: TALKDESK_DEMO_CREDENTIALS,
  banner: (urls, c) => [
    `Talkdesk  base URL   ${urls.baseUrl}`,
    `          token URL  ${urls.tokenUrl}`,
    `          client id  ${c.clientId}`,
    `          secret     ${c.clientSecret}`,
    `          account    ${c.account}`,
  ],
  flags: [{ flag: '--talkdesk-user-id', help: 'add user_id to Talkdesk presence records', config: { talkdeskIncludeUserId: true } }],
  config: { shape: { talkdeskIncludeUserId: z.boolean().optional() }, defaults: { talkdeskIncludeUserId: false } },
  people: {
    domain: 'talkdesk.example.com',
    ids: (rng) => () => rng.hex(24),
    others: [['inactive', 0.04]],
  },
  statuses: TALKDESK_STATUSES,
  phaseStatus: TALKDESK_PHASE_STATUS,
  rarePhase: { phase: 'hidden', below: 0.93 },
  calls: 'interactions',
  record: (ctx, agent) => talkdeskRecord(ctx.world, agent, `${ctx.url}/talkdesk`, ctx.config.talkdeskIncludeUserId),
};
