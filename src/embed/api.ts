import type { ServiceHallOptions } from '../core/options.js';
import type { Attachment, Customer, Locale, PageContext } from '../core/types.js';
import type { ServiceHallEventMap } from '../elements/events.js';
import type { ServiceHallElement } from '../elements/service-hall/service-hall.js';
import { defineServiceHall } from './register.js';

/** What `ServiceHall.init(options)` returns: the whole runtime API of one widget. */
export interface ServiceHallHandle {
  /** The `<service-hall>` element. */
  readonly element: ServiceHallElement;
  /** Open the panel; resolves once it can take questions. */
  open(): Promise<void>;
  /** Close the panel; focus returns to where it was. */
  close(): void;
  /** Open when closed, close when open. */
  toggle(): Promise<void> | void;
  /** Switch customers; nothing of the previous one's conversation stays. */
  identify(user?: Customer): Promise<void>;
  /** Tell the widget where the customer is (page, product, order): questions re-rank, agents see it. */
  setContext(context: PageContext): Promise<void>;
  /** Switch the language at runtime: `zh-CN`, `zh-TW` or `en`. */
  setLocale(locale: Locale): Promise<void>;
  /** Put text in the composer without sending. */
  prefill(text: string): Promise<void>;
  /** Open and send a question. */
  ask(text: string, attachments?: Attachment[]): Promise<void>;
  /** Open and hand the conversation to a human. */
  escalate(reason?: string): Promise<void>;
  /** End the current conversation; the rating prompt follows. */
  end(): Promise<void>;
  /** Listen to a widget event; returns the unsubscribe function. */
  on<K extends keyof ServiceHallEventMap>(event: K, listener: (detail: ServiceHallEventMap[K]) => void): () => void;
  /** Remove the widget and stop everything it started. */
  destroy(): void;
}

const live = new Map<Element | 'floating', ServiceHallHandle>();

const resolveContainer = (container: ServiceHallOptions['container']): HTMLElement | null =>
  typeof container === 'string' ? document.querySelector<HTMLElement>(container) : (container ?? null);

/**
 * Creates a widget and returns its handle. Calling it again for the same place (the floating widget,
 * or the same inline container) returns the existing handle with the new options applied.
 */
export const init = (options: ServiceHallOptions = {}): ServiceHallHandle => {
  defineServiceHall();
  const container = resolveContainer(options.container);
  if (options.mode === 'inline' && !container) {
    throw new TypeError('service-hall: mode "inline" needs a `container` element or selector.');
  }
  const key = options.mode === 'inline' && container ? container : 'floating';
  const existing = live.get(key);
  if (existing) {
    existing.element.options = { ...existing.element.options, ...options };
    return existing;
  }
  const element = document.createElement('service-hall') as ServiceHallElement;
  element.options = options;
  if (options.mode) element.mode = options.mode;
  const listeners = new Set<() => void>();
  // A synchronous script in <head> runs before <body> exists: mount once it does.
  const mount = () => (key === 'floating' ? document.body : container!).append(element);
  const handle: ServiceHallHandle = {
    element,
    open: () => element.open(),
    close: () => element.close(),
    toggle: () => element.toggle(),
    identify: (user) => element.identify(user),
    setContext: (context) => element.setContext(context),
    setLocale: (locale) => element.setLocale(locale),
    prefill: (text) => element.prefill(text),
    ask: (text, attachments) => element.ask(text, attachments),
    escalate: (reason) => element.escalate(reason),
    end: () => element.end(),
    on(event, listener) {
      const wrapped = (e: Event) => listener((e as CustomEvent).detail);
      element.addEventListener(`sh-${event}`, wrapped);
      const off = () => {
        element.removeEventListener(`sh-${event}`, wrapped);
        listeners.delete(off);
      };
      listeners.add(off);
      return off;
    },
    destroy() {
      for (const off of [...listeners]) off();
      document.removeEventListener('DOMContentLoaded', mount);
      element.dispose();
      element.remove();
      live.delete(key);
    },
  };
  live.set(key, handle);
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount, { once: true });
  return handle;
};
