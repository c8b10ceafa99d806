/**
 * The screens chunk: every element the first screen (the hall and the composer) does not show, loaded
 * through `lazyScreens` in ./lazy.ts.
 */
import { ActionFormElement } from './action-form/action-form.js';
import { AttachmentsElement } from './attachments/attachments.js';
import { MessagesElement } from './messages/messages.js';
import { QueueStatusElement } from './queue-status/queue-status.js';
import { RatingElement } from './rating/rating.js';
import { RichTextElement } from './rich-text/rich-text.js';
import { ScreenshotElement } from './screenshot/screenshot.js';
import { ThreadElement } from './thread/thread.js';
import { TicketFormElement } from './ticket-form/ticket-form.js';

export const elements: Record<string, CustomElementConstructor> = {
  'sh-messages': MessagesElement,
  'sh-rich-text': RichTextElement,
  'sh-queue-status': QueueStatusElement,
  'sh-rating': RatingElement,
  'sh-action-form': ActionFormElement,
  'sh-ticket-form': TicketFormElement,
  'sh-attachments': AttachmentsElement,
  'sh-screenshot': ScreenshotElement,
  'sh-thread': ThreadElement,
};
