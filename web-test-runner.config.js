// Browser tests: every *.test.ts under src/ runs in each engine of scripts/engines.js (Chromium, Firefox, WebKit).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { browsers, enginePlugin } from './scripts/engines.js';
import { quickstartMiddleware } from './scripts/readme-quickstart.js';
import { totalsReporter } from './scripts/wtr-totals.js';
import { serviceHallServer } from './scripts/wtr-server.js';

const server = serviceHallServer();

export default {
  files: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  rootDir: '.',
  // One file at a time: files share the origin's localStorage, and a page in the background gets throttled timers.
  concurrency: 1,
  // Engines one after another: two cores cannot run three browsers' timers faithfully at once.
  concurrentBrowsers: 1,
  reporters: [defaultReporter(), totalsReporter()],
  testsFinishTimeout: 240_000,
  testFramework: { config: { timeout: 10_000 } },
  browsers: browsers(),
  plugins: [
    server,
    enginePlugin(),
    esbuildPlugin({
      ts: true,
      tsx: true,
      target: 'es2022',
      jsx: 'automatic',
      jsxImportSource: 'preact',
      tsconfig: 'tsconfig.json',
    }),
  ],
  middleware: [
    // msw's worker is served at the root, so that its scope covers every test page.
    (ctx, next) => {
      if (ctx.path === '/mockServiceWorker.js') ctx.url = '/node_modules/msw/lib/mockServiceWorker.js';
      return next();
    },
    quickstartMiddleware,
    server.deskProxy,
  ],
  // nanostores reads process.env.NODE_ENV; msw's worker is served from the project root.
  testRunnerHtml: (testFramework) => `<!doctype html><html><head><link rel="icon" href="data:,"></head><body>
    <script>window.process = { env: { NODE_ENV: 'development' } };</script>
    <script type="module" src="${testFramework}"></script></body></html>`,
  coverageConfig: {
    include: ['src/**/*.ts'],
    exclude: ['src/**/*.test.ts', 'src/test/**'],
    threshold: { statements: 60, branches: 50, functions: 50, lines: 60 },
  },
};
