import { vendorRegistry } from '@agent-presence/presence-core';
import { describeCredentialUrls } from '@agent-presence/n8n-shared/testing';
import { CirrusApi } from '../credentials/CirrusApi.credentials';

describeCredentialUrls({ credential: new CirrusApi(), vendor: vendorRegistry.cirrus });
