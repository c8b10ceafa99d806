/**
 * The panel chunk: what the open widget needs to show its first screen, loaded on intent or when the page
 * is idle so that the launcher path stays small. The other screens and the knowledge search follow in
 * chunks of their own (src/elements/lazy.ts).
 */
import type { Adapter } from '../core/adapter.js';
import type { Locale } from '../core/types.js';
import type { ServiceHallOptions } from '../core/options.js';
import { ComposerElement } from '../elements/composer/composer.js';
import { HallElement } from '../elements/hall/hall.js';
import { PanelElement } from '../elements/panel/panel.js';
import { PastElement } from '../elements/past/past.js';
import { warmFormats } from '../elements/format.js';
import { whenIdle } from '../elements/idle.js';
import { createSession, type Session } from '../state/session.js';

export { loadCatalogue } from '../i18n/index.js';

export const elements: Record<string, CustomElementConstructor> = {
  'sh-panel': PanelElement,
  'sh-hall': HallElement,
  'sh-composer': ComposerElement,
  'sh-past': PastElement,
};

/**
 * The session behind a widget, over the adapter that its options name. Once `intlWarmed` has resolved (the
 * script tag's worker has built the Intl data: src/embed/loader/imports.ts), in an idle moment, the money
 * formatter that the first screen uses is built.
 */
export const createPanelSession = (
  adapter: Adapter,
  options: ServiceHallOptions,
  locale: Locale,
  intlWarmed: Promise<void> = Promise.resolve(),
): Session => {
  const session = createSession({
    adapter,
    locale,
    user: options.user,
    context: options.context,
    sentiment: options.sentiment,
  });
  void intlWarmed.then(() => whenIdle(() => warmFormats(session.$locale.get())));
  return session;
};
