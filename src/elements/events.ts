import type { SessionEvents } from '../state/session.js';

/** Event names and their `detail`: the session's events plus the panel's own open and close. */
export interface ServiceHallEventMap extends SessionEvents {
  open: Record<string, never>;
  close: Record<string, never>;
}

/** The events the session emits; the root element re-dispatches each as `sh-<name>`. */
export const SESSION_EVENTS = [
  'ready',
  'message',
  'escalate',
  'queue',
  'action',
  'ticket',
  'rating',
  'signal',
  'unread',
  'error',
] as const satisfies readonly (keyof SessionEvents)[];

/** Every event name, as `handle.on()` takes them. */
export const EVENTS = ['open', 'close', ...SESSION_EVENTS] as const satisfies readonly (keyof ServiceHallEventMap)[];

/**
 * Every event the widget dispatches: `sh-<name>` on the `<service-hall>` element, bubbling and composed,
 * with a typed `detail`. `handle.on(name)` delivers the same detail.
 */
export class ServiceHallEvent<K extends keyof ServiceHallEventMap = keyof ServiceHallEventMap> extends CustomEvent<
  ServiceHallEventMap[K]
> {
  constructor(
    readonly kind: K,
    detail: ServiceHallEventMap[K],
  ) {
    super(`sh-${kind}`, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'sh-ready': ServiceHallEvent<'ready'>;
    'sh-open': ServiceHallEvent<'open'>;
    'sh-close': ServiceHallEvent<'close'>;
    'sh-message': ServiceHallEvent<'message'>;
    'sh-escalate': ServiceHallEvent<'escalate'>;
    'sh-queue': ServiceHallEvent<'queue'>;
    'sh-action': ServiceHallEvent<'action'>;
    'sh-ticket': ServiceHallEvent<'ticket'>;
    'sh-rating': ServiceHallEvent<'rating'>;
    'sh-signal': ServiceHallEvent<'signal'>;
    'sh-unread': ServiceHallEvent<'unread'>;
    'sh-error': ServiceHallEvent<'error'>;
  }
}
