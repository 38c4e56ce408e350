/**
 * Microsoft Teams presence through Microsoft Graph: client-credentials tokens from the identity
 * platform (tenant in the path), users, presence of one and many, the app's presence session
 * and the user's preferred presence, and change-notification subscriptions. A user's own Teams
 * client follows the scenario (a call shows as Busy/InACall); the app's sessions overlay it.
 */
import type { SimVendor } from '../../vendor';
import { teamsApi } from './api';
import { TEAMS_PHASE_STATUS, TEAMS_STATUSES } from './catalog';
import { teamsExtension, type TeamsControl, type TeamsCounters } from './control';
import { TEAMS_DEMO_CREDENTIALS, type TeamsCredentials } from './oauth';
import { teamsPresence } from './records';

export interface TeamsUrls {
  /** Graph v1.0: `${url}/teams/v1.0`. */
  baseUrl: string;
  /** The identity platform's token URL with the demo tenant: `${url}/teams/{tenant}/oauth2/v2.0/token`. */
  tokenUrl: string;
  /** Where `graph.microsoft.com` and `login.microsoftonline.com` are served: `${url}/teams`. */
  graphHost: string;
  loginHost: string;
}

export interface TeamsTypes {
  id: 'teams';
  credentials: TeamsCredentials;
  urls: TeamsUrls;
  config: Record<never, never>;
  control: TeamsControl;
  counters: TeamsCounters;
}

export const teams: SimVendor<TeamsTypes> = {
  id: 'teams',
  name: 'Microsoft Teams',
  api: teamsApi,
  urls: (base) => ({
    baseUrl: `${base}/v1.0`,
    tokenUrl: `${base}/${TEAMS_DEMO_CREDENTIALS.tenantId}/oauth2/v2.0/token`,
    graphHost: base,
    loginHost: base,
  }),
  credentials: TEAMS_DEMO_CREDENTIALS,
  banner: (urls, c, simUrl) => [
    `Teams     Graph URL  ${urls.baseUrl}`,
    `          token URL  ${urls.tokenUrl}   (scope https://graph.microsoft.com/.default)`,
    `          tenant id  ${c.tenantId}`,
    `          client id  ${c.clientId}`,
    `          secret     ${c.clientSecret}`,
    `          notifications ${simUrl}/_sim/teams/notifications`,
  ],
  people: {
    domain: 'teams.example.com',
    ids: (rng) => () => rng.guid(),
    // directory users who are not agents here: their presence is PresenceUnknown
    others: [['non-agent', 0.04]],
  },
  statuses: TEAMS_STATUSES,
  phaseStatus: TEAMS_PHASE_STATUS,
  calls: 'status',
  agentKey: (id) => id.toLowerCase(),
  record: (ctx, agent) => teamsPresence(ctx.world, agent),
  extend: teamsExtension,
};
