// Builds one n8n node package (run from its folder): each node and credential is
// bundled with esbuild into dist/ with presence-core and this shared glue inside,
// so the package has no runtime dependencies. n8n-workflow and zod stay external:
// n8n provides them at run time. Icons and codex files are copied beside the code.
import { build } from 'esbuild';
import { cpSync, globSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

const root = process.cwd();
const dist = join(root, 'dist');
rmSync(dist, { recursive: true, force: true });

const entryPoints = globSync(['nodes/**/*.node.ts', 'credentials/*.credentials.ts'], { cwd: root });
if (entryPoints.length === 0) throw new Error(`no nodes or credentials under ${root}`);

await build({
  entryPoints,
  outdir: dist,
  outbase: '.',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['n8n-workflow', 'zod', 'zod/*'],
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
});

for (const asset of globSync(['nodes/**/*.json', 'icons/*.svg'], { cwd: root })) {
  mkdirSync(dirname(join(dist, asset)), { recursive: true });
  cpSync(join(root, asset), join(dist, asset));
}
console.log(`built ${entryPoints.length} entry points into ${dist}`);
