// The vendor simulator, in-process, and a small client of its control API (/_sim).

/**
 * Starts the simulator. Imported when called, not with this module: the entry points build
 * the workspace first (a fresh clone has no dist yet), and answer --help without it.
 */
export async function startSimulator(options) {
  const simulator = await import('@agent-presence/simulator');
  return simulator.startSimulator(options);
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
    history: (query = '') => call('GET', `/history${query}`),
    counters: () => call('GET', '/counters'),
    webhookSubscriptions: async () => (await call('GET', '/webhooks/subscriptions')).subscriptions,
    deliverWebhook: (body = {}) => call('POST', '/webhooks/deliver', body),
    webhookDeliveries: (query = '') => call('GET', `/webhooks/deliveries${query}`),
    webhooksIdle: (timeoutMs = 10_000) => call('POST', '/webhooks/idle', { timeoutMs }),
  };
}

/**
 * The scopes each imported credential asks for: together, everything the nodes and the examples
 * use. Vonage has two: the everyday one with the node's default scopes (any API client has them;
 * Vonage refuses a token for a scope a client lacks), and one with the admin scopes the real-time
 * trigger needs: admin:write to create and delete its subscription, admin:read to check it exists;
 * and one with stats, which Get Presence History needs (each keeps the default scopes too: the editor
 * may pick any of them for a new node). Talkdesk's asks for presence-occupancy:write
 * too, for Set Occupancy. The root README ("Credentials and scopes") says which node needs what.
 */
export const demoScopes = {
  vonage: 'users:read users:write',
  vonageRealtime: 'users:read users:write admin:read admin:write',
  vonageStats: 'users:read users:write stats',
  talkdesk: 'presence-user:read presence-status:write users:read presence-occupancy:write',
};

const names = {
  cirrus: 'Cirrus (simulator)',
  vonage: 'Vonage Contact Center (simulator)',
  vonageRealtime: 'Vonage Contact Center, admin scopes (simulator)',
  vonageStats: 'Vonage Contact Center, stats scope (simulator)',
  talkdesk: 'Talkdesk (simulator)',
};

/** Credential records for `n8n import:credentials`, pointing at a simulator at `url`: the ones `npm start` imports. */
export const credentialIds = {
  cirrus: 'simCirrusCred001',
  vonage: 'simVonageCred001',
  /** Vonage with admin:read and admin:write, for the real-time (webhook) trigger. */
  vonageRealtime: 'simVonageRtCred1',
  /** Vonage with stats, for Get Presence History. */
  vonageStats: 'simVonageStats01',
  talkdesk: 'simTalkdeskCrd01',
};

function vonageCredential(key, url, creds) {
  return {
    id: credentialIds[key],
    name: names[key],
    type: 'vonageContactCenterOAuth2Api',
    data: {
      region: 'emea',
      clientId: creds.vonage.clientId,
      clientSecret: creds.vonage.clientSecret,
      scope: demoScopes[key],
      apiHost: `${url}/vonage`,
      tokenUrl: `${url}/vonage/Auth/connect/token`,
    },
  };
}

/** Every credential `npm start` imports; the end-to-end suite imports exactly these. */
export function simulatorCredentials(url, creds) {
  return [
    {
      id: credentialIds.cirrus,
      name: names.cirrus,
      type: 'cirrusApi',
      data: { apiKey: creds.cirrus.apiKey, apiHost: `${url}/cirrus` },
    },
    vonageCredential('vonage', url, creds),
    vonageCredential('vonageRealtime', url, creds),
    vonageCredential('vonageStats', url, creds),
    {
      id: credentialIds.talkdesk,
      name: names.talkdesk,
      type: 'talkdeskOAuth2Api',
      data: {
        account: creds.talkdesk.account,
        region: 'us',
        clientId: creds.talkdesk.clientId,
        clientSecret: creds.talkdesk.clientSecret,
        scope: demoScopes.talkdesk,
        apiHost: `${url}/talkdesk`,
        tokenUrl: `${url}/talkdesk/oauth/token`,
      },
    },
  ];
}

const types = { cirrus: 'cirrusApi', vonage: 'vonageContactCenterOAuth2Api', vonageRealtime: 'vonageContactCenterOAuth2Api', vonageStats: 'vonageContactCenterOAuth2Api', talkdesk: 'talkdeskOAuth2Api' };

/** The credentials reference a node puts in a workflow (`vonageRealtime`, `vonageStats`: the Vonage credentials with the admin scopes, with stats). */
export function credentialRef(key) {
  return { [types[key]]: { id: credentialIds[key], name: names[key] } };
}
