// `@agent-presence/presence-core/talkdesk`: Talkdesk schemas, constants, regions and the
// occupancy patch. The client (createTalkdeskClient) is in the main entry.
export * from './schemas';
export { talkdeskApiBaseUrl, talkdeskRegions, TalkdeskRegionSchema, type TalkdeskRegion } from './hosts';
export { talkdeskTokenUrl } from './client';
export {
  TalkdeskInteractionSchema,
  TalkdeskOccupancyOperationSchema,
  addInteraction,
  checkOccupancyPatch,
  interactionsOf,
  removeInteractions,
  replaceInteractions,
  talkdeskOccupancyEndpoint,
  type CurrentInteraction,
  type TalkdeskInteraction,
  type TalkdeskOccupancyOperation,
} from './occupancy';
export {
  talkdeskStatusStates,
  talkdeskStatusState,
  talkdeskCustomStatusCategory,
  talkdeskCategoryNames,
  talkdeskCategory,
  normalizeTalkdeskPresence,
} from './normalize';
