/**
 * The parts of the panel that the first screen does not need, each in a chunk of its own: fetched on intent
 * (focus in a search field, a screen opened, a message sent) or at idle once the hall shows, so that the
 * bytes before the hall is shown stay few. In the script tag, `import()` here goes through the chunk
 * loader (src/embed/loader/chunks.ts: integrity, the Trusted Types policy, retries); in the ES module it is
 * the app's bundler's own.
 */
import { defineElements } from './registry.js';

/** A part loaded on demand: `load()` fetches it once (again after a failure), `get()` is it once loaded. */
export interface LazyPart<T> {
  get(): T | undefined;
  load(): Promise<T>;
}

const lazily = <T>(fetch: () => Promise<T>): LazyPart<T> => {
  let value: T | undefined;
  let pending: Promise<T> | undefined;
  return {
    get: () => value,
    load: () =>
      (pending ??= fetch().then(
        (loaded) => (value = loaded),
        (error: unknown) => {
          pending = undefined;
          throw error;
        },
      )),
  };
};

/** The knowledge search (the gram index and fuse.js). Its users show suggestions once it is here. */
export const lazySearch = lazily(() => import('../core/search.js'));

/** The screens other than the hall, registered as they arrive. The panel shows a loading state meanwhile. */
export const lazyScreens = lazily(() =>
  import('./screens.js').then(({ elements }) => {
    defineElements(elements);
    return elements;
  }),
);

/** Starts fetching both, for a moment when the page has nothing better to do; failures wait for intent. */
export const preload = (): void => {
  for (const part of [lazySearch, lazyScreens]) part.load().catch(() => undefined);
};
