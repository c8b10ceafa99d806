import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodeResolve from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import type { Plugin, RollupOptions } from 'rollup';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { minifyTemplateLiterals } from 'rollup-plugin-minify-template-literals';

const production = () =>
  replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } });

/**
 * The script tag promises one global, `ServiceHall`. Lit records its versions on `globalThis` and
 * nanostores shares an epoch counter there; inside one self-contained bundle neither is needed, so
 * those writes are rewritten. The build fails if a pattern stops matching after an upgrade.
 */
const noLibraryGlobals = (): Plugin => {
  const rewrites: [RegExp, string, prefix?: string][] = [
    // Decorator metadata, unused without decorators; a module-local map keeps Lit's own references working.
    [/\w+\.litPropertyMetadata\?\?=new WeakMap/, '0', 'const litPropertyMetadata=new WeakMap;'],
    [/\(\w+\.litHtmlVersions\?\?=\[\]\)\.push\("[\d.]+"\)/, '0'],
    [/\(\w+\.reactiveElementVersions\?\?=\[\]\)\.push\("[\d.]+"\)/, '0'],
    [/\(\w+\.litElementVersions\?\?=\[\]\)\.push\("[\d.]+"\)/, '0'],
    [/\(globalThis\.nanostoresGlobal \|\|= \{ epoch: 0 \}\)/, '{ epoch: 0 }'],
  ];
  const seen = new Set<RegExp>();
  return {
    name: 'no-library-globals',
    transform(code) {
      let out = code;
      for (const [pattern, replacement, prefix = ''] of rewrites) {
        if (pattern.test(out)) {
          out = prefix + out.replace(pattern, replacement);
          seen.add(pattern);
        }
      }
      return out === code ? null : { code: out, map: null };
    },
    buildEnd() {
      const missing = rewrites.filter(([pattern]) => !seen.has(pattern));
      if (missing.length) this.error(`no-library-globals: patterns not found: ${missing.map(([p]) => p).join(', ')}`);
    },
  };
};

/** A script-tag chunk's integrity and what it imports (file names, relative to the loader's folder). */
interface ChunkRecord {
  integrity: string;
  imports: string[];
  dynamicImports: string[];
}

/** What the chunk build hands the loader build, and `scripts/size.js`: every chunk, and the entries. */
export interface ChunkManifest {
  files: Record<string, ChunkRecord>;
  entries: Record<string, string>;
}

const MANIFEST = 'dist/service-hall.chunks.json';

/**
 * Records each chunk as written: its Subresource Integrity hash (of the final bytes, sourcemap comment
 * included) and its imports. The loader build reads the record (the builds run in order).
 */
