// The vendor simulator, in-process, and a small client of its control API (/_sim).
import { CIRRUS_STATUSES, startSimulator, TALKDESK_STATUSES, VONAGE_STATUSES } from '@agent-presence/simulator';

export { startSimulator };

/** Every status of each vendor's catalogue. */
export const catalogs = { cirrus: CIRRUS_STATUSES, vonage: VONAGE_STATUSES, talkdesk: TALKDESK_STATUSES };

/** Statuses the suites move agents to (Talkdesk available and hidden depend on calls / map like offline). */
export function settable(vendor) {
  return catalogs[vendor].filter((s) => s.selectable !== false && !(vendor === 'talkdesk' && (s.id === 'available' || s.id === 'hidden')));
}

/** Control API client: the same calls a person makes with curl. */
export function simControl(url) {
  const call = async (method, path, body) => {
    const res = await fetch(`${url}/_sim${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`simulator ${method} /_sim${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
  return {
    url,
    state: (vendor) => call('GET', `/state?vendor=${vendor}`),
    agents: (vendor) => call('GET', `/agents?vendor=${vendor}`),
    setPresence: (vendor, agentId, statusId, extra = {}) => call('POST', '/presence', { vendor, agentId, statusId, ...extra }),
    time: () => call('GET', '/time'),
    pause: () => call('POST', '/time', { action: 'pause' }),
    resume: () => call('POST', '/time', { action: 'resume' }),
    advance: (ms) => call('POST', '/time', { action: 'advance', ms }),
    timeline: (query = '') => call('GET', `/timeline${query}`),
    counters: () => call('GET', '/counters'),
    webhookSubscriptions: async () => (await call('GET', '/webhooks/subscriptions')).subscriptions,
    deliverWebhook: (body = {}) => call('POST', '/webhooks/deliver', body),
    webhookDeliveries: (query = '') => call('GET', `/webhooks/deliveries${query}`),
    webhooksIdle: (timeoutMs = 10_000) => call('POST', '/webhooks/idle', { timeoutMs }),
  };
}

/** Credential records for `n8n import:credentials`, pointing at a simulator at `url`. */
export const credentialIds = {
  cirrus: 'simCirrusCred001',
  vonage: 'simVonageCred001',
  talkdesk: 'simTalkdeskCrd01',
  /** Vonage with admin:read and admin:write, for the real-time (webhook) trigger. */
  vonageRealtime: 'simVonageRtCred1',
};

export function simulatorCredentials(url, creds) {
  return [
    {
      id: credentialIds.cirrus,
      name: 'Cirrus (simulator)',
      type: 'cirrusApi',
      data: { apiKey: creds.cirrus.apiKey, apiHost: `${url}/cirrus` },
    },
    {
      id: credentialIds.vonage,
      name: 'Vonage Contact Center (simulator)',
      type: 'vonageContactCenterOAuth2Api',
      data: {
        region: 'emea',
        clientId: creds.vonage.clientId,
        clientSecret: creds.vonage.clientSecret,
        scope: 'users:read users:write',
        apiHost: `${url}/vonage`,
        tokenUrl: `${url}/vonage/Auth/connect/token`,
      },
    },
    {
      id: credentialIds.talkdesk,
      name: 'Talkdesk (simulator)',
      type: 'talkdeskOAuth2Api',
      data: {
        account: creds.talkdesk.account,
        region: 'us',
        clientId: creds.talkdesk.clientId,
        clientSecret: creds.talkdesk.clientSecret,
        scope: 'presence-user:read presence-status:write users:read',
        apiHost: `${url}/talkdesk`,
        tokenUrl: `${url}/talkdesk/oauth/token`,
      },
    },
  ];
}

/** The credentials reference a node puts in a workflow. */
export function credentialRef(vendor) {
  const c = { cirrus: ['cirrusApi', 'Cirrus (simulator)'], vonage: ['vonageContactCenterOAuth2Api', 'Vonage Contact Center (simulator)'], talkdesk: ['talkdeskOAuth2Api', 'Talkdesk (simulator)'] }[vendor];
  return { [c[0]]: { id: credentialIds[vendor], name: c[1] } };
}

const vonageRealtimeName = 'Vonage Contact Center, admin scopes (simulator)';

/**
 * A second Vonage credential with the admin scopes the real-time trigger needs: admin:write to create
 * and delete its subscription, admin:read to check it exists. The everyday credential keeps the
 * node's default scopes, which any API client has (Vonage refuses a token for a scope a client lacks).
 */
export function vonageRealtimeCredential(url, creds) {
  return {
    id: credentialIds.vonageRealtime,
    name: vonageRealtimeName,
    type: 'vonageContactCenterOAuth2Api',
    data: {
      region: 'emea',
      clientId: creds.vonage.clientId,
      clientSecret: creds.vonage.clientSecret,
      scope: 'users:read users:write admin:read admin:write',
      apiHost: `${url}/vonage`,
      tokenUrl: `${url}/vonage/Auth/connect/token`,
    },
  };
}

export function vonageRealtimeCredentialRef() {
  return { vonageContactCenterOAuth2Api: { id: credentialIds.vonageRealtime, name: vonageRealtimeName } };
}
