// Size gate: gzip (and brotli, reported) of each budget in size-budgets.json.
// For ES module entries it bundles the published files with their dependencies the way an app's bundler
// would, with code splitting, so "initialOnly" counts just what loads before the first lazy import.
// For the script tag it reads the chunk build's record (dist/service-hall.chunks.json): "scriptTag" is
// "largest" (the largest chunk), "hall" (the loader, the panel with its imports and the largest catalogue:
// what is loaded by the time the hall shows) or "all" (the loader and every chunk it can ever load); chunks
// only the sample backend uses are left out unless the budget names "memory". Files are compressed one by
// one, as they travel.
// `--write` puts the current table in README.md; without it, a README that drifts from the budgets fails.
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const { budgets } = JSON.parse(readFileSync('size-budgets.json', 'utf8'));
const gzip = (code) => gzipSync(code, { level: 9 }).length;
const brotli = (code) => brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

const LOADER = 'dist/service-hall.iife.js';
const CATALOGUE = /^service-hall\.(en|zh-CN|zh-TW)-/;

/** The script tag's files for a budget, by the chunk build's record. */
const scriptTagFiles = (kind) => {
  const { files, entries } = JSON.parse(readFileSync('dist/service-hall.chunks.json', 'utf8'));
  const reach = (starts, { dynamic = true, skip = [] } = {}) => {
    const seen = new Set();
    const visit = (file) => {
      if (seen.has(file) || skip.includes(file)) return;
      seen.add(file);
      for (const dep of [...files[file].imports, ...(dynamic ? files[file].dynamicImports : [])]) visit(dep);
    };
    starts.forEach(visit);
    return seen;
  };
  const size = (file) => readFileSync(`dist/${file}`).length;
  const largest = (list) => [...list].sort((a, b) => size(b) - size(a))[0];
  const inDist = (list) => [...list].map((file) => `dist/${file}`);
  // Every entry the loader can fetch (the panel, the HTTP client) with what it loads, but the sample backend.
  const widget = reach(
    Object.values(entries).filter((file) => file !== entries.memory),
    { skip: [entries.memory] },
  );
  if (kind === 'largest') return inDist([largest(Object.keys(files))]);
  if (kind === 'memory') return inDist([...reach([entries.memory])].filter((file) => !widget.has(file)));
  if (kind === 'hall') {
    const catalogue = largest(Object.keys(files).filter((file) => CATALOGUE.test(file)));
    return [LOADER, ...inDist([...reach([entries.panel], { dynamic: false }), catalogue])];
  }
  return [LOADER, ...inDist(widget)];
};

const measure = async ({ file, entry, scriptTag, initialOnly, external = [] }) => {
  if (file) {
    const code = readFileSync(file);
    return { gzip: gzip(code), brotli: brotli(code) };
  }
  if (scriptTag) {
    const paths = scriptTagFiles(scriptTag);
    const codes = paths.map((path) => readFileSync(path));
    const sum = (measure) => codes.reduce((total, code) => total + measure(code), 0);
    return { gzip: sum(gzip), brotli: sum(brotli), files: paths };
  }
  const outdir = join(tmpdir(), `sh-size-${process.pid}`);
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    splitting: true,
    format: 'esm',
    minify: true,
    write: false,
    metafile: true,
    outdir,
    external,
    platform: 'browser',
    conditions: ['production'],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  });
  const contents = new Map(result.outputFiles.map((f) => [relative(process.cwd(), f.path), f.contents]));
  const outputs = result.metafile.outputs;
  // Lazily imported chunks are entry points to esbuild too: start from the budget's own.
  const start = Object.keys(outputs).find((path) => outputs[path].entryPoint === entry);
  const wanted = new Set();
  const visit = (path) => {
    if (wanted.has(path)) return;
    wanted.add(path);
    for (const dep of outputs[path].imports) {
      if (!dep.external && (!initialOnly || dep.kind === 'import-statement')) visit(dep.path);
    }
  };
  visit(start);
  // Concatenate before compressing: one number comparable with the single-file budgets.
  const code = Buffer.concat([...wanted].map((path) => contents.get(path)));
  return { gzip: gzip(code), brotli: brotli(code) };
};

const rows = [];
let failed = 0;
for (const budget of budgets) {
  const size = await measure(budget);
  const ok = budget.limit === undefined || size.gzip <= budget.limit;
  const met = budget.bar === undefined || size.gzip <= budget.bar;
  if (!ok) failed++;
  rows.push({ ...budget, ...size, ok, met });
  const bar = budget.bar === undefined ? '' : `, bar ${kb(budget.bar)} ${met ? 'met' : 'NOT met'}`;
  const limit = budget.limit === undefined ? '' : ` (limit ${kb(budget.limit)}${bar})`;
  console.log(`${ok ? '✔' : '✘'} ${budget.name}: ${kb(size.gzip)} gzip, ${kb(size.brotli)} brotli${limit}`);
}

const table = [
  '| what | gzip | brotli | DESIGN bar | build fails above |',
  '| --- | --- | --- | --- | --- |',
  ...rows.map(
    (r) =>
      `| ${r.name} | ${kb(r.gzip)} | ${kb(r.brotli)} | ${r.bar ? `${kb(r.bar)} ${r.met ? '✔' : '✘ not met'}` : '–'} | ${r.limit ? kb(r.limit) : 'reported only'} |`,
  ),
].join('\n');
const readme = readFileSync('README.md', 'utf8');
const block = /<!-- sizes:start -->[\s\S]*<!-- sizes:end -->/;
const fresh = `<!-- sizes:start -->\n${table}\n<!-- sizes:end -->`;
if (process.argv.includes('--write')) {
  writeFileSync('README.md', readme.replace(block, fresh));
} else {
  // The README quotes the budgets; it must name the same limits as the budget file.
  const quoted = readme.match(block)?.[0] ?? '';
  for (const r of rows) {
    const line = quoted.split('\n').find((l) => l.startsWith(`| ${r.name} |`)) ?? '';
    if (!line || (r.limit && !line.endsWith(`| ${kb(r.limit)} |`)) || (r.bar && !line.includes(`| ${kb(r.bar)} `))) {
      console.log(
        `✘ README.md's size table does not match size-budgets.json for "${r.name}"; run npm run size -- --write`,
      );
      failed++;
    }
  }
}
process.exit(failed ? 1 : 0);
