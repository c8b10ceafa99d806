// `npm test`: every gate in one command — build, types, server import, lint, browser tests, size budgets, story smoke tests.
// Prints a closing `N passed, M failed` line with the real totals (tests plus gates) and exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const gates = [
  ['build', 'npm run build --silent'],
  ['types', 'npm run test:types --silent'],
  ['ssr', 'node scripts/ssr-check.js'],
  ['docs', 'node scripts/api-docs.js --check'],
  ['examples', 'npm run examples --silent'],
  ['lint', 'npm run test:lint --silent'],
  ['unit', 'npm run test:unit --silent -- --coverage', '.test-results/unit.json'],
  ['server', 'npm run test:server --silent'],
  ['size', 'npm run test:size --silent'],
  ['stories', 'npm run test:stories --silent', '.test-results/stories.json'],
];

rmSync('.test-results', { recursive: true, force: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
const report = [];
const started = Date.now();

for (const [name, command, resultsFile] of gates) {
  const t0 = Date.now();
  console.log(`\n▶ ${name}: ${command}`);
  const { status } = spawnSync(command, { shell: true, stdio: 'inherit' });
  const ok = status === 0;
  let detail = '';
  let engineLines = [];
  if (resultsFile && existsSync(resultsFile)) {
    const r = JSON.parse(readFileSync(resultsFile, 'utf8'));
    totals.passed += r.passed;
    totals.failed += r.failed + (r.errors ?? 0);
    totals.skipped += r.skipped ?? 0;
    detail = ` (${r.passed} passed, ${r.failed + (r.errors ?? 0)} failed)`;
    engineLines = Object.entries(r.engines ?? {}).map(
      ([engine, e]) => `    ${engine}: ${e.passed} passed, ${e.failed + e.errors} failed, ${e.skipped} skipped`,
    );
    // A runner that exits non-zero without a failing test still fails the gate.
    if (!ok && r.failed + (r.errors ?? 0) === 0) totals.failed++;
  } else if (ok) totals.passed++;
  else totals.failed++;
  report.push(`${ok ? '✔' : '✘'} ${name}${detail} ${((Date.now() - t0) / 1000).toFixed(1)} s`, ...engineLines);
}

console.log(`\n${report.join('\n')}\ntotal ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed ? 1 : 0);
