export { NodeHarness, type ActionRun, type HarnessOptions } from './harness';
export { MemoryCredentialsHelper, oAuth2ApiStandIn } from './credentials';
export { simulatorCredentials } from './simulator-credentials';
export { describeVendorNodes, type VendorSuiteSpec } from './vendor-suite';
export { describePackedPackage } from './package-suite';
export { pack, requiresOf, lintWithScannerRules, manifestProblems, allowedRequires, type Packed } from './scanner';
export { waitFor } from './wait';
export { describeCredentialUrls, resolveCredentialField, resolveCredentialTest, type CredentialUrlsSpec } from './credential-urls';
