/** Cirrus records of a manager and its presence, shared by the routes and the control API's state view. */
import { Int64 } from '../../json';
import type { SimAgent, SimUser } from '../../types';
import type { World } from '../../world';
import type { CirrusStatus } from './catalog';

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

