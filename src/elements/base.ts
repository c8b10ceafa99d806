import { LitElement, type CSSResultGroup } from 'lit';
import type { ReadableAtom } from 'nanostores';
import type { PanelTranslate } from '../i18n/index.js';
import type { Session } from '../state/session.js';
import { shared } from './shared.styles.js';
import { StoreWatch } from './store-watch.js';

/**
 * A screen of the panel and what it is about. Elements ask for one by dispatching a bubbling, composed
 * `navigate` CustomEvent with this as `detail` (see {@link navigate}).
 */
export interface Screen {
  screen: 'hall' | 'conversation' | 'action' | 'ticket' | 'thread';
  actionId?: string;
  orderId?: string;
  /** On `thread`: the ticket, or the past conversation, to show. */
  ticketId?: string;
  conversationId?: string;
}

/** Asks the panel to show a screen. */
export const navigate = (from: Element, screen: Screen): boolean =>
  from.dispatchEvent(new CustomEvent<Screen>('navigate', { detail: screen, bubbles: true, composed: true }));

/**
 * Base of every element inside the panel. Elements render stores and forward intent to session actions;
 * they hold no business logic. A subclass lists the stores it reads in `watch`, and re-renders
 * when any of them changes, only while connected.
 */
export class ShElement extends LitElement {
  static override properties = {
    session: { attribute: false },
    t: { attribute: false },
  };

  static override styles: CSSResultGroup = shared;

  /** The widget's state and actions. */
  declare session: Session;
  /** Translate function for the current locale and string overrides. */
  declare t: PanelTranslate;

  /** The stores this element renders. */
  protected watch(_session: Session): ReadableAtom<unknown>[] {
    return [];
  }

  constructor() {
    super();
    new StoreWatch(
      this,
      () => this.session,
      (session) => this.watch(session),
    );
  }
}
