import { parseChangeset, withBundledBumps } from '../src/bundled-bumps';

const nodes = ['@agent-presence/n8n-nodes-cirrus', '@agent-presence/n8n-nodes-talkdesk'];

describe('bundled-code bumps', () => {
  it('adds a patch bump of every n8n package to a changeset of presence-core', () => {
    const out = withBundledBumps('---\n"@agent-presence/presence-core": minor\n---\n\nFaster paging.\n', nodes)!;
    expect(parseChangeset(out)!.releases).toEqual(
      new Map([
        ['@agent-presence/presence-core', 'minor'],
        ['@agent-presence/n8n-nodes-cirrus', 'patch'],
        ['@agent-presence/n8n-nodes-talkdesk', 'patch'],
      ]),
    );
    expect(out.endsWith('\nFaster paging.\n')).toBe(true);
  });

  it('keeps a bigger bump the author chose, and leaves unrelated changesets alone', () => {
    const out = withBundledBumps("---\n'@agent-presence/n8n-shared': patch\n'@agent-presence/n8n-nodes-cirrus': minor\n---\nx\n", nodes)!;
    expect(parseChangeset(out)!.releases.get('@agent-presence/n8n-nodes-cirrus')).toBe('minor');
    expect(parseChangeset(out)!.releases.get('@agent-presence/n8n-nodes-talkdesk')).toBe('patch');
    expect(withBundledBumps('---\n"@agent-presence/n8n-nodes-cirrus": patch\n---\nx\n', nodes)).toBeUndefined();
    expect(withBundledBumps('not a changeset', nodes)).toBeUndefined();
  });
});
