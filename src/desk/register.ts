/** Registers the workbench's elements, and the widget's rich text they show bot and agent messages with. */
import { RichTextElement } from '../elements/rich-text/rich-text.js';
import { defineElements } from '../embed/register.js';
import { DeskContextElement } from './context.js';
import { DeskConversationElement } from './conversation.js';
import { DeskRootElement } from './desk.js';
import { DeskQueueElement } from './queue.js';
import { DeskSearchElement } from './search.js';
import { DeskSignInElement } from './sign-in.js';
import { DeskTicketsElement } from './tickets.js';

/** Registers `<sh-desk>` and the elements inside it; already defined ones are skipped. */
export const defineDesk = (): void =>
  defineElements({
    'sh-rich-text': RichTextElement,
    'sh-desk-sign-in': DeskSignInElement,
    'sh-desk-queue': DeskQueueElement,
    'sh-desk-conversation': DeskConversationElement,
    'sh-desk-context': DeskContextElement,
    'sh-desk-tickets': DeskTicketsElement,
    'sh-desk-search': DeskSearchElement,
    'sh-desk': DeskRootElement,
  });

declare global {
  interface HTMLElementTagNameMap {
    'sh-desk': DeskRootElement;
    'sh-desk-sign-in': DeskSignInElement;
    'sh-desk-queue': DeskQueueElement;
    'sh-desk-conversation': DeskConversationElement;
    'sh-desk-context': DeskContextElement;
    'sh-desk-tickets': DeskTicketsElement;
    'sh-desk-search': DeskSearchElement;
  }
}
