// The browser engines `npm test` runs in, all from Debian packages:
// Chromium and Firefox ESR through puppeteer-core (Firefox over WebDriver BiDi), WebKitGTK through its WebDriver
// under a virtual display. All three by default; ENGINES=chromium,firefox (comma-separated) picks some.
import { spawn } from 'node:child_process';
import { createServer, connect } from 'node:net';
import * as puppeteer from 'puppeteer-core';
import { chromeLauncher } from '@web/test-runner-chrome';
import { WebdriverLauncher } from '@web/test-runner-webdriver';
import { CHROMIUM_ARGS } from './chromium.js';

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

const listening = (port, timeout = 30_000) =>
  new Promise((resolve, reject) => {
    const until = Date.now() + timeout;
    const attempt = () => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => socket.end(resolve));
      socket.once('error', () => {
        if (Date.now() > until) reject(new Error(`WebKitWebDriver did not listen on ${port} within ${timeout} ms`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });

/**
 * WebKitGTK's MiniBrowser driven by WebKitWebDriver. The driver needs a display even for automation
 * (its `--headless` hangs without one), so it runs under `xvfb-run`; this launcher owns that process.
 */
class WebKitLauncher extends WebdriverLauncher {
  constructor() {
    super({
      hostname: '127.0.0.1',
      port: 0,
      logLevel: 'error',
      capabilities: {
        // WebKitWebDriver speaks WebDriver classic only; webdriverio would otherwise ask for BiDi and get no match.
        'wdio:enforceWebDriverClassic': true,
        'webkitgtk:browserOptions': {
          binary: process.env.WEBKIT_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
          args: ['--automation'],
        },
      },
    });
  }

  async initialize(config) {
    const port = await freePort();
    this.options.port = port;
    // A process group of its own, so that stopping it also stops Xvfb and the browser it started.
    this.driverProcess = spawn('xvfb-run', ['-a', '/usr/bin/WebKitWebDriver', `--port=${port}`], {
      stdio: 'ignore',
      detached: true,
      // WebKitGTK takes navigator.language from the process locale; a CI shell's POSIX "C" is no language tag, and
      // code that passes it to Intl throws (uPlot does, at import). A browser always has a real one.
      env: { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: 'en_US.UTF-8' },
    });
    await listening(port);
    await super.initialize(config);
    this.name = 'WebKit';
  }

  /**
   * WebKitWebDriver loses keys from one long action sequence: after the first, a space, or a key typed twice in a
   * row, is dropped ("a b c rr" arrives as "a bcr"). One sequence per key arrives whole.
   */
  async sendKeys(sessionId, keys) {
    for (const key of keys) await super.sendKeys(sessionId, [key]);
  }

  async stop() {
    await super.stop();
    if (this.driverProcess?.pid) {
      try {
        process.kill(-this.driverProcess.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  }
}

/**
 * puppeteer's setViewport over BiDi also overrides the screen orientation, a command Firefox ESR 140.12 answers with
 * "unknown command" after the viewport itself was set. The tests never depend on the orientation, so that one
 * refusal is let through; any other error still fails.
 */
const tolerateOrientation = (page) => {
  const setViewport = page.setViewport.bind(page);
  page.setViewport = async (viewport) => {
    try {
      await setViewport(viewport);
    } catch (error) {
      if (!String(error?.message).includes('setScreenOrientationOverride')) throw error;
    }
  };
  return page;
};

const launchers = {
  chromium: () =>
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
        args: ['--headless=new', ...CHROMIUM_ARGS],
      },
    }),
  firefox: () =>
    chromeLauncher({
      puppeteer,
      launchOptions: {
        browser: 'firefox',
        executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
        headless: true,
      },
      createPage: async ({ context }) => tolerateOrientation(await context.newPage()),
    }),
  webkit: () => new WebKitLauncher(),
};

/** The engines picked by ENGINES, in the order they run. */
export const engineNames = () => {
  const names = (process.env.ENGINES || 'chromium,firefox,webkit')
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  for (const name of names) {
    if (!launchers[name]) throw new Error(`Unknown engine "${name}" in ENGINES; known: ${Object.keys(launchers)}`);
  }
  return names;
};

/** The web-test-runner launchers for the picked engines. */
export const browsers = () => engineNames().map((name) => launchers[name]());

/** WebDriver's codes for the keys that chords use. */
const WEBDRIVER_KEYS = { Shift: '\uE008', Control: '\uE009', Alt: '\uE00A', Tab: '\uE004', Enter: '\uE007' };

/**
 * Commands the stock ones lack over WebDriver, for every engine:
 * - `viewport` { width, height }: sizes the page's viewport. Over WebDriver the window includes the browser's own
 *   bars, so it is sized, measured, and corrected by the difference.
 * - `chord` { keys: ['Shift', 'Tab'] }: holds the keys down in order, then lets them go (stock `sendKeys` has no
 *   `down`/`up` over WebDriver).
 */
export const enginePlugin = () => ({
  name: 'service-hall-engine-commands',
  async executeCommand({ command, payload, session }) {
    if (command === 'chord') return chord(session, payload.keys);
    if (command !== 'viewport') return undefined;
    const { width, height } = payload;
    if (session.browser.type === 'puppeteer') {
      await session.browser.getPage(session.id).setViewport({ width, height });
      return true;
    }
    const { driver } = session.browser;
    let [outerWidth, outerHeight] = [width, height];
    for (let attempt = 0; attempt < 3; attempt++) {
      await driver.setWindowSize(outerWidth, outerHeight);
      const [w, h] = await driver.execute(() => [window.innerWidth, window.innerHeight]);
      if (w === width && h === height) break;
      [outerWidth, outerHeight] = [outerWidth + width - w, outerHeight + height - h];
    }
    return true;
  },
});

const chord = async (session, keys) => {
  if (session.browser.type === 'puppeteer') {
    const { keyboard } = session.browser.getPage(session.id);
    for (const key of keys) await keyboard.down(key);
    for (const key of [...keys].reverse()) await keyboard.up(key);
    return true;
  }
  const codes = keys.map((key) => WEBDRIVER_KEYS[key] ?? key);
  const { driver } = session.browser;
  await driver.performActions([
    {
      type: 'key',
      id: 'keyboard',
      actions: [
        ...codes.map((value) => ({ type: 'keyDown', value })),
        ...[...codes].reverse().map((value) => ({ type: 'keyUp', value })),
      ],
    },
  ]);
  await driver.releaseActions();
  return true;
};
