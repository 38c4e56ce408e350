/**
 * Teams' own control operations (`/_sim/teams/...`): the demo app's granted permissions,
 * each user's presence sessions as ground truth, subscriptions (with their clientState) and
 * the notification delivery log.
 */
import { z } from 'zod/v4';
import type { SimContext } from '../../context';
import { syncWorld } from '../../context';
import { SimulatorInputError, parseInput } from '../../input';
import type { SimulatorOptions } from '../../server';
import type { VendorExtension } from '../../vendor';
import type { TeamsTypes } from '.';
import { TEAMS_STATUSES } from './catalog';
import { TEAMS_ROLES } from './oauth';
import { teamsPresence } from './records';
import { teamsStateOf, type AppSession, type PreferredPresence } from './state';
import { TeamsSubscriptions, type NotificationCounters, type NotificationDelivery, type TeamsSubscription } from './subscriptions';


export const TeamsRolesSchema = z.strictObject({
  roles: z.array(z.string().min(1)).max(20),
});

export const TeamsNotificationsQuerySchema = z.strictObject({
  subscriptionId: z.string().min(1).optional(),
  userId: z.string().min(1).optional(),
});

export const TeamsIdleSchema = z.strictObject({
  timeoutMs: z.number().int().min(0).max(600_000).optional(),
});

export interface TeamsPresenceTruth {
  userId: string;
  /** What Graph shows. */
  availability: string;
  activity: string;
  /** The user's own Teams client's pair (the scenario's, or the control API's). */
  client: { availability: string; activity: string };
  /** Application sessions (setPresence), times ISO (virtual clock). */
  appSessions: Array<Omit<AppSession, 'setAt' | 'expiresAt'> & { setAt: string; expiresAt: string }>;
  preferred: (Omit<PreferredPresence, 'setAt' | 'expiresAt'> & { setAt: string; expiresAt: string }) | null;
}

export interface TeamsControl {
  /** The application permissions granted to the demo app (new tokens carry them); given `roles`, grant exactly those. */
  teamsRoles(input?: { roles: string[] }): { roles: string[] };
  /** Ground truth of one Teams user's presence and sessions, or of every agent. */
  teamsPresence(userId?: string): TeamsPresenceTruth[];
  /** Live presence subscriptions, clientState included. */
  teamsSubscriptions(): Array<Omit<TeamsSubscription, 'expiresAt'>>;
  /** Every notification delivery attempt (the last 10,000), oldest first. */
  teamsNotifications(query?: { subscriptionId?: string; userId?: string }): NotificationDelivery[];
  /** Resolves when no notification is pending (or after `timeoutMs`, default 10 s). */
  teamsNotificationsIdle(input?: { timeoutMs?: number }): Promise<{ pending: number }>;
}

export interface TeamsCounters {
  /** Change notifications (not vendor requests: not in `total` / `byVendor`). */
  teamsNotifications: NotificationCounters;
}

const hubs = new WeakMap<SimContext, TeamsSubscriptions>();