const chunkManifest = (): Plugin => ({
  name: 'chunk-manifest',
  async writeBundle({ dir = 'dist' }, bundle) {
    const manifest: ChunkManifest = { files: {}, entries: {} };
    for (const file of Object.values(bundle)) {
      if (!file.fileName.endsWith('.js')) continue;
      if (file.type === 'asset') {
        // A worker script: loaded by name, with no dependencies, and without integrity, which workers do not take.
        manifest.files[file.fileName] = { integrity: '', imports: [], dynamicImports: [] };
        manifest.entries[file.names[0]!.replace(/\.js$/, '')] = file.fileName;
        continue;
      }
      const bytes = await readFile(join(dir, file.fileName));
      // sha256 rather than sha384: as safe against a changed file, and 20 incompressible bytes fewer per chunk in the loader.
      const integrity = `sha256-${createHash('sha256').update(bytes).digest('base64')}`;
      manifest.files[file.fileName] = { integrity, imports: file.imports, dynamicImports: file.dynamicImports };
      if (file.isEntry) manifest.entries[file.name] = file.fileName;
    }
    await writeFile(MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
  },
});

/**
 * The loader build: the modules that import a lazily loaded part are swapped for the chunk loader's
 * stand-in (src/embed/loader/imports.ts), `service-hall:manifest` is the chunk build's record, and `lit`
 * is only its tiny style helpers (the launcher is plain DOM; the build fails if anything else of Lit is
 * imported). The build fails, too, if a swap stops matching after a refactor.
 */
const loaderBuild = (): Plugin => {
  const swaps = ['src/embed/register.ts', 'src/adapters/memory/index.ts', 'src/adapters/http/index.ts'];
  const seen = new Set<string>();
  return {
    name: 'loader-build',
    async resolveId(source, importer) {
      if (source === 'service-hall:manifest') return '\0service-hall:manifest';
      if (source === 'lit') return (await this.resolve('@lit/reactive-element/css-tag.js', importer))?.id;
      const swap = swaps.find((path) => importer?.endsWith(path));
      if (swap && (source === './load.js' || source === './load-panel.js')) {
        seen.add(swap);
        return (await this.resolve('./src/embed/loader/imports.ts', undefined))?.id;
      }
      return null;
    },
    async load(id) {
      if (id !== '\0service-hall:manifest') return null;
      const { files, entries } = JSON.parse(await readFile(MANIFEST, 'utf8')) as ChunkManifest;
      const table = Object.fromEntries(Object.entries(files).map(([file, c]) => [file, [c.integrity, ...c.imports]]));
      return `export const files = ${JSON.stringify(table)};\nexport const entries = ${JSON.stringify(entries)};`;
    },
    buildEnd() {
      const missing = swaps.filter((path) => !seen.has(path));
      if (missing.length) this.error(`loader-build: no lazy import swapped in ${missing.join(', ')}`);
    },
  };
};

/**
 * The whitespace inside Lit's html`` and css`` templates, which minifiers leave alone, then TypeScript out,
 * minified by esbuild unless the output is minified by terser.
 */
const compile = (target: string, minify = true) => [
  // Only our sources: Lit's are minified already. The token sheet is left out because its dark palette is a
  // declaration list shared by two rules, which the CSS minifier cannot parse on its own (it would warn and
  // skip the file anyway).
  minifyTemplateLiterals({ include: 'src/**/*.ts', exclude: 'src/elements/tokens.styles.ts' }),
  esbuild({ target, minify, charset: 'utf8', tsconfig: 'tsconfig.json' }),
];

/**
 * The self-contained files are minified by terser instead: its two compress passes make the script tag
 * 2.2 KB smaller gzipped than esbuild's one. On the ES modules, whose dependencies are external, it gains
 * nothing and doubles the build time.
 */
const terse = () => terser({ ecma: 2020, compress: { passes: 2 } });

/**
 * A source file copied into the output as it is: `output` is its file name there, or, with `hashed`, the name
 * that the output's `assetFileNames` turns into a content-hashed one.
 */
const copied = (source: string, output: string, hashed = false): Plugin => ({
  name: `copy ${source}`,
  async buildStart() {
    this.addWatchFile(source);
    const text = await readFile(source, 'utf8');
    this.emitFile({ type: 'asset', ...(hashed ? { name: output } : { fileName: output }), source: text });
  },
});

const config: RollupOptions[] = [
  // ES modules for bundlers: dependencies stay external so the app dedupes them; the panel is a lazy chunk.
  {
    input: {
      index: 'src/index.ts',
      define: 'src/embed/define.ts',
      preact: 'src/preact/index.ts',
    },
    external: [/^lit($|\/)/, /^@lit\//, /^nanostores/, /^@nanostores\//, /^fuse\.js/, /^preact($|\/)/],
    output: {
      dir: 'dist',
      format: 'es',
      chunkFileNames: 'chunks/[name]-[hash].js',
      sourcemap: true,
    },
    plugins: [nodeResolve(), ...compile('es2022')],
  },
  // The script tag's chunks, fetched by the loader on intent or at idle: classic scripts in rollup's AMD
  // shape, handing their modules to `ServiceHall.d` (src/embed/loader/chunks.ts explains why), each with a
  // content hash in its name so that it can be cached forever. The sample backend is one of them.
  {
    input: {
      panel: 'src/embed/panel.ts',
      http: 'src/adapters/http/client.ts',
      memory: 'src/adapters/memory/backend.ts',
    },
    // The lazily loaded screens share the panel's modules: the panel chunk exports them too, rather than
    // becoming a facade over a second file on the hall's path.
    preserveEntrySignatures: 'allow-extension',
    output: {
      dir: 'dist',
      format: 'amd',
      amd: { define: 'ServiceHall.d', autoId: true, forceJsExtensionForImports: true },
      entryFileNames: 'service-hall.[name]-[hash].js',
      chunkFileNames: 'service-hall.[name]-[hash].js',
      assetFileNames: 'service-hall.[name]-[hash][extname]',
      // What the chunks share travels under one-letter names, as in the ES output.
      minifyInternalExports: true,
      // The few modules the panel shares with the adapters' clients travel together: one file, not three.
      manualChunks: (id) =>
        /src\/(core\/(adapter|highlight|intents|text)|state\/persist)\.ts$/.test(id) ? 'shared' : undefined,
      sourcemap: true,
      plugins: [terse(), chunkManifest()],
    },
    plugins: [
      nodeResolve({ browser: true, exportConditions: ['production'] }),
      production(),
      noLibraryGlobals(),
      // The Intl warm-up worker (src/embed/loader/imports.ts), beside the chunks, by content hash.
      copied('src/embed/loader/intl-worker.js', 'intl.js', true),
      ...compile('es2022', false),
    ],
  },
  // The script-tag file: the loader, with the chunk build's hashes in it. Built after the chunks.
  {
    input: 'src/embed/global.ts',
    output: { file: 'dist/service-hall.iife.js', format: 'iife', sourcemap: true, plugins: [terse()] },
    plugins: [
      loaderBuild(),
      nodeResolve({ browser: true, exportConditions: ['production'] }),
      production(),
      ...compile('es2022', false),
    ],
  },
  // The agent workbench, served by the reference server at /desk/: its own self-contained file, so that none
  // of it reaches the widget's bundles.
  {
    input: 'src/desk/main.ts',
    output: { dir: 'dist/desk', entryFileNames: 'desk.js', format: 'es', sourcemap: true, plugins: [terse()] },
    plugins: [
      nodeResolve({ browser: true, exportConditions: ['production'] }),
      production(),
      // The workbench's page, next to its script: the reference server serves the folder at /desk/.
      copied('src/desk/index.html', 'index.html'),
      ...compile('es2022', false),
    ],
  },
];

export default config;
