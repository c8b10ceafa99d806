import type { WritableAtom } from 'nanostores';

/** The part of `Storage` the widget uses; `localStorage` by default. */
export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** How a persisted store behaves when the customer changes. */
export type Retention =
  /** Belongs to one customer and is removed from the device when another one signs in. */
  | 'private'
  /** Belongs to one customer but holds nothing personal (an agent id), so it stays for their return. */
  | 'kept'
  /** Shared by everyone on the device (dismissed announcements). */
  | 'global';

export interface Persistence {
  /**
   * Mirrors `$store` to `name`: loads it when the owner is set or changes, and writes `save(value)`
   * after changes (`save` trims what need not survive a reload, `revive` rebuilds what JSON cannot hold).
   */
  bind<T>(
    name: string,
    $store: WritableAtom<T>,
    fallback: T,
    retention?: Retention,
    save?: (value: T) => unknown,
    revive?: (value: T) => T,
  ): void;
  /** Makes `owner` (a user id or `anon`) the current owner; a previous owner's private values are removed. */
  own(owner: string): void;
  /** Writes pending changes now: the page is going away. */
  flush(): void;
}

const VERSION = 'v1';
/**
 * Changes are written at most this often. Serializing a long history on every message (a replay
 * delivers thousands) would block the page; what changed in between is written together, so the
 * stored conversation, history and outbox always agree with each other.
 */
const WRITE_MS = 250;

const defaultStorage = (): StorageLike | undefined => {
  try {
    return globalThis.localStorage;
  } catch {
    // Sandboxed iframes throw a SecurityError on mere access.
    return undefined;
  }
};

/**
 * Namespaced, versioned storage: `<namespace>:v1:<owner>:<name>`, written together at most every
 * {@link WRITE_MS} (and on {@link Persistence.flush}). Values also live in memory, so when storage throws
 * (private mode, quota) the widget keeps working for this page without reporting anything. Corrupt or
 * mistyped JSON reads as the fallback.
 */
export const createPersistence = (storage: StorageLike | null | undefined, namespace: string): Persistence => {
  let disk = storage === undefined ? defaultStorage() : storage;
  const memory = new Map<string, string>();
  let owner = '';
  let loading = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let written = 0;
  const bound: [name: string, load: () => void, retention: Retention][] = [];
  const dirty = new Set<() => void>();
  const key = (name: string, retention: Retention, who = owner) =>
    [namespace, VERSION, ...(retention === 'global' ? [] : [who]), name].join(':');

  const get = (key: string): string | null | undefined => {
    try {
      if (disk) return disk.getItem(key);
    } catch {
      disk = undefined;
    }
    return memory.get(key);
  };
  const put = (key: string, value?: string) => {
    // Unchanged (older history paged in, say, leaves the stored latest messages as they were): no write.
    if (value !== undefined && memory.get(key) === value) return;
    if (value === undefined) memory.delete(key);
    else memory.set(key, value);
    try {
      if (value === undefined) disk?.removeItem(key);
      else disk?.setItem(key, value);
    } catch {
      disk = undefined;
    }
  };
  const read = <T>(key: string, fallback: T, revive: (value: T) => T): T => {
    try {
      const value: unknown = JSON.parse(get(key) ?? 'null');
      // A value of another shape (an older format, a host script's key) must not crash the widget.
      if (typeof value === typeof fallback && Array.isArray(value) === Array.isArray(fallback) && value !== null) {
        return revive(value as T);
      }
    } catch {
      // Corrupt JSON, or entries that cannot be revived: start from the fallback.
    }
    return fallback;
  };
  const ownerKey = key('owner', 'global');

  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (dirty.size) written = Date.now();
    dirty.forEach((write) => write());
    dirty.clear();
  };

  return {
    bind(name, $store, fallback, retention = 'private', save = (value) => value, revive = (value) => value) {
      const load = () => {
        loading = true;
        $store.set(read(key(name, retention), fallback, revive));
        loading = false;
      };
      const write = () => put(key(name, retention), JSON.stringify(save($store.get())));
      bound.push([name, load, retention]);
      if (owner) load();
      $store.listen(() => {
        if (loading) return;
        dirty.add(write);
        timer ??= setTimeout(flush, written + WRITE_MS - Date.now());
      });
    },
    own(next) {
      // What the previous owner changed last is theirs: written under their key before it is cleared.
      flush();
      const previous = get(ownerKey);
      if (previous && previous !== next) {
        for (const [name, , retention] of bound) if (retention === 'private') put(key(name, retention, previous));
      }
      if (previous !== next) put(ownerKey, next);
      owner = next;
      for (const [, load] of bound) load();
    },
    flush,
  };
};

/** One stored string outside any store and any customer (the HTTP adapter's visitor token). */
export interface Slot {
  get(): string | undefined;
  /** Stores `value`, or removes it when `undefined`. */
  set(value?: string): void;
}

/**
 * A single value, namespaced and versioned like the stores (`<namespace>:v1:<name>`), kept in memory as well,
 * so that it lasts for the page when storage throws (private mode, sandboxed frames).
 */
export const createSlot = (name: string, namespace = 'service-hall', storage = defaultStorage()): Slot => {
  const key = [namespace, VERSION, name].join(':');
  let memory: string | undefined;
  return {
    get() {
      try {
        return storage?.getItem(key) ?? memory;
      } catch {
        return memory;
      }
    },
    set(value) {
      memory = value;
      try {
        if (value === undefined) storage?.removeItem(key);
        else storage?.setItem(key, value);
      } catch {
        // Memory keeps it for this page.
      }
    },
  };
};