/** The subscriptions of a simulator (made at start by the extension). */
export function teamsSubscriptionsOf(ctx: SimContext): TeamsSubscriptions {
  let hub = hubs.get(ctx);
  if (!hub) {
    hub = new TeamsSubscriptions(ctx, []);
    hubs.set(ctx, hub);
  }
  return hub;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function teamsExtension(ctx: SimContext, options: SimulatorOptions): VendorExtension<TeamsTypes> {
  const hub = new TeamsSubscriptions(ctx, options.webhookRetryDelaysMs ?? [100, 250, 500]);
  hubs.set(ctx, hub);
  const state = teamsStateOf(ctx);

  const truth = (id: string): TeamsPresenceTruth => {
    const agent = ctx.world.agent('teams', id)!;
    const shown = teamsPresence(ctx.world, agent);
    const client = TEAMS_STATUSES[state.client(agent)]!;
    const { apps, preferred } = state.sessions(agent);
    return {
      userId: agent.id,
      availability: shown.availability,
      activity: shown.activity,
      client: { availability: client.availability, activity: client.activity },
      appSessions: apps.map((a) => ({ sessionId: a.sessionId, availability: a.availability, activity: a.activity, setAt: iso(a.setAt), expiresAt: iso(a.expiresAt) })),
      preferred: preferred ? { availability: preferred.availability, activity: preferred.activity, setAt: iso(preferred.setAt), expiresAt: iso(preferred.expiresAt) } : null,
    };
  };

  const control: TeamsControl = {
    teamsRoles(input) {
      if (input !== undefined) {
        const body = parseInput(TeamsRolesSchema, input, 'teams roles');
        const unknown = body.roles.find((r) => !(TEAMS_ROLES as readonly string[]).includes(r));
        if (unknown) throw new SimulatorInputError(`Invalid teams roles: field "roles": unknown permission "${unknown}" (known: ${TEAMS_ROLES.join(', ')})`, 'roles');
        state.roles = [...new Set(body.roles)];
      }
      return { roles: [...state.roles] };
    },
    teamsPresence(userId) {
      syncWorld(ctx);
      if (userId === undefined || userId === '') return ctx.world.vendors.teams.agents.map((a) => truth(a.id));
      const id = userId.toLowerCase();
      if (!ctx.world.agent('teams', id)) throw new SimulatorInputError(`No teams agent "${userId}" (see GET /_sim/agents?vendor=teams)`, 'userId', 404);
      return [truth(id)];
    },
    teamsSubscriptions() {
      return hub.list(ctx.clock.now()).map(({ expiresAt: _, ...sub }) => ({ ...sub, userIds: [...sub.userIds] }));
    },
    teamsNotifications(query) {
      const q = parseInput(TeamsNotificationsQuerySchema, query ?? {}, 'teams notifications query');
      return hub.deliveries(q);
    },
    async teamsNotificationsIdle(input) {
      const body = parseInput(TeamsIdleSchema, input ?? {}, 'teams notifications idle');
      return hub.idle(body.timeoutMs);
    },
  };

  return {
    control,
    routes: [
      { method: 'GET', path: '/_sim/teams/roles', describe: "the Teams demo app's granted permissions", handle: (c) => c.teamsRoles() },
      {
        method: 'POST',
        path: '/_sim/teams/roles',
        describe: '{roles: [Presence.Read.All|Presence.ReadWrite.All|User.Read.All]}  grant exactly those (new tokens)',
        handle: (c, _q, body) => c.teamsRoles((body ?? {}) as { roles: string[] }),
      },
      {
        method: 'GET',
        path: '/_sim/teams/presence',
        describe: '?userId=  Teams presence and sessions (ground truth)',
        handle: (c, query) => ({ users: c.teamsPresence(query.userId) }),
      },
      { method: 'GET', path: '/_sim/teams/subscriptions', describe: 'Teams presence subscriptions, with clientState', handle: (c) => ({ subscriptions: c.teamsSubscriptions() }) },
      {
        method: 'GET',
        path: '/_sim/teams/notifications',
        describe: '?subscriptionId=&userId=  every notification attempt',
        handle: (c, query) => c.teamsNotifications(query),
      },
      {
        method: 'POST',
        path: '/_sim/teams/notifications/idle',
        describe: '{timeoutMs?}  wait until no notification is pending',
        handle: (c, _q, body) => c.teamsNotificationsIdle((body ?? {}) as { timeoutMs?: number }),
      },
    ],
    counters: () => ({ teamsNotifications: hub.counters() }),
    resetCounters: () => hub.resetCounters(),
    onPresenceChange: (agent, at) => hub.onPresenceChange(agent, at),
    shows: (agent, statusIdx, at) => (agent.vendor === 'teams' ? state.shows(agent, statusIdx, at) : statusIdx),
    sync: (now) => state.sync(now),
    reset: () => {
      state.reset();
      hub.reset();
    },
    close: () => hub.close(),
  };
}
