// The vendor registry: complete, and loaded correctly whichever module a consumer (or a
// test) loads first. Definitions sit on an import cycle (a client imports code that reads
// the registry), which is safe only while nothing reads the registry as modules load.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { InputError, normalizePresence, parseVendorError, validateAgentId, validateStatusId, vendorIds, vendorRegistry } from '../src';
import { vendorDefinition } from '../src/vendors/registry';
import type { VendorHosts } from '../src/vendors/definition';
import type { VendorRegistry } from '../src/vendors/registry';

const srcDir = join(__dirname, '..', 'src');
const modules = (readdirSync(srcDir, { recursive: true }) as string[])
  // A vendor's vendor.ts is loaded by the registry only (lint enforces it), so never first.
  .filter((f) => f.endsWith('.ts') && !f.startsWith('transports') && !f.endsWith('/vendor.ts'))
  .map((f) => `./${relative(__dirname, join(srcDir, f)).replace(/\.ts$/, '')}`);

describe('the vendor registry', () => {
  it('has one definition per vendor id, under its own id, in the order of vendorIds', () => {
    expect(Object.keys(vendorRegistry)).toEqual([...vendorIds]);
    for (const id of vendorIds) expect(vendorRegistry[id].id).toBe(id);
  });

  it.each(modules)('is whole when %s is the first module loaded', (first) => {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh load, in this order, is the point
      require(first);
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { vendorRegistry: registry } = require('../src/vendors/registry') as { vendorRegistry: VendorRegistry };
      for (const id of vendorIds) {
        const d = registry[id];
        expect(d).toBeDefined();
        expect([typeof d.normalize, typeof d.parseError, typeof d.createClient, typeof d.hosts.apiBaseUrl]).toEqual(['function', 'function', 'function', 'function']);
        expect(d.ids.agent.pattern).toEqual(expect.any(String));
      }
    });
  });

  it('the central functions go through it, and refuse a vendor it does not know by name', () => {
    const acme = 'acme' as never;
    for (const call of [() => normalizePresence(acme, {}), () => validateAgentId(acme, '1'), () => validateStatusId(acme, '1'), () => vendorDefinition(acme)]) {
      expect(call).toThrow(InputError);
      expect(call).toThrow('Use cirrus, vonage or talkdesk.');
    }
    expect(() => parseVendorError(acme, 400, { a: 1 })).toThrow(InputError);
  });

  it('each id rule accepts its own example and its pattern holds no anchors', () => {
    for (const d of Object.values(vendorRegistry)) {
      for (const rule of [d.ids.agent, d.ids.status]) {
        expect(rule.pattern).not.toMatch(/^\^|\$$/);
        expect(rule.form).toContain(rule.example === 'away' ? 'away' : rule.example);
      }
      expect(validateAgentId(d.id, d.ids.agent.example)).toBe(d.ids.agent.example);
      expect(validateStatusId(d.id, d.ids.status.example)).toBe(d.ids.status.example);
    }
  });

  it('builds each region\'s hosts; reads and concurrency as the clients use them', () => {
    const hosts = Object.values(vendorRegistry).map((d) => {
      const h: VendorHosts = d.hosts;
      return [d.id, h.regions.map((r) => [r.id, h.apiBaseUrl(r.id), h.tokenUrl?.(r.id, 'acme')])];
    });
    expect(hosts).toEqual([
      ['cirrus', []],
      ['vonage', [
        ['emea', 'https://emea.api.newvoicemedia.com', 'https://emea.cc.vonage.com/Auth/connect/token'],
        ['nam', 'https://nam.api.newvoicemedia.com', 'https://nam.cc.vonage.com/Auth/connect/token'],
        ['apac', 'https://apac.api.newvoicemedia.com', 'https://apac.cc.vonage.com/Auth/connect/token'],
      ]],
      ['talkdesk', [
        ['us', 'https://api.talkdeskapp.com', 'https://acme.talkdeskid.com/oauth/token'],
        ['eu', 'https://api.talkdeskapp.eu', 'https://acme.talkdeskid.eu/oauth/token'],
        ['ca', 'https://api.talkdeskappca.com', 'https://acme.talkdeskidca.com/oauth/token'],
      ]],
    ]);
    expect(vendorRegistry.cirrus.hosts.apiBaseUrl()).toBe('https://api.commbox.io');
    expect(Object.values(vendorRegistry).map((d) => d.reads)).toEqual([{ per: 'agent' }, { per: 'chunk', size: 50 }, { per: 'agent' }]);
  });
});
