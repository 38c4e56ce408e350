// A new user's walk through the editor, in headless Chromium: the node panel, every example on
// the canvas, a new node of each vendor set through both pickers, a bad id, a trigger's test
// event, and each credential's test. Registered inside the e2e suite (it needs its n8n and
// simulator); screenshots go to test-artifacts/n8n-e2e/.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CIRRUS_STATUSES, TALKDESK_STATUSES, VONAGE_STATUSES } from '@agent-presence/simulator';
import { loadExamples } from '../src/examples.mjs';
import { nodeItems } from '../src/n8n.mjs';
import { nodePackages } from '../src/paths.mjs';
import { log, waitFor } from '../src/proc.mjs';
import { pickTarget } from '../src/workflows.mjs';
import { openEditor, panelNames } from './browser.mjs';

const catalogs = { cirrus: CIRRUS_STATUSES, vonage: VONAGE_STATUSES, talkdesk: TALKDESK_STATUSES };
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The id of a workflow's newest execution (0 if none). */
async function newestExecution(n8n, workflowId) {
  if (!workflowId) return 0;
  return Math.max(0, ...(await n8n.executions(workflowId)).map((e) => Number(e.id)));
}

/** The items a node output in the first execution after `seen`: what the editor just showed. */
async function itemsAfter(n8n, workflowId, nodeName, seen) {
  const id = await waitFor(async () => {
    const newest = await newestExecution(n8n, workflowId);
    return newest > seen && newest;
  }, { timeoutMs: 15_000, intervalMs: 250, what: `the execution of ${nodeName}` });
  return nodeItems((await n8n.execution(id)).data.resultData.runData, nodeName);
}

/**
 * @param ctx the suite's running parts: url(), n8n(), control(), outDir, credentialNames() (the
 *   credentials imported)
 */
