import { html, nothing, svg } from 'lit';
import type { launcherStrings, Translate } from '../../i18n/base.js';

export interface LauncherProps {
  t: Translate<keyof (typeof launcherStrings)['en']>;
  open: boolean;
  unread: number;
  onToggle(): void;
  /** Hover or focus: the customer is about to open, so start loading the panel. */
  onIntent(): void;
}

/**
 * The floating launcher button (`part="launcher"`) with its unread badge. A template, not an element:
 * it lives in the root's shadow root so that the host styles it with `service-hall::part(launcher)` directly.
 */
export const renderLauncher = ({ t, open, unread, onToggle, onIntent }: LauncherProps) => {
  const label = unread ? `${t('launcher')}, ${t('launcherUnread', { count: unread })}` : t('launcher');
  return html`<button
    part="launcher"
    class="launcher"
    type="button"
    aria-label=${open ? t('close') : label}
    aria-expanded=${open ? 'true' : 'false'}
    @click=${onToggle}
    @pointerenter=${onIntent}
    @focus=${onIntent}
  >
    <svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true">
      ${
        open
          ? svg`<path d="M6 6l12 12M18 6L6 18" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" />`
          : svg`<path
            fill="currentColor"
            d="M12 3C6.5 3 2 6.8 2 11.5c0 2.4 1.2 4.6 3.1 6.1L4.5 21l3.9-1.9c1.1.3 2.3.5 3.6.5 5.5 0 10-3.8 10-8.5S17.5 3 12 3z"
          />`
      }
    </svg>
    ${unread && !open ? html`<span class="badge" aria-hidden="true">${unread > 99 ? '99+' : unread}</span>` : nothing}
  </button>`;
};
