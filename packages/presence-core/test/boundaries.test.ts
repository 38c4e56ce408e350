import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// Core is bundled into the n8n packages, whose scanner bans these; the lint rule must catch them.
// ESLint runs in its own process, as `npm run lint` runs it (it loads its config by dynamic import).
const root = join(__dirname, '..');
const eslintBin = join(require.resolve('eslint'), '../../bin/eslint.js');

function lintAs(file: string, code: string): string[] {
  const run = spawnSync(process.execPath, [eslintBin, '--stdin', '--stdin-filename', file, '--format', 'json'], { cwd: root, input: code, encoding: 'utf8' });
  const [result] = JSON.parse(run.stdout) as Array<{ messages: Array<{ ruleId: string | null; message: string }> }>;
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('the core boundary lint rule', () => {
  it.each([
    ['process.env.X;', 'no-restricted-globals'],
    ['globalThis.x = 1;', 'no-restricted-globals'],
    ['setTimeout(() => 1, 5);', 'no-restricted-globals'],
    ["import { NodeApiError } from 'n8n-workflow';\nexport const x = NodeApiError;", 'no-restricted-imports'],
    ["import { request } from 'undici';\nexport const x = request;", 'no-restricted-imports'],
    ["import { readFileSync } from 'node:fs';\nexport const x = readFileSync;", 'no-restricted-imports'],
    ['export const f = new Function("return 1");', 'no-restricted-syntax'],
  ])('refuses %s in core source', (code, rule) => {
    expect(lintAs('src/example.ts', code)).toContain(rule);
  });

  it('allows them in the undici adapter only', () => {
    expect(lintAs('src/transports/undici.ts', "import { request } from 'undici';\nexport const x = request;\nsetTimeout(() => 1, 5);")).toEqual([]);
  });
});
