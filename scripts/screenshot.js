// `npm run screenshot`: the README's pictures, taken from the demo in Chromium after `npm run build`.
// docs/screenshot.png is the storefront with the help centre open (1280 × 800); docs/screenshot-mobile.png
// is the webview page on a 390 × 844 phone. Both in English, the README's language.
import { launch } from './chromium.js';
import { buildDemo, serveDemo } from './demo-server.js';

await buildDemo();
const server = await serveDemo();
const browser = await launch();
const errors = [];

/** A page that records script errors, with animations off so that nothing is caught mid-transition. */
const open = async (options) => {
  const page = await browser.newPage({ reducedMotion: 'reduce', ...options });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  return page;
};

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
} finally {
  await browser.close();
  await server.close();
}

if (errors.length) {
  console.error(`The demo reported errors:\n  ${errors.join('\n  ')}`);
  process.exit(1);
}
console.log('Saved docs/screenshot.png and docs/screenshot-mobile.png');
