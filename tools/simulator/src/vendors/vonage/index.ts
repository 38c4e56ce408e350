/**
 * Vonage Contact Center (formerly NewVoiceMedia): OAuth2 client credentials with required
 * scopes, GUID user ids, presence definitions, presence history, and webhook subscriptions
 * with signed CloudEvent deliveries. A call does not show in presence.
 */
import { z } from 'zod/v4';
import type { SimVendor } from '../../vendor';
import { vonageApi } from './api';
import { VONAGE_PHASE_STATUS, VONAGE_STATUSES } from './catalog';
import { vonageExtension, type VonageControl, type VonageCounters } from './control';
import { VONAGE_DEMO_CREDENTIALS, VONAGE_TOKEN_PATH, type VonageCredentials } from './oauth';
import { vonageRecord } from './records';

export interface VonageConfig {
  /** Records per page of Vonage presence history (the vendor's page size is not documented). */
  vonageHistoryPageSize: number;
}

export interface VonageTypes {
  id: 'vonage';
  credentials: VonageCredentials;
  urls: { baseUrl: string; tokenUrl: string };
  config: VonageConfig;
  control: VonageControl;
  counters: VonageCounters;
}

export const vonage: SimVendor<VonageTypes> = {
  id: 'vonage',
  name: 'Vonage',
  api: vonageApi,
  urls: (baseUrl) => ({ baseUrl, tokenUrl: `${baseUrl}${VONAGE_TOKEN_PATH}` }),
  credentials: VONAGE_DEMO_CREDENTIALS,
  banner: (urls, c, simUrl) => [
    `Vonage    base URL   ${urls.baseUrl}`,
    `          token URL  ${urls.tokenUrl}`,
    `          client id  ${c.clientId}`,
    `          secret     ${c.clientSecret}`,
    `          webhooks   ${urls.baseUrl}/webhooks/subscriptions  (scopes admin:read, admin:write; deliveries: ${simUrl}/_sim/webhooks/deliveries)`,
  ],
  config: {
    shape: { vonageHistoryPageSize: z.number().int().min(1).max(10_000).optional() },
    defaults: { vonageHistoryPageSize: 1000 },
  },
  people: {
    domain: 'vonage.example.com',
    ids: (rng) => () => rng.guid(),
    others: [
      ['non-agent', 0.04],
      ['archived', 0.03],
    ],
  },
  statuses: VONAGE_STATUSES,
  phaseStatus: VONAGE_PHASE_STATUS,
  rarePhase: { phase: 'missed', below: 0.95 },
  calls: 'hidden',
  // GUIDs: any case
  agentKey: (id) => id.toLowerCase(),
  record: (ctx, agent) => vonageRecord(ctx.world, agent),
  extend: vonageExtension,
};
