// A web-test-runner reporter that records the real pass/fail/skip totals, overall and per engine, for the summary
// lines of `npm test`.
import { mkdirSync, writeFileSync } from 'node:fs';

const count = (suite, totals) => {
  for (const test of suite?.tests ?? []) {
    if (test.skipped) totals.skipped++;
    else if (test.passed) totals.passed++;
    else totals.failed++;
  }
  for (const child of suite?.suites ?? []) count(child, totals);
};

const empty = () => ({ passed: 0, failed: 0, skipped: 0, errors: 0 });

export const totalsReporter = (file = '.test-results/unit.json') => ({
  onTestRunFinished({ sessions }) {
    const totals = { ...empty(), engines: {} };
    for (const session of sessions) {
      const engine = (totals.engines[session.browser.name] ??= empty());
      count(session.testResults, engine);
      // A file that failed to load or threw outside a test counts as a failure of its own.
      if (!session.passed && (session.errors?.length ?? 0) > 0) engine.errors++;
    }
    for (const engine of Object.values(totals.engines)) {
      for (const key of Object.keys(engine)) totals[key] += engine[key];
    }
    mkdirSync('.test-results', { recursive: true });
    writeFileSync(file, JSON.stringify(totals));
  },
});
