import { LitElement, type CSSResultGroup, type PropertyDeclarations } from 'lit';
import type { ReadableAtom } from 'nanostores';
import type { Locale } from '../core/types.js';
import { shared } from '../elements/shared.styles.js';
import { StoreWatch } from '../elements/store-watch.js';
import { deskStyles } from './desk.styles.js';
import type { DeskTranslate } from './i18n.js';
import type { Desk } from './store.js';

/**
 * Base of every workbench element: it renders the desk's stores and forwards intent to the desk's actions.
 * A subclass lists the stores it reads in `watch` and re-renders when any of them changes, while connected.
 */
export class DeskElement extends LitElement {
  static override properties: PropertyDeclarations = {
    desk: { attribute: false },
    t: { attribute: false },
    locale: { attribute: false },
  };

  static override styles: CSSResultGroup = [shared, deskStyles];

  /** The workbench's state and actions. */
  declare desk: Desk;
  /** Translate function for the workbench's locale. */
  declare t: DeskTranslate;
  /** The workbench's locale, for dates and amounts. */
  declare locale: Locale;

  /** The stores this element renders. */
  protected watch(_desk: Desk): ReadableAtom<unknown>[] {
    return [];
  }

  constructor() {
    super();
    new StoreWatch(
      this,
      () => this.desk,
      (desk) => this.watch(desk),
    );
  }
}
