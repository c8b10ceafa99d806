import { css } from 'lit';
import { tokens } from '../tokens.styles.js';

export const styles = [
  tokens,
  css`
    :host {
      /* The host element takes no room in the page: the launcher and panel are fixed-position. */
      display: contents;
    }
    :host([data-mode='inline']) {
      display: block;
      block-size: 100%;
    }
    .launcher {
      all: initial;
      position: fixed;
      inset-block-end: calc(var(--_offset-y) + env(safe-area-inset-bottom, 0px));
      inset-inline-end: calc(var(--_offset-x) + env(safe-area-inset-right, 0px));
      z-index: var(--_z);
      box-sizing: border-box;
      inline-size: 56px;
      block-size: 56px;
      border-radius: 50%;
      display: grid;
      place-items: center;
      cursor: pointer;
      background: var(--_brand);
      color: var(--_on-brand);
      box-shadow: 0 4px 14px rgb(0 0 0 / 0.25);
      transition: transform 0.15s ease;
    }
    :host([data-position='left']) .launcher {
      inset-inline-end: auto;
      inset-inline-start: calc(var(--_offset-x) + env(safe-area-inset-left, 0px));
    }
    .launcher:hover {
      transform: scale(1.06);
    }
    .launcher:focus-visible {
      outline: 3px solid var(--_focus);
      outline-offset: 3px;
    }
    .badge {
      position: absolute;
      inset-block-start: -2px;
      inset-inline-end: -2px;
      min-inline-size: 20px;
      block-size: 20px;
      padding-inline: 5px;
      box-sizing: border-box;
      border-radius: 10px;
      background: var(--_danger);
      color: #fff;
      font: 700 12px/20px var(--_font);
      text-align: center;
    }
    /* Where the panel would be when it cannot load: the message and a retry, beside the launcher. */
    .load-error {
      all: initial;
      position: fixed;
      inset-block-end: calc(var(--_offset-y) + 72px);
      inset-inline-end: var(--_offset-x);
      z-index: var(--_z);
      box-sizing: border-box;
      inline-size: min(320px, calc(100vw - 2 * var(--_offset-x)));
      padding: 16px;
      border-radius: var(--_radius);
      background: var(--_surface);
      color: var(--_text);
      font: 14px/1.5 var(--_font);
      box-shadow: 0 8px 28px rgb(0 0 0 / 0.25);
    }
    :host([data-position='left']) .load-error {
      inset-inline-end: auto;
      inset-inline-start: var(--_offset-x);
    }
    .load-error p {
      margin: 0 0 12px;
    }
    .load-error button {
      all: initial;
      cursor: pointer;
      padding: 6px 14px;
      border-radius: 999px;
      background: var(--_brand);
      color: var(--_on-brand);
      font: 600 14px/1.5 var(--_font);
    }
    .load-error button:focus-visible {
      outline: 3px solid var(--_focus);
      outline-offset: 2px;
    }
    @media (prefers-reduced-motion: reduce) {
      .launcher {
        transition: none;
      }
    }
  `,
];
