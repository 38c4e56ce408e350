// Only vendors/registry.ts imports this file (lint enforces it). The functions below are
// wrappers, not references: the client imports code that looks vendors up in the registry,
// so this file may be evaluated while the client module is still loading.
import type { VendorDefinition } from '../definition';
import { createTalkdeskClient } from './client';
import { parseTalkdeskError } from './errors';
import { talkdeskHosts, type TalkdeskRegion } from './hosts';
import { talkdeskIds } from './ids';
import { normalizeTalkdeskPresence } from './normalize';

export const talkdeskVendor = {
  id: 'talkdesk',
  displayName: 'Talkdesk',
  ids: talkdeskIds,
  // No batch read: GET /users/{id}/presence per agent.
  reads: { per: 'agent' },
  defaultConcurrency: 32,
  hosts: talkdeskHosts,
  normalize: (record, context) => normalizeTalkdeskPresence(record, context),
  parseError: (body) => parseTalkdeskError(body),
  createClient: (options) => createTalkdeskClient(options),
} satisfies VendorDefinition<'talkdesk', TalkdeskRegion>;
