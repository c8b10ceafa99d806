// A web-test-runner reporter that records the real pass/fail totals, for the summary line of `npm test`.
import { mkdirSync, writeFileSync } from 'node:fs';

const count = (suite, totals) => {
  for (const test of suite?.tests ?? []) {
    if (test.skipped) totals.skipped++;
    else if (test.passed) totals.passed++;
    else totals.failed++;
  }
  for (const child of suite?.suites ?? []) count(child, totals);
};

export const totalsReporter = (file = '.test-results/unit.json') => ({
  onTestRunFinished({ sessions }) {
    const totals = { passed: 0, failed: 0, skipped: 0, errors: 0 };
    for (const session of sessions) {
      count(session.testResults, totals);
      // A file that failed to load or threw outside a test counts as a failure of its own.
      if (!session.passed && (session.errors?.length ?? 0) > 0) totals.errors++;
    }
    mkdirSync('.test-results', { recursive: true });
    writeFileSync(file, JSON.stringify(totals));
  },
});