export function walkTests(ctx) {
  describe('a new user walks the editor (headless Chromium)', () => {
    let editor;
    /** A test body that keeps a screenshot of the screen when it fails. */
    const step = (name, fn) => async () => {
      try {
        await fn();
      } catch (err) {
        await editor?.shot(`failed-${name}`).catch(() => {});
        throw err;
      }
    };
    before(async () => {
      editor = await openEditor({ url: ctx.url(), outDir: ctx.outDir });
    });
    after(async () => {
      if (editor) log(`screenshots: ${editor.shots.join(', ')}`);
      await editor?.close();
    });

    it("the node panel: each vendor's entry, with its icon, says what it holds and lists its triggers and actions", { timeout: 120_000 }, step('node-panel', async () => {
      for (const pkg of nodePackages) {
        const { iconWidth, listedDescription, text } = await editor.panelEntry(pkg);
        assert.ok(iconWidth > 0, `${pkg.vendor}: the node icon loaded`);
        // n8n shows the trigger's description for the merged entry: it must cover the actions too.
        for (const d of [listedDescription, text]) {
          assert.match(d, /Start a workflow when/, `${pkg.vendor}: the entry mentions the trigger`);
          assert.match(d, /get and set/, `${pkg.vendor}: the entry mentions the actions`);
        }
        const names = panelNames(pkg.shortName);
        assert.ok(text.includes(`Triggers (${names.triggers.length})`), `${pkg.vendor}: ${names.triggers.length} trigger events`);
        assert.ok(text.includes(`Actions (${names.actions.length})`), `${pkg.vendor}: ${names.actions.length} actions`);
        for (const a of [...names.actions, ...names.triggers]) assert.ok(text.includes(a), `${pkg.vendor}: "${a}" is listed`);
      }
    }));

    it('search finds our nodes by vendor, other vendor names and what they do', { timeout: 120_000 }, step('search', async () => {
      const vonage = await editor.searchResults('vonage');
      log(`search "vonage": ${vonage.join(' | ')}`);
      // n8n adds its own nodes' popularity to their score, so its Vonage (SMS) node stays first.
      assert.ok([0, 1].includes(vonage.indexOf('Vonage Contact Center Presence')), `ours is first or second: ${vonage}`);
      for (const [query, expected] of [
        ['newvoicemedia', 'Vonage Contact Center Presence'],
        ['vonage presence', 'Vonage Contact Center Presence'],
        ['commbox', 'Cirrus Presence'],
        ['talkdesk', 'Talkdesk Presence'],
      ]) {
        const results = await editor.searchResults(query);
        assert.equal(results[0], expected, `"${query}" lists ${expected} first: ${results}`);
      }
      const presence = await editor.searchResults('agent presence');
      for (const pkg of nodePackages) assert.ok(presence.includes(pkg.actionName), `"agent presence" lists ${pkg.actionName}: ${presence}`);
      await editor.shot('node-panel-search-agent-presence');
    }));

    for (const { file, workflow } of loadExamples()) {
      it(`example ${file}: readable node names and subtitles, notes clear of the nodes`, { timeout: 60_000 }, step(`example-${file}`, async () => {
        const canvas = await editor.openWorkflow(workflow.id, file.replace(/\.json$/, ''));
        assert.deepEqual(canvas.problems, []);
        const ours = canvas.nodes.filter((n) => n.type.startsWith('@agent-presence/'));
        assert.equal(ours.length, workflow.nodes.filter((n) => n.type.startsWith('@agent-presence/')).length, 'every node of ours is drawn');
        for (const n of ours) assert.ok(n.subtitle, `${n.name} has a subtitle`);
        assert.equal(canvas.stickies.length, workflow.nodes.filter((n) => n.type === 'n8n-nodes-base.stickyNote').length, 'every note is drawn');
      }));
    }

    for (const pkg of nodePackages) {
      it(`${pkg.displayName}: a new Set node, named for the vendor, sets a presence from the lists and by ID, and a bad ID says what is wrong`, { timeout: 180_000 }, step(`set-${pkg.vendor}`, async () => {
        const control = ctx.control();
        const setName = `Set ${pkg.shortName} presence`;
        await editor.addFromPanel(pkg, setName);
        assert.equal(await editor.nodeTitle(), setName, 'the new node is named after the action, with the vendor');

        // From the lists: the first agent, and a status it does not have.
        const agents = await editor.pickFromList('agent', /\S/);
        assert.ok(agents.length > 0, 'the agent list has entries');
        const before = (await control.state(pkg.vendor)).agents;
        const first = before.find((a) => agents[0].includes(a.agentId));
        assert.ok(first, `the first listed agent (${agents[0]}) is a simulator agent`);
        const target = pickTarget(pkg.vendor, first.statusId);
        const targetName = catalogs[pkg.vendor].find((st) => st.id === target).name;
        // The status list reads "<name> (<common state>)", or "<name>" when they are the same word.
        await editor.pickFromList('status', new RegExp(`^${escape(targetName)}( \\(|$)`, 'i'));
        const listed = await editor.runStep();
        assert.ok(!listed.error, listed.error);
        let seen = 0;
        const [setItem] = await itemsAfter(ctx.n8n(), editor.workflowId(), setName, seen);
        seen = await newestExecution(ctx.n8n(), editor.workflowId());
        assert.equal(setItem?.agentId, first.agentId, 'the output is the agent set');
        assert.equal(setItem.status.id, target);
        assert.ok(agents[0].startsWith(`${setItem.name} (`), `the output names the agent the list showed: ${setItem.name} / ${agents[0]}`);
        assert.equal((await control.state(pkg.vendor)).agents.find((a) => a.agentId === first.agentId).statusId, target, 'the simulator has the new status');
        await editor.shot(`set-${pkg.vendor}-from-list`);

        // By ID: another agent, the same status.
        const other = before.find((a) => a.agentId !== first.agentId && a.statusId !== target);
        await editor.typeId('agent', other.agentId);
        const byId = await editor.runStep();
        assert.ok(!byId.error, byId.error);
        assert.equal((await itemsAfter(ctx.n8n(), editor.workflowId(), setName, seen))[0]?.agentId, other.agentId);
        assert.equal((await control.state(pkg.vendor)).agents.find((a) => a.agentId === other.agentId).statusId, target, 'set by ID reached the simulator');
        await editor.shot(`set-${pkg.vendor}-by-id`);

        // A bad ID: the run is refused with a message naming the node and the fix.
        await editor.typeId('agent', 'not an id!');
        const bad = await editor.runStep();
        assert.ok(bad.error, `a bad id is refused: ${JSON.stringify(bad).slice(0, 300)}`);
        assert.ok(bad.error.includes(setName), `the message names the node: ${bad.error}`);
        assert.match(bad.error, /id/i, `the message says what an id looks like: ${bad.error}`);
        await editor.shot(`set-${pkg.vendor}-bad-id`);
        await editor.closeToasts();

        // Every option added: no label is cut off.
        const options = await editor.addAllOptions();
        assert.ok(options.length >= 3, `options added: ${options}`);
        assert.deepEqual(await editor.cutParameterLabels(), [], 'no parameter label is cut off');
        await editor.shot(`set-${pkg.vendor}-options`);

        await editor.closeNdv();

        const canvas = await editor.canvasReport();
        assert.deepEqual(canvas.problems, []);
        assert.equal(canvas.nodes.find((n) => n.name === setName)?.subtitle, 'Set presence', 'the subtitle reads like n8n\'s own nodes');
        await editor.shot(`set-${pkg.vendor}-canvas`);
      }));

      it(`${pkg.displayName}: a new trigger's Fetch Test Event shows change items; its options' labels fit`, { timeout: 180_000 }, step(`trigger-${pkg.vendor}`, async () => {
        await editor.addFromPanel(pkg, 'On state change', { trigger: true });
        const triggerName = `${pkg.actionName} Trigger`;
        assert.equal(await editor.nodeTitle(), triggerName);
        const sample = await editor.runStep({ trigger: true });
        assert.ok(!sample.error, sample.error);
        const items = await itemsAfter(ctx.n8n(), editor.workflowId(), triggerName, 0);
        assert.ok(items.length > 0, 'the test event has items');
        for (const item of items) {
          assert.equal(item.vendor, pkg.vendor);
          assert.ok(item.agentId && item.event && item.current, `a change item: ${JSON.stringify(item).slice(0, 200)}`);
          assert.ok(typeof item.name === 'string' && item.name.length > 0, `the item names its agent: ${JSON.stringify(item).slice(0, 200)}`);
        }
        await editor.shot(`trigger-${pkg.vendor}-test-event`);
        const options = await editor.addAllOptions();
        assert.ok(options.length >= 3, `options added: ${options}`);
        assert.deepEqual(await editor.cutParameterLabels(), [], 'no parameter label is cut off');
        await editor.shot(`trigger-${pkg.vendor}-options`);
        await editor.closeNdv();
        const canvas = await editor.canvasReport();
        assert.deepEqual(canvas.problems, []);
      }));
    }

    it("each credential's test passes from its page", { timeout: 120_000 }, step('credentials', async () => {
      for (const name of ctx.credentialNames()) {
        const { text } = await editor.credentialTest(name);
        assert.match(text, /Connection tested successfully/, `${name}: ${text}`);
        await editor.shot(`credential-${name.replace(/\W+/g, '-').toLowerCase()}`);
      }
    }));
  });
}
