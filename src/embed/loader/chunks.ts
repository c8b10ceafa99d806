/**
 * The script tag's chunk loader. The panel, the screens it does not show first, the knowledge search, the
 * adapters' clients, the sample backend and each language are sibling files with content-hashed names (the
 * panel's own `import()`s of them come here too, through the `require` each chunk is handed), built as
 * classic scripts that hand their module to `ServiceHall.d(id, deps, factory)` (rollup's AMD output under
 * another name, so a page's own AMD loader is left alone). Classic scripts, not `import()`, because:
 * - each file, dependencies included, is fetched with its Subresource Integrity hash from the build;
 * - a failed fetch can be retried (a browser remembers a failed module import for the life of the page);
 * - the URL goes through the `service-hall` Trusted Types policy, which accepts only this build's files.
 */
import { files, type ChunkFile } from 'service-hall:manifest';
import { nextTask } from '../../elements/idle.js';

type Exports = Record<string, unknown>;
type Factory = (...deps: unknown[]) => void;
interface Definition {
  deps: string[];
  factory: Factory;
}

// Read while the script runs: `currentScript` is null once it has finished.
let base = document.currentScript instanceof HTMLScriptElement ? document.currentScript.src : document.baseURI;

/** Where the chunks are: a folder URL (absolute, or relative to the page). Default: beside the loader. */
export const setAssetsUrl = (url: string): void => {
  base = new URL(url.endsWith('/') ? url : `${url}/`, document.baseURI).href;
};

/** Attempts per file, and the pause before each retry, in ms. */
const PAUSES = [300, 1200];

const definitions = new Map<string, Definition>();
const fetches = new Map<string, Promise<Definition>>();
const instances = new Map<string, Promise<Exports>>();

const fileOf = (id: string): ChunkFile => id.replace(/^\.\//, '').replace(/(\.js)?$/, '.js') as ChunkFile;

/** `ServiceHall.d`: what each chunk calls as it runs. A file defines once; a second copy changes nothing. */
export const define = (id: string, deps: string[], factory: Factory): void => {
  const file = fileOf(id);
  if (file in files && !definitions.has(file)) definitions.set(file, { deps, factory });
};

/** The part of the Trusted Types API the loader uses (TypeScript's DOM library does not declare it). */
interface TrustedTypes {
  createPolicy(
    name: string,
    rules: { createScriptURL(url: string): string },
  ): { createScriptURL(url: string): unknown };
}
let policy: ReturnType<TrustedTypes['createPolicy']> | undefined;
const urlOf = (file: ChunkFile): string => new URL(file, base).href;

/**
 * The script URL of a chunk, through the `service-hall` policy where Trusted Types are enforced. A retry
 * asks for `?retry=n`, because the browser may answer the same URL from its memory of the failure.
 */
const scriptUrl = (file: ChunkFile, retry: number): unknown => {
  const url = `${urlOf(file)}${retry ? `?retry=${retry}` : ''}`;
  const tt = (window as { trustedTypes?: TrustedTypes }).trustedTypes;
  if (!tt) return url;
  policy ??= tt.createPolicy('service-hall', {
    createScriptURL: (candidate: string) => {
      const bare = candidate.replace(/\?retry=\d+$/, '');
      if (Object.keys(files).some((known) => urlOf(known as ChunkFile) === bare)) return candidate;
      throw new TypeError(`service-hall: ${candidate} is not one of this build's files`);
    },
  });
  return policy.createScriptURL(url);
};

const attempt = (file: ChunkFile, retry: number): Promise<Definition> =>
  new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = scriptUrl(file, retry) as string;
    script.integrity = files[file]![0];
    // Integrity needs a CORS response from another origin (a CDN); from the page's own, a plain request does.
    if (new URL(urlOf(file)).origin !== location.origin) script.crossOrigin = 'anonymous';
    script.onload = () => {
      script.remove();
      const definition = definitions.get(file);
      if (definition) resolve(definition);
      else reject(new Error(`service-hall: ${script.src} did not define ${file}`));
    };
    // A network error, an HTTP error or an integrity mismatch: the script did not run.
    script.onerror = () => {
      script.remove();
      reject(new Error(`service-hall: could not load ${script.src}`));
    };
    document.head.append(script);
  });

/** Fetches a file once, retrying after a pause; after the last failure the next call starts over. */
const fetchFile = (file: ChunkFile): Promise<Definition> => {
  const known = definitions.get(file);
  if (known) return Promise.resolve(known);
  let pending = fetches.get(file);
  if (!pending) {
    pending = PAUSES.reduce(
      (tried, pause, retry) =>
        tried.catch(() => new Promise<void>((wake) => setTimeout(wake, pause)).then(() => attempt(file, retry + 1))),
      attempt(file, 0),
    );
    pending.catch(() => fetches.delete(file));
    fetches.set(file, pending);
  }
  return pending;
};

/** Runs a file's module once its dependencies have run; all of them are fetched at once, not one by one. */
const instantiate = (file: ChunkFile): Promise<Exports> => {
  let instance = instances.get(file);
  if (!instance) {
    const closure = new Set<ChunkFile>([file]);
    for (const f of closure) for (const dep of files[f]!.slice(1) as ChunkFile[]) closure.add(dep);
    closure.forEach((f) => void fetchFile(f).catch(() => undefined));
    instance = fetchFile(file).then(async ({ deps, factory }) => {
      const exports: Exports = {};
      const require = (ids: string[], loaded: (...m: Exports[]) => void, failed: (e: unknown) => void) =>
        void Promise.all(ids.map((id) => instantiate(fileOf(id)))).then((m) => loaded(...m), failed);
      const args = await Promise.all(
        deps.map((dep) => (dep === 'exports' ? exports : dep === 'require' ? require : instantiate(fileOf(dep)))),
      );
      // Each module runs in a task of its own, so that a chain of them is never one long task for the page.
      await nextTask();
      factory(...args);
      return exports;
    });
    instance.catch(() => instances.delete(file));
    instances.set(file, instance);
  }
  return instance;
};

/**
 * Starts one of the build's worker scripts, through the Trusted Types policy. A browser starts a worker only from
 * the page's own origin, so with the chunks on another (a CDN) there is none; nor where the page's CSP forbids
 * workers, which shows as the worker's `error` event (or, in some browsers, as this returning nothing).
 */
export const startWorker = (file: ChunkFile): Worker | undefined => {
  if (new URL(urlOf(file)).origin !== location.origin) return undefined;
  try {
    return new Worker(scriptUrl(file, 0) as string);
  } catch {
    return undefined;
  }
};

/** Loads one of the build's entry chunks and its dependencies, and returns its exports. */
export const loadChunk = <T>(file: ChunkFile): Promise<T> => instantiate(file) as Promise<T>;
