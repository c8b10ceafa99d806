// Builds the reference server into dist/server/: one ESM bundle of server/cli.ts (dependencies stay packages,
// src/core is bundled in), plus its SQL migrations next to it, where server/db/connect.ts looks for them.
import { cpSync } from 'node:fs';
import { build } from 'esbuild';

await build({
  entryPoints: { cli: 'server/cli.ts', start: 'server/start.ts', demo: 'server/demo.ts' },
  outdir: 'dist/server',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
cpSync('server/db/migrations', 'dist/server/migrations', { recursive: true });
