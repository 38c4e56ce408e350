// The editor as a person sees it: headless Chromium (Debian's /usr/bin/chromium) driven by
// playwright-core. `openEditor` logs in and returns the steps of a new user's walk (node panel,
// the examples on the canvas, adding our nodes, pickers, test events, credentials); each step
// keeps a screenshot in test-artifacts/n8n-e2e/ and returns what it saw, for the tests to judge.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { demoOwner } from '../src/n8n.mjs';

export const chromiumPath = '/usr/bin/chromium';
const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** What a raw subtitle looks like: n8n's `operation: resource` pattern ("set: agentPresence"). */
export const rawSubtitle = /^[a-z][A-Za-z]*: [a-z][A-Za-z]*$/;

/** Actions only one vendor's API offers. */
const vendorActions = { Vonage: ['Get Vonage presence history'], Talkdesk: ['Set Talkdesk occupancy'] };

/** The node panel's names for our entry's actions and trigger events (vendor = "Cirrus", "Vonage"…). */
export function panelNames(short) {
  return {
    actions: [`Get ${short} presence`, `Get many ${short} presences`, `Set ${short} presence`, `Set many ${short} presences`, ...(vendorActions[short] ?? []), `List ${short} statuses`],
    triggers: ['On state change', 'On status change within a state', 'On agent appearing', 'On agent disappearing', 'On agent in a state too long'],
  };
}

