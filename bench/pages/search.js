// The suggestion index alone, against plain fuse.js over the same articles and fields.
import Fuse from 'fuse.js';
import { createSearchIndex } from '../../src/core/search.ts';
import { generateArticles, QUERIES } from './articles.js';

// The index's own fields and weights (src/core/search.ts), and fuse's usual fuzzy settings.
const FUSE_OPTIONS = {
  keys: [
    { name: 'title', weight: 1 },
    { name: 'keywords', weight: 0.9 },
    { name: 'tags', weight: 0.9 },
    { name: 'summary', weight: 0.6 },
  ],
  ignoreLocation: true,
  threshold: 0.4,
};
const LIMIT = 7;

/** Every prefix the customer's typing produces, in typing order. */
const prefixes = () => QUERIES.flatMap((query) => Array.from(query, (_, i) => query.slice(0, i + 1)));

const timed = (run) => {
  const start = performance.now();
  const result = run();
  return [performance.now() - start, result];
};

window.bench = {
  prefixes,
  articles(count) {
    window.held = { articles: generateArticles(count) };
  },
  buildIndex() {
    const [ms, index] = timed(() => createSearchIndex(window.held.articles));
    window.held.index = index;
    return ms;
  },
  buildFuse() {
    const [ms, fuse] = timed(() => new Fuse(window.held.articles, FUSE_OPTIONS));
    window.held.fuse = fuse;
    return ms;
  },
  drop(name) {
    delete window.held[name];
  },
  /** Times each prefix's search; `repeat` runs per prefix, averaged, because one run can be below the timer's resolution. */
  searchTimes(name, repeat, every = 1) {
    const engine = window.held[name];
    const search = name === 'index' ? (q) => engine.search(q, LIMIT) : (q) => engine.search(q, { limit: LIMIT });
    return prefixes()
      .filter((_, i) => i % every === 0)
      .map((q) => {
        const [ms] = timed(() => {
          for (let i = 0; i < repeat; i++) search(q);
        });
        return ms / repeat;
      });
  },
};
