// Opens every story of the static Storybook build in Chromium: it must render with no error,
// and axe-core must report no violation (WCAG 2.2 AA rules). Writes totals for `npm test`.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { launch } from './chromium.js';
import { serve } from './static-server.js';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');
const index = JSON.parse(readFileSync('storybook-static/index.json', 'utf8'));
const stories = Object.values(index.entries).filter((entry) => entry.type === 'story');

const server = await serve({ mounts: { '/': 'storybook-static' } });
const browser = await launch();
const totals = { passed: 0, failed: 0 };

/** Opens one story and returns what went wrong with it: errors, failed requests, axe violations. */
const check = async (story) => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // Failed requests are reported with their URL below; the console line for them has none.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      errors.push(`console error: ${message.text()}`);
    }
  });
  page.on('response', (response) => {
    // Storybook's iframe page names no icon, so the browser asks for /favicon.ico: not a story failure.
    if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) {
      errors.push(`HTTP ${response.status()}: ${response.url()}`);
    }
  });
  try {
    await page.goto(`${server.url}/iframe.html?id=${story.id}&viewMode=story`, { waitUntil: 'load' });
    await page.waitForFunction(() => document.querySelector('#storybook-root')?.childElementCount, null, {
      timeout: 15_000,
    });
    // Let lazy chunks load and the memory backend answer; stories mark themselves busy while loading.
    await page.waitForTimeout(600);
    if (await page.evaluate(() => document.body.classList.contains('sb-show-errordisplay'))) {
      errors.push(`render error: ${await page.textContent('#error-message')}`);
    }
    await page.addScriptTag({ path: axePath });
    const violations = await page.evaluate(async () => {
      const result = await window.axe.run(document.querySelector('#storybook-root'), {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
        rules: { region: { enabled: false } },
      });
      return result.violations.map(
        (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      );
    });
    errors.push(...violations.map((v) => `axe: ${v}`));
  } catch (error) {
    errors.push(String(error));
  }
  await page.close();
  return errors;
};

// Two stories at a time, one per core: each page mostly waits on its own timers and the axe run.
const queue = [...stories];
const worker = async () => {
  for (let story; (story = queue.shift());) {
    const errors = await check(story);
    if (errors.length) {
      totals.failed++;
      console.log(`✘ ${story.title} / ${story.name}\n    ${errors.join('\n    ')}`);
    } else {
      totals.passed++;
      console.log(`✔ ${story.title} / ${story.name}`);
    }
  }
};
await Promise.all([worker(), worker()]);

await browser.close();
await server.close();
mkdirSync('.test-results', { recursive: true });
writeFileSync('.test-results/stories.json', JSON.stringify(totals));
console.log(`stories: ${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed ? 1 : 0);
