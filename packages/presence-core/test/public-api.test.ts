import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import ts from 'typescript';

// Runs in a separate Node process against the built dist, as a consumer would require it.
const pkgRoot = join(__dirname, '..');
// Nx forces colour on; console.log of a boolean would then carry escape codes.
const run = (script: string) => execFileSync(process.execPath, ['-e', script], { cwd: pkgRoot, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });

/** What require() gives for each entry: the run-time names, sorted. */
function runtimeNames(entry: string): string[] {
  return JSON.parse(run(`console.log(JSON.stringify(Object.keys(require(${JSON.stringify(entry)})).sort()))`));
}

/** Every name an entry's declarations export, types included, sorted: what a TypeScript consumer sees. */
function declaredNames(entry: string): string[] {
  const file = require.resolve(entry, { paths: [pkgRoot] }).replace(/\.js$/, '.d.ts');
  const program = ts.createProgram([file], { module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16, noEmit: true, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const symbol = checker.getSymbolAtLocation(program.getSourceFile(file)!)!;
  return checker.getExportsOfModule(symbol).map((s) => s.name).sort();
}

// The exact surface of each entry. A name added or removed here is an API change: add a changeset.
const model = ['AgentPresenceSchema', 'AgentSummarySchema', 'PresenceActivitySchema', 'PresenceChangeSchema', 'PresenceStateSchema', 'PresenceStatusSchema', 'PreviousPresenceSchema', 'SinceSourceSchema', 'StatusDefinitionSchema', 'VendorIdSchema', 'presenceStates', 'vendorIds'];
const main = [
  ...model,
  'ContractError', 'InputError', 'NetworkError', 'PresenceError', 'PresenceStintSchema', 'StateMappingSchema', 'VendorApiError',
  'createAgentDirectory', 'createCirrusClient', 'createTalkdeskClient', 'createVonageClient', 'detectChanges', 'isPresenceError',
  'maxConcurrency', 'nameAgents', 'nameChanges', 'normalizeBaseUrl', 'normalizePresence', 'parseVendorError', 'redactSecrets',
  'setPresenceMany', 'setPresences', 'stateMappingFromRows', 'summarizeStints', 'validateAgentId', 'validateStatusId', 'vendorRegistry',
  'withBearerToken', 'withClientCredentials',
];
const mainTypes = [
  'AgentDirectory', 'AgentDirectoryOptions', 'AgentPresence', 'AgentSummary', 'CirrusClient', 'CirrusReadOptions', 'ClientCredentialsOptions',
  'ClientOptions', 'Clock', 'DetectChangesOptions', 'HttpMethod', 'HttpRequest', 'HttpResponse', 'HttpTransport', 'IdRule', 'ListAgentsOptions',
  'NormalizeContext', 'OAuthTransport', 'ParsedVendorError', 'PresenceActivity', 'PresenceBatch', 'PresenceChange', 'PresenceChangeEvent',
  'PresenceClient', 'PresenceErrorKind', 'PresenceHistoryOptions', 'PresenceSnapshot', 'PresenceState', 'PresenceStatus', 'PresenceStint',
  'PreviousPresence', 'ReadOptions', 'ReadPlan', 'RetryPolicy', 'SetManyOptions', 'SetManyResult', 'SetTarget', 'SinceSource', 'Sleep', 'StateMapping',
  'StatusDefinition', 'StintTotal', 'SummarizeOptions', 'TalkdeskClient', 'TalkdeskClientOptions', 'VendorDefinition', 'VendorHosts', 'VendorId',
  'VendorRegistry', 'VonageClient', 'VonageClientOptions',
];
const entries: Record<string, string[]> = {
  '@agent-presence/presence-core': main,
  '@agent-presence/presence-core/cirrus': [
    'CirrusEnvelopeSchema', 'CirrusErrorSchema', 'CirrusIdSchema', 'CirrusManagerListSchema', 'CirrusManagerSchema', 'CirrusPresencePayloadSchema', 'CirrusPresenceRecordSchema',
    'CirrusPresenceTypeListSchema', 'CirrusPresenceTypeRecordSchema', 'CirrusPresenceTypeSchema', 'CirrusStatsSchema', 'CirrusStatusSchema', 'cirrusCategories', 'cirrusDefaultBaseUrl', 'cirrusPermission',
    'isCirrusAgent', 'normalizeCirrusPresence',
  ],
  '@agent-presence/presence-core/vonage': [
    'VonageCategorySchema', 'VonageErrorSchemas', 'VonagePresenceActivitiesPageSchema', 'VonagePresenceActivitySchema', 'VonagePresenceDefinitionSchema',
    'VonagePresenceDefinitionsSchema', 'VonagePresenceEventSchema', 'VonagePresenceListSchema', 'VonagePresenceRecordSchema', 'VonageRegionSchema',
    'VonageSubscriptionListSchema', 'VonageSubscriptionSchema', 'VonageUserSchema', 'VonageUsersPageSchema', 'historyWindow', 'normalizeVonageEvent', 'normalizeVonagePresence',
    'verifyVonageSignature', 'vonageAgentsAccept', 'vonageApiBaseUrl', 'vonageCategoryState', 'vonageCategoryStates', 'vonageHistoryMaxWindowMs',
    'vonageHistoryPath', 'vonageMaxIdsPerRequest', 'vonagePresenceEventType', 'vonageRegions', 'vonageSignatureMaxAgeMs', 'vonageTokenUrl',
    'vonageUserAdminAccept',
  ],
  '@agent-presence/presence-core/talkdesk': [
    'TalkdeskBaseStatusSchema', 'TalkdeskCustomStatusListSchema', 'TalkdeskErrorSchema', 'TalkdeskInteractionSchema', 'TalkdeskOccupancyOperationSchema',
    'TalkdeskPresenceRecordSchema', 'TalkdeskRegionSchema', 'TalkdeskUsersPageSchema', 'addInteraction', 'checkOccupancyPatch', 'interactionsOf', 'normalizeTalkdeskPresence', 'removeInteractions', 'replaceInteractions',
    'talkdeskApiBaseUrl', 'talkdeskBaseStatuses', 'talkdeskCategory', 'talkdeskCategoryNames', 'talkdeskCustomStatusCategory', 'talkdeskOccupancyEndpoint',
    'talkdeskRegions', 'talkdeskStatusState', 'talkdeskStatusStates', 'talkdeskTokenUrl',
  ],
  '@agent-presence/presence-core/trigger': [
    'PresenceSnapshotSchema', 'TooLongStateSchema', 'appearedChange', 'appearedEventId', 'changedEventId', 'detectTooLong', 'disappearedEventId',
    'enteredEventId', 'observedSince', 'retainAgents', 'sweepEventOf', 'sweepEvents', 'sweepReads', 'sweepRoster', 'sweepStep', 'sweepWants', 'tooLongEventId',
    'tooLongThreshold', 'vendorEventId',
  ],
  '@agent-presence/presence-core/undici': ['createUndiciTransport'],
};

describe('the built package', () => {
  it.each(Object.keys(entries))('%s exports exactly its list at run time', (entry) => {
    expect(runtimeNames(entry)).toEqual([...entries[entry]!].sort());
  });

  it('the main entry stays small: at most 60 names at run time', () => {
    expect(main.length).toBeLessThanOrEqual(60);
  });

  it('the main entry declares exactly its values and types', () => {
    expect(declaredNames('@agent-presence/presence-core')).toEqual([...main, ...mainTypes].sort());
  });

  it('keeps internals out of every entry', () => {
    const internals = ['AdaptiveLimit', 'mapSettled', 'withRetry', 'backoffDelay', 'encodePathSegment', 'hintForStatus', 'redactValue', 'concurrencyOf', 'vendorDefinition'];
    for (const entry of Object.keys(entries)) expect(runtimeNames(entry).filter((n) => internals.includes(n))).toEqual([]);
  });

  it('the main entry does not load undici', () => {
    const script = `require('@agent-presence/presence-core'); console.log(JSON.stringify(Object.keys(require.cache).some((k) => k.includes('/node_modules/undici/'))));`;
    expect(JSON.parse(run(script))).toBe(false);
  });
});
