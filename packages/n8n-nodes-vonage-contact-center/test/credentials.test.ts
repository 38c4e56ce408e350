import { vendorRegistry } from '@agent-presence/presence-core';
import { describeCredentialUrls } from '@agent-presence/n8n-shared/testing';
import { VonageContactCenterOAuth2Api } from '../credentials/VonageContactCenterOAuth2Api.credentials';

describeCredentialUrls({ credential: new VonageContactCenterOAuth2Api(), vendor: vendorRegistry.vonage });
