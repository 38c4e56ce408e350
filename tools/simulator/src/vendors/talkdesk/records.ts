/** Talkdesk records of a user and its presence, shared by the routes and the control API's state view. */
import { Rng, hash32 } from '../../random';
import type { SimAgent, SimUser } from '../../types';
import type { World } from '../../world';
import type { TalkdeskStatus } from './catalog';

const iso = (ms: number) => new Date(ms).toISOString();

const accounts = new WeakMap<World, string>();

/** The account id of a world: 24 hex, stable per seed. */
export function talkdeskAccountId(world: World): string {
  let id = accounts.get(world);
  if (id === undefined) {
    id = new Rng(hash32(world.seed, 'talkdesk-account')).hex(24);
    accounts.set(world, id);
  }
  return id;
}

/** Talkdesk: the body of GET /users/{id}/presence (seed 004 fields, in that order). */
export function talkdeskRecord(world: World, agent: SimAgent, baseUrl: string, includeUserId: boolean) {
  const s = world.status('talkdesk', agent.statusIdx) as TalkdeskStatus;
  const loggedIn = s.status !== 'offline';
  const deviceId = world.deviceId(agent);
  const channelOccupancy = (name: string) =>
    Math.min(100, agent.interactions.filter((i) => i.channel_name === name).reduce((sum, i) => sum + i.cost, 0));
  const channels = loggedIn
    ? [
        { name: 'voice', devices: [deviceId], occupancy: channelOccupancy('voice') },
        { name: 'chat', devices: [] as string[], occupancy: channelOccupancy('chat') },
      ]
    : [];
  return {
    id: world.eventId(agent),
    ...(includeUserId ? { user_id: agent.id } : {}),
    account_id: talkdeskAccountId(world),
    status: s.status,
    // Undocumented: without a custom status both fields are empty strings (the docs type them as required strings).
    custom_status: s.customStatus ?? '',
    custom_status_id: s.customStatusId ?? '',
    occupancy: agent.occupancy,
    channels,
    devices: loggedIn ? [{ id: deviceId }] : [],
    interactions: agent.interactions.map((i) => ({ ...i })),
    updated_by: agent.updatedBy,
    updated_at: iso(agent.since),
    _links: { self: { href: `${baseUrl}/users/${agent.id}/presence` } },
  };
}

export function talkdeskUser(user: SimUser) {
  return { id: user.id, email: user.email, name: user.name, active: user.kind !== 'inactive' };
}
