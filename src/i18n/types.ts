import type { launcherStrings } from './base.js';
import type { en } from './en.js';

/** The key of a UI string. Any of them can be overridden with the `strings` option. */
export type StringKey = keyof typeof en | keyof (typeof launcherStrings)['en'];

/** The panel's strings for one locale (the launcher's few live in `base.ts`). */
export type Catalogue = Record<keyof typeof en, string>;
