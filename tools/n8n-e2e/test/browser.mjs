// The editor as a person sees it: headless Chromium (Debian's /usr/bin/chromium) driven by
// playwright-core logs in, opens a new workflow, opens the node panel, searches each
// vendor and checks that our node is listed, with its icon, triggers and actions.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { demoOwner } from '../src/n8n.mjs';

export const chromiumPath = '/usr/bin/chromium';
const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const actionNames = ['Get an agent presence', 'Get many agent presences', 'Set an agent presence', 'Get many statuses'];

/** @returns the screenshot paths */
export async function browserCheck({ url, vendors, outDir, owner = demoOwner }) {
  const profile = mkdtempSync(join(tmpdir(), 'agent-presence-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: flags,
    viewport: { width: 1440, height: 900 },
  });
  const shots = [];
  const shot = async (page, name) => {
    const path = join(outDir, `${name}.png`);
    await page.screenshot({ path });
    shots.push(path);
  };
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(30_000);
    await page.goto(`${url}/signin`);
    await page.locator('input[name=emailOrLdapLoginId]').fill(owner.email);
    await page.locator('input[name=password]').fill(owner.password);
    await shot(page, 'editor-signin');
    await page.locator('[data-test-id=form-submit-button]').click();
    await page.waitForURL((u) => !u.pathname.startsWith('/signin'));

    for (const v of vendors) {
      await page.goto(`${url}/workflow/new`);
      await page.locator('[data-test-id=canvas-add-button]').waitFor();
      await page.locator('[data-test-id=node-creator-plus-button]').click();
      const search = page.locator('input[data-test-id=node-creator-search-bar], [data-test-id=node-creator-search-bar] input').first();
      await search.waitFor();
      await search.fill(v.displayName.split(' ')[0]);
      const item = page.locator('[data-test-id=item-iterator-item]', { has: page.locator('[data-test-id=node-creator-item-name]', { hasText: new RegExp(`^${v.actionName}$`) }) });
      await item.first().waitFor();
      // The icon is our SVG, served by n8n and loaded by the browser.
      const icon = item.first().locator(`img[src*="icons/${v.name}/"]`);
      await icon.first().waitFor();
      const width = await icon.first().evaluate((img) => img.complete && img.naturalWidth);
      assert.ok(width > 0, `${v.vendor}: the node icon loaded`);
      await shot(page, `node-panel-${v.vendor}-search`);

      await item.first().click();
      const panel = page.locator('[data-test-id=node-creator]');
      await panel.getByText(/^Triggers \(\d+\)$/).waitFor();
      await panel.getByText(/^Actions \(\d+\)$/).click();
      await panel.getByText(actionNames[0], { exact: true }).waitFor();
      const text = await panel.innerText();
      assert.match(text, new RegExp(v.actionName), `${v.vendor}: the node details name it`);
      assert.match(text, /Triggers \(4\)/, `${v.vendor}: four trigger events`);
      assert.match(text, /Actions \(4\)/, `${v.vendor}: four actions`);
      for (const a of actionNames) assert.ok(text.includes(a), `${v.vendor}: action "${a}" is listed`);
      await shot(page, `node-panel-${v.vendor}-details`);
    }
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
  return shots;
}
