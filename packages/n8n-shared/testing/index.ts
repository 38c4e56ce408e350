export { NodeHarness, type ActionRun, type HarnessOptions } from './harness';
export { MemoryCredentialsHelper, oAuth2ApiStandIn } from './credentials';
export { simulatorCredentials } from './simulator-credentials';
