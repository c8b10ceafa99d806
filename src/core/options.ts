import type { Adapter } from './adapter.js';
import type { SentimentDetector } from './sentiment.js';
import type { Customer, Locale, PageContext } from './types.js';

/** How the widget is placed on the page. */
export type Mode = 'floating' | 'inline' | 'fullscreen';

export type ColorScheme = 'light' | 'dark' | 'auto';

/**
 * `theme: 'dark'`, or a scheme plus tokens. Token names are the `--sh-*` custom properties
 * without the prefix, e.g. `{ tokens: { 'color-brand': '#e4393c', radius: '8px' } }`.
 */
export type ThemeOption = ColorScheme | { scheme?: ColorScheme; tokens?: Record<string, string> };

/** Options of `ServiceHall.init(options)` and of the `<service-hall>` element's `options` property. */
export interface ServiceHallOptions {
  /** The backend. Defaults to an embedded memory adapter with sample data when neither this nor `endpoint` is given. */
  adapter?: Adapter;
  /** Base URL of a backend speaking the reference HTTP protocol (docs/protocol.md). */
  endpoint?: string;
  /** UI language. Defaults to `<html lang>`, then the browser's language, then `zh-CN`. */
  locale?: Locale;
  /** The signed-in customer. */
  user?: Customer;
  /** Where the customer is: page, product, any data the agent should see. */
  context?: PageContext;
  /** `floating` (default) shows a launcher; `inline` renders inside `container`; `fullscreen` fills the viewport. */
  mode?: Mode;
  /** For `inline`: the element (or a selector) to render into. */
  container?: HTMLElement | string;
  /** Launcher side. Default `right`. */
  position?: 'right' | 'left';
  /** Distance of the launcher from the viewport corner, in px. */
  offset?: number | { x?: number; y?: number };
  /** Stacking order of the floating launcher and panel. Default 1000. */
  zIndex?: number;
  /** `false` hides the built-in launcher when the host opens the widget itself. */
  launcher?: boolean;
  /** `light` (default), `dark`, `auto`, or a scheme with `--sh-*` token values (docs/theming.md). */
  theme?: ThemeOption;
  /** Override any UI text, by key (see `src/i18n/en.ts`), the date and time patterns (`dateFull`, `time`, …) included. */
  strings?: Record<string, string>;
  /** Replace the built-in emotion check with a better one. */
  sentiment?: SentimentDetector;
  /**
   * Script tag only: the folder the widget's chunks are fetched from, when not beside the script
   * (a CDN, another path). Absolute or relative to the page.
   */
  assetsUrl?: string;
  /** Open the panel as soon as it is ready. */
  open?: boolean;
}