/** Logs into the editor; returns the walk's steps. Call close() at the end. */
export async function openEditor({ url, outDir, owner = demoOwner }) {
  const profile = mkdtempSync(join(tmpdir(), 'agent-presence-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: flags,
    viewport: { width: 1440, height: 1000 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(30_000);
  const shots = [];
  const shot = async (name) => {
    const path = join(outDir, `${name}.png`);
    await page.screenshot({ path });
    shots.push(path);
    return path;
  };
  const ndv = page.locator('[data-test-id=ndv]');

  await page.goto(`${url}/signin`);
  await page.locator('input[name=emailOrLdapLoginId]').fill(owner.email);
  await page.locator('input[name=password]').fill(owner.password);
  await shot('editor-signin');
  await page.locator('[data-test-id=form-submit-button]').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/signin'));

  /** A new workflow with the node panel open and `query` typed in its search. */
  async function searchPanel(query) {
    await page.goto(`${url}/workflow/new`);
    await page.locator('[data-test-id=canvas-add-button]').waitFor();
    await page.locator('[data-test-id=node-creator-plus-button]').click();
    const search = page.locator('input[data-test-id=node-creator-search-bar], [data-test-id=node-creator-search-bar] input').first();
    await search.waitFor();
    await search.fill(query);
    await page.locator('[data-test-id=node-creator-item-name]').first().waitFor();
    // The list settles after the search debounce.
    await page.waitForTimeout(500);
    return page.locator('[data-test-id=item-iterator-item]');
  }

  /** The names the node panel lists for a search, in its order. */
  async function searchResults(query) {
    await searchPanel(query);
    return page.locator('[data-test-id=node-creator-item-name]').allInnerTexts();
  }

  /** Opens a package's entry in the node panel: its icon, description, triggers and actions. */
  async function panelEntry(pkg) {
    const items = await searchPanel(pkg.displayName.split(' ')[0]);
    const item = items.filter({ has: page.locator('[data-test-id=node-creator-item-name]', { hasText: new RegExp(`^${pkg.actionName}$`) }) }).first();
    await item.waitFor();
    // The icon is our SVG, served by n8n and loaded by the browser.
    const icon = item.locator(`img[src*="icons/${pkg.name}/"]`).first();
    await icon.waitFor();
    const iconWidth = await icon.evaluate((img) => img.complete && img.naturalWidth);
    const listedDescription = (await item.innerText()).replace(pkg.actionName, '').trim();
    await shot(`node-panel-${pkg.vendor}-search`);

    await item.click();
    const panel = page.locator('[data-test-id=node-creator]');
    await panel.getByText(/^Triggers \(\d+\)$/).waitFor();
    await panel.getByText(/^Actions \(\d+\)$/).click();
    await panel.getByText(panelNames(pkg.shortName).actions[0], { exact: true }).waitFor();
    const text = await panel.innerText();
    await shot(`node-panel-${pkg.vendor}-details`);
    return { iconWidth, listedDescription, text };
  }

  /** Opens a saved workflow; returns what its canvas shows and what is wrong with it. */
  async function openWorkflow(id, name) {
    await page.goto(`${url}/workflow/${id}`);
    await page.locator('[data-test-id=canvas-node]').first().waitFor();
    await page.locator('[data-test-id=zoom-to-fit]').click();
    await page.waitForTimeout(800);
    const canvas = await canvasReport(page);
    await shot(`example-${name}`);
    return canvas;
  }

  /** From a new workflow's node panel: the vendor's entry, then one of its actions or trigger events. */
  async function addFromPanel(pkg, name, { trigger = false } = {}) {
    const items = await searchPanel(pkg.displayName.split(' ')[0]);
    await items.filter({ has: page.locator('[data-test-id=node-creator-item-name]', { hasText: new RegExp(`^${pkg.actionName}$`) }) }).first().click();
    const panel = page.locator('[data-test-id=node-creator]');
    if (!trigger) await panel.getByText(/^Actions \(\d+\)$/).click();
    await panel.getByText(name, { exact: true }).click();
    await ndv.waitFor();
    await ndv.locator('[data-test-id=node-parameters]').waitFor();
  }

  /** The NDV's title: the node's name. */
  const nodeTitle = () => ndv.locator('[data-test-id=node-title-container]').innerText();

  /** Picks the first entry of a resource locator's list whose text matches. */
  async function pickFromList(param, match) {
    await ndv.locator(`[data-test-id=resource-locator-${param}] [data-test-id=rlc-input]`).click();
    await page.locator(`[data-test-id=resource-locator-${param}] [data-test-id=rlc-input]:focus, [data-test-id=rlc-search]:visible`).first().waitFor();
    const items = page.locator('[data-test-id=rlc-item]:visible');
    await items.first().waitFor();
    const entries = await items.allInnerTexts();
    await items.filter({ hasText: match }).first().click();
    await items.first().waitFor({ state: 'hidden' });
    return entries;
  }

  /** Switches a resource locator to "By ID" and types the id. */
  async function typeId(param, value) {
    const locator = ndv.locator(`[data-test-id=resource-locator-${param}]`);
    await locator.locator('[data-test-id=rlc-mode-selector]').click();
    await page.locator('[data-test-id=mode-id]:visible').click();
    await locator.locator('[data-test-id=rlc-input]').fill(value);
    await locator.locator('[data-test-id=rlc-input]').blur();
  }

  /** The text of the toasts on screen (n8n's notifications), newest last. */
  const toasts = () => page.locator('.el-notification:visible').allInnerTexts();
  async function closeToasts() {
    for (const close of await page.locator('.el-notification:visible .el-notification__closeBtn').all()) await close.click().catch(() => {});
    await page.locator('.el-notification:visible').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => {});
  }

  /** Runs the open node ("Execute step" or "Fetch Test Event"); returns the error shown, if any. */
  async function runStep({ trigger = false } = {}) {
    await closeToasts();
    const button = trigger ? ndv.locator('[data-test-id=trigger-execute-button]').first() : ndv.locator('[data-test-id=node-execute-button]');
    await button.click();
    const out = ndv.locator('[data-test-id=output-panel]');
    // The run ends with a toast (success, or why it could not start), an error in the output
    // panel, or, for a trigger's first test fetch, its items.
    await Promise.race([
      page.locator('.el-notification:visible').first().waitFor({ timeout: 60_000 }),
      out.getByText('Error details').first().waitFor({ timeout: 60_000 }),
      ...(trigger ? [out.getByText(/^\d+ items?$/).first().waitFor({ timeout: 60_000 })] : []),
    ]);
    await page.waitForTimeout(500);
    const shownToasts = (await toasts()).join('\n');
    const shown = await out.innerText();
    if (/Error details/.test(shown) || /cannot start|error|problem|issues/i.test(shownToasts)) return { error: `${shownToasts}\n${shown}`.trim() };
    // The JSON view, for the screenshot (it renders only the lines in view: the items come from the execution).
    await out.locator('[data-test-id=radio-button-json]:visible').click({ timeout: 3000 }).catch(() => {});
    return { shown };
  }

  /** The id of the workflow on screen (a new one gets its id when first saved). */
  const workflowId = () => new URL(page.url()).pathname.match(/\/workflow\/([^/]+)/)?.[1];

  /** Adds every option of the node's Options collection, and a row to each fixed collection in it. */
  async function addAllOptions() {
    const added = [];
    for (;;) {
      const add = ndv.locator('[data-test-id=collection-parameter-add]').last();
      if (!(await add.isVisible())) break;
      await add.scrollIntoViewIfNeeded();
      await add.click();
      const options = page.locator('[data-test-id=collection-parameter-option]:visible');
      await options.first().waitFor({ timeout: 5000 }).catch(() => {});
      if ((await options.count()) === 0) {
        await page.keyboard.press('Escape');
        break;
      }
      added.push(await options.first().innerText());
      await options.first().click();
      await page.waitForTimeout(300);
    }
    const rows = ndv.locator('[data-test-id=node-parameters] [data-test-id=fixed-collection-add]');
    for (const row of await rows.all()) {
      // Poll Times already has a row; add one to the collections inside Options (State Mapping).
      if (await row.evaluate((el) => !!el.closest('[data-test-id=fixed-collection-pollTimes]'))) continue;
      await row.click();
    }
    return added;
  }

  /** Labels in the node's parameters that n8n cuts with an ellipsis. */
  async function cutParameterLabels() {
    return ndv.locator('[data-test-id=node-parameters]').evaluate((root) => {
      const cut = [];
      for (const label of root.querySelectorAll('[data-test-id=input-label] label, .n8n-input-label, [class*=_title_] span')) {
        for (const el of [label, ...label.querySelectorAll('*')]) {
          if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1 && el.textContent.trim()) cut.push(el.textContent.trim());
        }
      }
      return [...new Set(cut)];
    });
  }

  /** Closes the NDV and waits for the canvas. */
  async function closeNdv() {
    await ndv.locator('[data-test-id=ndv-close-button]').click();
    await ndv.waitFor({ state: 'hidden' });
  }

  /** Opens a credential from Overview > Credentials; returns the test banner's text. */
  async function credentialTest(name) {
    await page.goto(`${url}/home/credentials`);
    await page.locator('[data-test-id=resources-list-item]').first().waitFor();
    await page.locator('[data-test-id=resources-list-item]', { hasText: name }).first().click();
    const modal = page.locator('[data-test-id=editCredential-modal]');
    await modal.waitFor();
    const banner = modal.locator('[data-test-id^=credentials-config-container-test]').first();
    await banner.waitFor();
    const text = await banner.innerText();
    return { text, modal };
  }

  return {
    page,
    shots,
    shot,
    searchResults,
    panelEntry,
    openWorkflow,
    canvasReport: () => canvasReport(page),
    addFromPanel,
    nodeTitle,
    workflowId,
    pickFromList,
    typeId,
    runStep,
    toasts,
    closeToasts,
    addAllOptions,
    cutParameterLabels,
    closeNdv,
    credentialTest,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Every node on the canvas with its name and subtitle, and what is wrong: a raw subtitle, a name
 * or subtitle cut with an ellipsis, a sticky note over a node, or a sticky note's text cut off.
 */
async function canvasReport(page) {
  return page.evaluate((rawSource) => {
    const raw = new RegExp(rawSource);
    const rect = (el) => el.getBoundingClientRect();
    const overlap = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const nodes = [...document.querySelectorAll('[data-test-id=canvas-node]')].map((el) => {
      const label = el.querySelector('[class*=_label_]');
      const subtitle = el.querySelector('[class*=_subtitle_]');
      const description = el.querySelector('[class*=_description_]');
      const box = rect(el.querySelector('[data-test-id=canvas-default-node], [data-test-id=canvas-trigger-node]') ?? el);
      const below = description ? rect(description) : box;
      return {
        name: el.getAttribute('data-node-name'),
        type: el.getAttribute('data-node-type'),
        label: label?.textContent.trim() ?? '',
        subtitle: subtitle?.textContent.trim() ?? '',
        labelCut: !!label && label.scrollHeight > label.clientHeight + 1,
        subtitleCut: !!subtitle && subtitle.scrollWidth > subtitle.clientWidth + 1,
        area: { left: Math.min(box.left, below.left), right: Math.max(box.right, below.right), top: box.top, bottom: Math.max(box.bottom, below.bottom) },
      };
    });
    const stickies = [...document.querySelectorAll('[data-test-id=sticky]')].map((el) => {
      const box = rect(el);
      // The note's rendered text: its last block must end inside the note.
      const blocks = [...el.querySelectorAll('h1, h2, h3, p, li')];
      const textBottom = Math.max(...blocks.map((b) => rect(b).bottom), box.top);
      return { text: el.innerText.trim().split('\n')[0], box: box.toJSON(), textCut: textBottom > box.bottom + 1, covers: nodes.filter((n) => overlap(box, n.area)).map((n) => n.name) };
    });
    const problems = [];
    for (const n of nodes) {
      if (raw.test(n.subtitle)) problems.push(`${n.name}: raw subtitle "${n.subtitle}"`);
      if (n.labelCut) problems.push(`${n.name}: name cut off`);
      if (n.subtitleCut) problems.push(`${n.name}: subtitle "${n.subtitle}" cut off`);
    }
    for (const s of stickies) {
      if (s.covers.length) problems.push(`sticky "${s.text}" covers ${s.covers.join(', ')}`);
      if (s.textCut) problems.push(`sticky "${s.text}": text cut off at the bottom`);
    }
    return { nodes: nodes.map(({ area, ...n }) => n), stickies: stickies.map(({ box, ...s }) => s), problems };
  }, rawSubtitle.source);
}
