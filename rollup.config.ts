import { readFile } from 'node:fs/promises';
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

/** In the script-tag build, the memory backend loads from its sibling file (src/embed/memory-loader.iife.ts). */
const memoryBackendBesideScript = (): Plugin => ({
  name: 'memory-backend-beside-script',
  async resolveId(source, importer) {
    if (source === './load.js' && importer?.endsWith('adapters/memory/index.ts')) {
      return (await this.resolve('./src/embed/memory-loader.iife.ts', undefined))?.id;
    }
    return null;
  },
});

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

/** The workbench's page, next to its script: the reference server serves the folder at /desk/. */
const deskPage = (): Plugin => ({
  name: 'desk-page',
  async buildStart() {
    const source = 'src/desk/index.html';
    this.addWatchFile(source);
    this.emitFile({ type: 'asset', fileName: 'index.html', source: await readFile(source, 'utf8') });
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
  // One self-contained file for a script tag.
  {
    input: 'src/embed/global.ts',
    output: {
      file: 'dist/service-hall.iife.js',
      format: 'iife',
      inlineDynamicImports: true,
      sourcemap: true,
      plugins: [terse()],
    },
    plugins: [
      nodeResolve({ browser: true, exportConditions: ['production'] }),
      production(),
      noLibraryGlobals(),
      memoryBackendBesideScript(),
      ...compile('es2022', false),
    ],
  },
  // The memory backend for the script-tag build, self-contained.
  {
    input: 'src/adapters/memory/backend.ts',
    output: { file: 'dist/service-hall.memory.js', format: 'es', sourcemap: true, plugins: [terse()] },
    plugins: [
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
      deskPage(),
      ...compile('es2022', false),
    ],
  },
];

export default config;
