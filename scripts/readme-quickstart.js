// The README's "blank page in five minutes" walkthrough, served to the browser tests exactly as written:
// /quickstart/index.html is the page between the README's quickstart markers, and the two files it expects
// beside it come from dist/, so the test fails when the README and the build drift apart.
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

/** A web-test-runner / Koa middleware that serves the quickstart folder at /quickstart/. */
export const quickstartMiddleware = (ctx, next) => {
  if (ctx.path === '/quickstart/' || ctx.path === '/quickstart/index.html') {
    ctx.type = 'html';
    ctx.body = quickstartPage();
    return undefined;
  }
  if (/^\/quickstart\/service-hall\.(iife|memory)\.js$/.test(ctx.path))
    ctx.url = ctx.path.replace('/quickstart/', '/dist/');
  return next();
};
