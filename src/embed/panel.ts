/**
 * The panel chunk: everything the open widget needs, loaded on intent or when the page is idle
 * so that the launcher path stays small.
 */
import { createHttpAdapter } from '../adapters/http/index.js';
import { createMemoryAdapter } from '../adapters/memory/index.js';
import type { Locale } from '../core/types.js';
import type { ServiceHallOptions } from '../core/options.js';
import { ComposerElement } from '../elements/composer/composer.js';
import { ActionFormElement } from '../elements/action-form/action-form.js';
import { AttachmentsElement } from '../elements/attachments/attachments.js';
import { HallElement } from '../elements/hall/hall.js';
import { MessagesElement } from '../elements/messages/messages.js';
import { PanelElement } from '../elements/panel/panel.js';
import { PastElement } from '../elements/past/past.js';
import { QueueStatusElement } from '../elements/queue-status/queue-status.js';
import { RatingElement } from '../elements/rating/rating.js';
import { RichTextElement } from '../elements/rich-text/rich-text.js';
import { ScreenshotElement } from '../elements/screenshot/screenshot.js';
import { ThreadElement } from '../elements/thread/thread.js';
import { TicketFormElement } from '../elements/ticket-form/ticket-form.js';
import { createSession, type Session } from '../state/session.js';

export { warmFormats } from '../elements/format.js';
export { loadCatalogue } from '../i18n/index.js';

export const elements: Record<string, CustomElementConstructor> = {
  'sh-panel': PanelElement,
  'sh-hall': HallElement,
  'sh-messages': MessagesElement,
  'sh-rich-text': RichTextElement,
  'sh-queue-status': QueueStatusElement,
  'sh-rating': RatingElement,
  'sh-action-form': ActionFormElement,
  'sh-ticket-form': TicketFormElement,
  'sh-attachments': AttachmentsElement,
  'sh-composer': ComposerElement,
  'sh-screenshot': ScreenshotElement,
  'sh-past': PastElement,
  'sh-thread': ThreadElement,
};

/** The session behind a widget: the given adapter, else the HTTP one for `endpoint`, else the embedded memory one. */
export const createPanelSession = (options: ServiceHallOptions, locale: Locale): Session =>
  createSession({
    adapter:
      options.adapter ?? (options.endpoint ? createHttpAdapter({ endpoint: options.endpoint }) : createMemoryAdapter()),
    locale,
    user: options.user,
    context: options.context,
    sentiment: options.sentiment,
  });
