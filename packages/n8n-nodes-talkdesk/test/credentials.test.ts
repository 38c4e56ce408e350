import { vendorRegistry } from '@agent-presence/presence-core';
import { describeCredentialUrls } from '@agent-presence/n8n-shared/testing';
import { TalkdeskOAuth2Api } from '../credentials/TalkdeskOAuth2Api.credentials';

describeCredentialUrls({ credential: new TalkdeskOAuth2Api(), vendor: vendorRegistry.talkdesk });
