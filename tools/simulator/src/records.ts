/**
 * Vendor-native records of an agent's presence, shared by the vendor endpoints and
 * the control API's state view so both always agree.
 */
import type { CirrusStatus, TalkdeskStatus, VonageStatus } from './catalog';
import { Int64 } from './json';
import type { SimAgent, SimUser } from './types';
import type { World } from './world';

const iso = (ms: number) => new Date(ms).toISOString();

/** Cirrus: the envelope payload of GET /managers/{id}/presence. */
export function cirrusPresence(world: World, agent: SimAgent): { presence_type: number; type_id: number; name: string } {
  const s = world.status('cirrus', agent.statusIdx) as CirrusStatus;
  return { presence_type: s.presenceType, type_id: s.typeId, name: s.name };
}

/** Cirrus: GET /managers/{id}/stats payload (fields other than FaceToFaceStatus are invented). */
export function cirrusStats(world: World, agent: SimAgent) {
  const s = world.status('cirrus', agent.statusIdx) as CirrusStatus;
  const loggedIn = agent.phase !== 'offline';
  return {
    ManagerId: new Int64(agent.id),
    FaceToFaceStatus: agent.onCall,
    LoggedIn: loggedIn,
    PresenceTypeId: s.typeId,
    PresenceSince: iso(agent.since),
    OpenObjects: agent.onCall ? 1 : 0,
    HandledToday: Math.floor(agent.changeCount / 2),
  };
}

/**
 * CommBox permissionId: 3 admin, 5 bot; agents may have any other number, usually 2. One agent in
 * five (by id) has 4 here, so that a roster keeping only 2 would be seen to lose agents.
 */
function cirrusPermissionId(user: SimUser): number {
  if (user.kind === 'admin') return 3;
  if (user.kind === 'bot') return 5;
  // a decimal id is a multiple of 5 when it ends in 0 or 5 (no BigInt per record in a large list)
  const last = user.id.at(-1);
  return last === '0' || last === '5' ? 4 : 2;
}

/** Cirrus: one element of GET /managers. */
export function cirrusManager(user: SimUser) {
  return {
    id: new Int64(user.id),
    firstName: user.firstName,
    lastName: user.lastName,
    email: user.email,
    userName: user.userName,
    teamId: user.teamId,
    teamName: user.teamName,
    permissionId: cirrusPermissionId(user),
  };
}

export function cirrusPresenceType(s: CirrusStatus) {
  return { id: s.typeId, name: s.name, presenceType: s.presenceType };
}

export function vonagePresence(s: VonageStatus) {
  return {
    presenceId: s.presenceId,
    selectable: s.selectable,
    category: {
      categoryType: s.categoryType,
      description: s.categoryDescription,
      ...(s.subCategory !== undefined ? { subCategory: s.subCategory } : {}),
    },
    description: s.name,
  };
}

/** Vonage: the presence record of GET /agents/{userId}/presence. */
export function vonageRecord(world: World, agent: SimAgent) {
  return {
    userId: agent.id,
    updated: iso(agent.since),
    presence: vonagePresence(world.status('vonage', agent.statusIdx) as VonageStatus),
  };
}

/** Vonage: a user of GET /useradmin/users (v4), with the fields of its reference page, in that order. */
export function vonageUser(user: SimUser) {
  const agent = user.kind !== 'non-agent';
  return {
    userId: user.id,
    username: user.userName,
    name: user.name,
    email: user.email,
    active: user.kind !== 'archived',
    locked: false,
    userAccountConfiguration: { role: agent ? 'Agent' : 'Supervisor', chargeable: agent, actAsAgent: agent },
  };
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
    account_id: world.accountId,
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
