// Only vendors/registry.ts imports this file (lint enforces it). The functions below are
// wrappers, not references: the client imports code that looks vendors up in the registry,
// so this file may be evaluated while the client module is still loading.
import type { VendorDefinition } from '../definition';
import { createVonageClient } from './client';
import { vonageMaxIdsPerRequest } from './constants';
import { parseVonageError } from './errors';
import { vonageHosts, type VonageRegion } from './hosts';
import { vonageIds } from './ids';
import { normalizeVonagePresence } from './normalize';

export const vonageVendor = {
  id: 'vonage',
  displayName: 'Vonage Contact Center',
  ids: vonageIds,
  reads: { per: 'chunk', size: vonageMaxIdsPerRequest },
  // Its fair-usage limit is shared by all its APIs, and each request carries 50 agents.
  defaultConcurrency: 10,
  hosts: vonageHosts,
  normalize: (record, context) => normalizeVonagePresence(record, context),
  parseError: (body) => parseVonageError(body),
  createClient: (options) => createVonageClient(options),
} satisfies VendorDefinition<'vonage', VonageRegion>;
