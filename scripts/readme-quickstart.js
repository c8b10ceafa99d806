// The README's "blank page in five minutes" walkthrough, served to the browser tests exactly as written:
// /quickstart/index.html is the page between the README's quickstart markers, and the two files it expects
// beside it (the loader and its chunks) come from dist/, so the test fails when the README and the build drift apart.
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';

/** The HTML of the README's quickstart page, without the list indentation it sits in. */
export const quickstartPage = () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const block = /<!-- quickstart:start -->\s*```html\n([\s\S]*?)```\s*<!-- quickstart:end -->/.exec(readme);
  if (!block) throw new Error('README.md: the quickstart block (```html between quickstart markers) is missing');
  const lines = block[1].split('\n');
  const indent = Math.min(...lines.filter((line) => line.trim()).map((line) => line.length - line.trimStart().length));
  return lines.map((line) => line.slice(indent)).join('\n');
};

const failedOnce = new Set();

/** A web-test-runner / Koa middleware that serves the quickstart folder at /quickstart/, and the script tag's files. */
export const quickstartMiddleware = async (ctx, next) => {
  if (ctx.path === '/quickstart/' || ctx.path === '/quickstart/index.html') {
    ctx.type = 'html';
    ctx.body = quickstartPage();
    return undefined;
  }
  // The script tag's files, beside the page or in dist/, byte for byte as a static host or a CDN serves them:
  // the loader checks each chunk's integrity, so the dev server must not transform them, and another origin
  // may load them (CORS). For the loader's tests, broken hosts: /quickstart/altered/ serves every file with
  // a line added, as a compromised CDN would, and /quickstart/altered-<name>/ only the chunk of that name;
  // /quickstart/flaky-<token>/ fails each file's first request.
  const match = /^\/(?:quickstart|dist)\/(?:(altered(?:-(\w+))?|flaky-\w+)\/)?(service-hall\.[\w.-]+\.js)$/.exec(
    ctx.path,
  );
  if (match) {
    const [, host, only, file] = match;
    const key = `${host}/${file}`;
    if (host?.startsWith('flaky-') && !failedOnce.has(key)) {
      failedOnce.add(key);
      ctx.status = 503;
      return undefined;
    }
    try {
      const code = await readFile(new URL(`../dist/${file}`, import.meta.url), 'utf8');
      const altered = host?.startsWith('altered') && (!only || file.startsWith(`service-hall.${only}-`));
      ctx.body = altered ? `window.altered = true;\n${code}` : code;
    } catch {
      ctx.status = 404;
      return undefined;
    }
    ctx.type = 'text/javascript';
    ctx.set('Access-Control-Allow-Origin', '*');
    ctx.set('Cache-Control', 'no-cache');
    return undefined;
  }
  return next();
};
