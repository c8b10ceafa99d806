// `npm run screenshot`: the README's pictures, taken from the demo in Chromium after `npm run build`.
// docs/screenshot.png is the storefront with the help centre open (1280 × 800); docs/screenshot-mobile.png
// is the webview page on a 390 × 844 phone. Both in English, the README's language.
// docs/desk-queue.png and docs/desk-conversation.png are the agent workbench at 1280 × 800 on the reference
// server, after a VIP customer on the storefront complained about an order and asked for a person.
// docs/desk-metrics.png is the admin's metrics screen over the demo's generated month of history.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from './chromium.js';
import { buildDemo, serveDemo } from './demo-server.js';

await buildDemo();
const server = await serveDemo();
const browser = await launch();
const errors = [];

/**
 * Answers that are questions, not failures: the storefront asks whether it runs on the reference server, and
 * the workbench whether its agent is still signed in.
 */
const EXPECTED = [
  ['/demo/customer', 404],
  ['/api/desk/me', 401],
];

/** A page that records script errors, with animations off so that nothing is caught mid-transition. */
const open = async (options) => {
  const page = await browser.newPage({ reducedMotion: 'reduce', ...options });
  page.on('pageerror', (error) => errors.push(error.message));
  // Failed requests are judged by URL below; the console's line for them names none.
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      errors.push(message.text());
  });
  page.on('response', (response) => {
    const { pathname } = new URL(response.url());
    if (
      response.status() >= 400 &&
      !EXPECTED.some(([path, status]) => path === pathname && status === response.status())
    )
      errors.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return page;
};

/** The workbench on the reference server with its demo content, on a throwaway database. */
async function deskScreenshots() {
  const dataDir = mkdtempSync(join(tmpdir(), 'sh-screenshot-'));
  const port = await new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
  const url = `http://127.0.0.1:${port}`;
  const demo = spawn(
    process.execPath,
    [
      '-e',
      `import('./dist/server/demo.js').then((m) => m.startDemo({ port: ${port}, dataDir: process.argv[1] }))`,
      dataDir,
    ],
    { env: { ...process.env, LOG_LEVEL: 'warn', DATABASE_URL: '' }, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  try {
    for (
      let i = 0;
      !(await fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      ));
      i++
    ) {
      // PGlite's first start (migrations, content, the demo history) takes tens of seconds on a busy machine.
      if (i > 1200) throw new Error('the reference server did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
    const agent = await open({ viewport: { width: 1280, height: 800 } });
    await agent.goto(`${url}/desk/`);
    await agent.locator('sh-desk').evaluate((desk) => desk.setAttribute('locale', 'en'));
    await agent.locator('[part~="sign-in"] input[type="email"]').fill('lina@demo.test');
    await agent.locator('[part~="sign-in"] input[type="password"]').fill('service-hall-demo');
    await agent.locator('[part~="sign-in"] button[type="submit"]').click();
    await agent.locator('select#presence').waitFor();

    const customer = await open({ viewport: { width: 1280, height: 800 } });
    await customer.goto(`${url}/?locale=en&vip=1`);
    await customer.locator('[part~="launcher"]').click();
    const order = customer.locator('[part~="order-card"]', { hasText: 'YX58190385' });
    await order.getByRole('button', { name: 'Ask about this order' }).click();
    await customer.locator('[part~="input"]').fill('My earbuds never arrived. This is unacceptable, I want a refund!');
    await customer.locator('[part~="input"]').press('Enter');
    await customer.locator('[part~="escalate"]').first().click();

    await agent.locator('[part~="queue-item"]').first().waitFor();
    await agent.screenshot({ path: 'docs/desk-queue.png' });
    await agent.locator('[part~="queue-item"] button').first().click();
    await agent.locator('[part~="context"] .order').waitFor();
    await agent.locator('[part~="reply"]').fill('Hello, Lina here. I can see the order; let me check the parcel.');
    await agent.screenshot({ path: 'docs/desk-conversation.png' });
    await agent.locator('nav button', { hasText: 'Metrics' }).click();
    await agent.locator('[part~="summary"]').waitFor();
    await agent.locator('[part~="chart"] canvas').nth(2).waitFor();
    await agent.screenshot({ path: 'docs/desk-metrics.png' });
    // Closed before the server stops, so that their event streams end cleanly.
    await agent.close();
    await customer.close();
  } finally {
    demo.kill('SIGTERM');
    await new Promise((r) => demo.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

try {
  const desktop = await open({ viewport: { width: 1280, height: 800 } });
  await desktop.goto(`${server.url}/?locale=en`);
  // Playwright's locators pierce the widget's open shadow root.
  await desktop.locator('[part~="launcher"]').click();
  await desktop.locator('[part~="order-card"]').first().waitFor();
  await desktop.screenshot({ path: 'docs/screenshot.png' });

  const phone = await open({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  await phone.goto(`${server.url}/webview.html?locale=en`);
  await phone.locator('[part~="order-card"]').first().waitFor();
  await phone.screenshot({ path: 'docs/screenshot-mobile.png' });

  await deskScreenshots();
} finally {
  await browser.close();
  await server.close();
}

if (errors.length) {
  console.error(`The demo reported errors:\n  ${errors.join('\n  ')}`);
  process.exit(1);
}
console.log(
  'Saved docs/screenshot.png, docs/screenshot-mobile.png, docs/desk-queue.png, docs/desk-conversation.png and docs/desk-metrics.png',
);
