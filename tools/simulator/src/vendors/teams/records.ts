/** Graph records of a Teams user and its presence, shared by the routes and the control API's state view. */
import type { SimAgent, SimUser } from '../../types';
import type { World } from '../../world';
import type { TeamsStatus } from './catalog';

/** A presence (the Get presence reference's example fields). */
export function teamsPresence(world: World, agent: SimAgent) {
  const s = world.status('teams', agent.statusIdx) as TeamsStatus;
  return { id: agent.id, availability: s.availability, activity: s.activity };
}

/** The presence of a directory user who is not an agent here (no Teams presence of their own). */
export function unknownPresence(user: SimUser) {
  return { id: user.id, availability: 'PresenceUnknown', activity: 'PresenceUnknown' };
}

/** Properties of a user that `$select` may name. */
export const USER_PROPERTIES = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'id',
  'accountEnabled',
  'department',
] as const;

/** The default properties of a listed user, in the List users reference's order. */
export const DEFAULT_USER_PROPERTIES = USER_PROPERTIES.slice(0, 11);

export function teamsUser(user: SimUser): Record<(typeof USER_PROPERTIES)[number], unknown> {
  return {
    businessPhones: [],
    displayName: user.name,
    givenName: user.firstName,
    jobTitle: null,
    mail: user.email,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: 'en-GB',
    surname: user.lastName,
    userPrincipalName: user.email,
    id: user.id,
    accountEnabled: true,
    department: user.teamName,
  };
}
