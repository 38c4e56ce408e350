/**
 * Shared set-up of the contract tests that drive the simulator with
 * presence-core's own clients over its undici transport.
 */
import {
  createCirrusClient,
  createTalkdeskClient,
  createVonageClient,
  withBearerToken,
  withClientCredentials,
  type AgentPresence,
  type CirrusClient,
  type HttpRequest,
  type HttpTransport,
  type OAuthTransport,
  type PresenceClient,
  type PresenceState,
  type RetryPolicy,
} from '@agent-presence/presence-core';
import type { AgentState, Simulator, TimelineEntry, VendorId } from '../src';

/**
 * The vendors presence-core has a client for: the contract tests drive only these. The simulator
 * serves more (Teams), tested over HTTP in its own test until the core has its client.
 */
export const CORE_VENDORS = ['cirrus', 'vonage', 'talkdesk'] as const satisfies readonly VendorId[];
export type CoreVendorId = (typeof CORE_VENDORS)[number];

/** Passes requests through and keeps a copy of each (as sent, after the auth helpers). */
export function recording(transport: HttpTransport, log: HttpRequest[]): HttpTransport {
  return {
    request: (req) => {
      log.push(req);
      return transport.request(req);
    },
    sleep: transport.sleep?.bind(transport),
  };
}

export interface ClientSet {
  cirrus: CirrusClient;
  vonage: PresenceClient;
  talkdesk: PresenceClient;
  vonageAuth: OAuthTransport;
  talkdeskAuth: OAuthTransport;
  /** Every request that reached the transport, auth headers included. */
  sent: HttpRequest[];
  /** Every wait a client asked for (the injected sleep returns at once). */
  sleeps: number[];
  retries: Array<{ attempt: number; delayMs: number; error: unknown }>;
}

export interface ClientSetOptions {
  retry?: Partial<RetryPolicy>;
  /** Scope asked for on the Vonage token (default: users:read users:write; Vonage requires one). */
  vonageScope?: string;
}

/** The three clients, each authenticated the way its vendor documents, against the simulator. */
export function makeClients(sim: Simulator, transport: HttpTransport, options: ClientSetOptions = {}): ClientSet {
  const sent: HttpRequest[] = [];
  const sleeps: number[] = [];
  const retries: ClientSet['retries'] = [];
  const spy = recording(transport, sent);
  const common = {
    sleep: async (ms: number) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1_000, budgetMs: 60_000, ...options.retry },
    onRetry: (info: { attempt: number; delayMs: number; error: unknown }) => {
      retries.push(info);
    },
  };
  const { credentials, vendors } = sim;
  const vonageAuth = withClientCredentials(spy, {
    vendor: 'vonage',
    tokenUrl: vendors.vonage.tokenUrl,
    clientId: credentials.vonage.clientId,
    clientSecret: credentials.vonage.clientSecret,
    scope: options.vonageScope ?? 'users:read users:write',
    clientAuthentication: 'body',
  });
  const talkdeskAuth = withClientCredentials(spy, {
    vendor: 'talkdesk',
    tokenUrl: vendors.talkdesk.tokenUrl,
    clientId: credentials.talkdesk.clientId,
    clientSecret: credentials.talkdesk.clientSecret,
    clientAuthentication: 'basic',
  });
  return {
    cirrus: createCirrusClient({ ...common, transport: withBearerToken(spy, credentials.cirrus.apiKey), baseUrl: vendors.cirrus.baseUrl }),
    vonage: createVonageClient({ ...common, transport: vonageAuth, baseUrl: vendors.vonage.baseUrl, usersPageSize: 25 }),
    talkdesk: createTalkdeskClient({ ...common, transport: talkdeskAuth, baseUrl: vendors.talkdesk.baseUrl, usersPageSize: 20 }),
    vonageAuth,
    talkdeskAuth,
    sent,
    sleeps,
    retries,
  };
}

/** The common state each vendor category should map to (written out here, not taken from core). */
export const EXPECTED_STATE: Record<CoreVendorId, Record<string, PresenceState>> = {
  cirrus: { Active: 'available', Busy: 'busy', Away: 'away' },
  vonage: { Ready: 'available', Away: 'away', ExtendedAway: 'away', LoggedOut: 'offline' },
  talkdesk: { available: 'available', away: 'away', offline: 'offline', hidden: 'offline' },
};

interface TalkdeskRecordView {
  interactions: unknown[];
  occupancy: number;
}

/** Whether a Talkdesk agent is on an interaction in the simulator's state. */
export function talkdeskOnInteraction(agent: AgentState): boolean {
  const r = agent.record as TalkdeskRecordView;
  return r.interactions.length > 0 || r.occupancy > 0;
}

/** The common state the simulator's ground truth implies for an agent. */
export function expectedState(vendor: CoreVendorId, agent: AgentState): PresenceState {
  const state = EXPECTED_STATE[vendor][agent.category];
  if (state === undefined) throw new Error(`no expected state for ${vendor} category ${agent.category}`);
  return vendor === 'talkdesk' && state === 'available' && talkdeskOnInteraction(agent) ? 'busy' : state;
}

/** A vendor category as the common status shows it: Talkdesk's base statuses capitalised like the others' categories. */
export function commonCategory(vendor: CoreVendorId, category: string): string {
  return vendor === 'talkdesk' ? category.charAt(0).toUpperCase() + category.slice(1) : category;
}

/** Checks one normalised presence against the simulator's state of that agent. */
export function expectPresenceMatches(vendor: CoreVendorId, presence: AgentPresence, agent: AgentState | undefined): void {
  expect(agent).toBeDefined();
  if (!agent) return;
  expect({ agentId: presence.agentId, vendor: presence.vendor, status: presence.status, state: presence.state }).toEqual({
    agentId: agent.agentId,
    vendor: vendor,
    status: { id: agent.statusId, name: agent.statusName, category: commonCategory(vendor, agent.category) },
    state: expectedState(vendor, agent),
  });
  // Cirrus presence records carry no time; the others carry when the presence began.
  expect(presence.since).toBe(vendor === 'cirrus' ? null : agent.since);
  if (vendor === 'talkdesk') {
    const r = agent.record as TalkdeskRecordView;
    expect(presence.activity?.interactions).toBe(r.interactions.length);
    expect(presence.activity?.occupancy).toBe(r.occupancy);
  }
}

/**
 * What a poller can see of a presence: the status, and for Talkdesk whether the
 * agent is on an interaction (it turns "available" into "busy").
 */
export function presenceKey(vendor: CoreVendorId, p: AgentPresence): string {
  const busy = vendor === 'talkdesk' ? `|${p.state === 'busy'}` : '';
  return `${p.status.id}|${p.status.name}|${p.status.category?.toLowerCase()}${busy}`;
}

export function entryKey(vendor: CoreVendorId, e: TimelineEntry): string {
  const busy = vendor === 'talkdesk' ? `|${e.category === 'available' && ((e.interactions ?? 0) > 0 || (e.occupancy ?? 0) > 0)}` : '';
  return `${e.statusId}|${e.statusName}|${e.category.toLowerCase()}${busy}`;
}

/** The key used by the simulator's counters. */
export function counter(sim: Simulator, key: string): number {
  return sim.control.counters().byEndpoint[key] ?? 0;
}

/** An id the world's agents do not have, in the vendor's format. */
export function unknownVonageId(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}
