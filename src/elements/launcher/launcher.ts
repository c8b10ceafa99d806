import type { launcherStrings, Translate } from '../../i18n/base.js';

export interface LauncherState {
  t: Translate<keyof (typeof launcherStrings)['en']>;
  open: boolean;
  unread: number;
}

const SVG = 'http://www.w3.org/2000/svg';
const BUBBLE =
  'M12 3C6.5 3 2 6.8 2 11.5c0 2.4 1.2 4.6 3.1 6.1L4.5 21l3.9-1.9c1.1.3 2.3.5 3.6.5 5.5 0 10-3.8 10-8.5S17.5 3 12 3z';
const CROSS = 'M6 6l12 12M18 6L6 18';

const attrs = <E extends Element>(el: E, values: Record<string, string>): E => {
  for (const [name, value] of Object.entries(values)) el.setAttribute(name, value);
  return el;
};

/**
 * The floating launcher button (`part="launcher"`) with its unread badge. Plain DOM rather than a template,
 * because it is the one piece of the widget that ships in the script-tag loader, before any library has
 * loaded. It lives in the root's shadow root so that the host styles it with `service-hall::part(launcher)`.
 */
export class Launcher {
  readonly button = attrs(document.createElement('button'), { part: 'launcher', class: 'launcher', type: 'button' });
  readonly #path = document.createElementNS(SVG, 'path');
  readonly #badge = attrs(document.createElement('span'), { class: 'badge', 'aria-hidden': 'true' });

  /** `onIntent` runs on hover or focus: the customer is about to open, so loading starts then. */
  constructor(onToggle: () => void, onIntent: () => void) {
    const icon = attrs(document.createElementNS(SVG, 'svg'), {
      viewBox: '0 0 24 24',
      width: '26',
      height: '26',
      'aria-hidden': 'true',
    });
    icon.append(this.#path);
    this.button.append(icon);
    this.button.addEventListener('click', onToggle);
    this.button.addEventListener('pointerenter', onIntent);
    this.button.addEventListener('focus', onIntent);
  }

  /** Shows the state: the label (with the unread count), the open or closed icon, the badge. */
  update({ t, open, unread }: LauncherState): void {
    const label = unread ? `${t('launcher')}, ${t('launcherUnread', { count: unread })}` : t('launcher');
    attrs(this.button, { 'aria-label': open ? t('close') : label, 'aria-expanded': String(open) });
    attrs(
      this.#path,
      open
        ? { d: CROSS, fill: 'none', stroke: 'currentColor', 'stroke-width': '2.2', 'stroke-linecap': 'round' }
        : { d: BUBBLE, fill: 'currentColor', stroke: 'none' },
    );
    if (unread && !open) {
      this.#badge.textContent = unread > 99 ? '99+' : String(unread);
      this.button.append(this.#badge);
    } else this.#badge.remove();
  }
}
