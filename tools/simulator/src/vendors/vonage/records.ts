/** Vonage records of a user and its presence, shared by the routes and the control API's state view. */
import type { SimAgent, SimUser } from '../../types';
import type { World } from '../../world';
import type { VonageStatus } from './catalog';

const iso = (ms: number) => new Date(ms).toISOString();

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

