import { css } from 'lit';

/** Dark defaults, applied by `theme: 'dark'` and by `theme: 'auto'` when the system is dark. */
const dark = css`
  --_brand: var(--sh-color-brand, #ff8a8a);
  --_on-brand: var(--sh-color-on-brand, #2b0006);
  --_surface: var(--sh-color-surface, #17191c);
  --_surface-2: var(--sh-color-surface-2, #24272b);
  --_text: var(--sh-color-text, #eceef1);
  --_muted: var(--sh-color-muted, #b0b6bf);
  --_border: var(--sh-color-border, #3b4047);
  --_link: var(--sh-color-link, #9cc3ff);
  --_danger: var(--sh-color-danger, #ffb4ab);
  --_warning-bg: var(--sh-color-warning-bg, #3d2e00);
  --_warning-text: var(--sh-color-warning-text, #ffe08a);
  --_critical-bg: var(--sh-color-critical-bg, #4a1411);
  --_critical-text: var(--sh-color-critical-text, #ffdad5);
  --_info-bg: var(--sh-color-info-bg, #10264d);
  --_info-text: var(--sh-color-info-text, #d6e3ff);
  --_success: var(--sh-color-success, #7dd99a);
  --_focus: var(--sh-color-focus, #9cc3ff);
`;

/**
 * The styling contract's first two layers: public `--sh-*` tokens feed private `--_*` variables,
 * which are all any element's styles read. Dark values meet WCAG 2.2 AA on their own surfaces.
 * Sizes are px so the host's root font size cannot change the widget. The font stack starts with `system-ui`,
 * the platform's UI font in every current browser, found at once: each name of another platform's font ahead of
 * it would be looked up, and missed, on the panel's first layout (15-20 ms of it on Linux).
 */
export const tokens = css`
  :host {
    --_brand: var(--sh-color-brand, #c8102e);
    --_on-brand: var(--sh-color-on-brand, #ffffff);
    --_surface: var(--sh-color-surface, #ffffff);
    --_surface-2: var(--sh-color-surface-2, #f4f5f7);
    --_text: var(--sh-color-text, #1f2328);
    --_muted: var(--sh-color-muted, #59606a);
    --_border: var(--sh-color-border, #d6d9de);
    --_link: var(--sh-color-link, #0b57d0);
    --_danger: var(--sh-color-danger, #b3261e);
    --_warning-bg: var(--sh-color-warning-bg, #fff4d6);
    --_warning-text: var(--sh-color-warning-text, #5c3d00);
    --_critical-bg: var(--sh-color-critical-bg, #fde7e7);
    --_critical-text: var(--sh-color-critical-text, #8c1d18);
    --_info-bg: var(--sh-color-info-bg, #e6f0ff);
    --_info-text: var(--sh-color-info-text, #0b3d91);
    --_success: var(--sh-color-success, #1b6e3a);
    --_focus: var(--sh-color-focus, #0b57d0);
    --_radius: var(--sh-radius, 12px);
    --_font: var(
      --sh-font-family,
      system-ui,
      'PingFang SC',
      'Hiragino Sans GB',
      'Microsoft YaHei',
      'Noto Sans CJK SC',
      sans-serif
    );
    --_offset-x: 20px;
    --_offset-y: 20px;
    --_z: 1000;
  }
  :host([data-theme='dark']) {
    ${dark}
  }
  @media (prefers-color-scheme: dark) {
    :host([data-theme='auto']) {
      ${dark}
    }
  }
`;
