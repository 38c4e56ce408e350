/** The Agents API's media type (presence, presence definitions). */
export const vonageAgentsAccept = 'application/vnd.newvoicemedia.v1+json';
/** The User Admin API's media type (the user list). */
export const vonageUserAdminAccept = 'application/vnd.newvoicemedia.v4+json';
/** The documented most ids per presences request. */
export const vonageMaxIdsPerRequest = 50;
