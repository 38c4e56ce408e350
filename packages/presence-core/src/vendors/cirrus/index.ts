// `@agent-presence/presence-core/cirrus`: Cirrus (CommBox API) schemas and constants.
// The client (createCirrusClient) is in the main entry.
export * from './schemas';
export { cirrusDefaultBaseUrl } from './hosts';
export { cirrusCategories, normalizeCirrusPresence } from './normalize';
