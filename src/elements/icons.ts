import { svg } from 'lit';

// 24×24 single-path outline icons, drawn for this widget, so no icon font or third-party request is needed.
// A few are solid shapes: their element fills them with `fill: currentColor` on the svg.
const PATHS: Record<string, string> = {
  truck: 'M3 6h11v9H3zM14 9h4l3 3v3h-7zM7 18.5a1.5 1.5 0 1 0 0-.01M17 18.5a1.5 1.5 0 1 0 0-.01',
  invoice: 'M6 3h12v18l-3-2-3 2-3-2-3 2zM9 8h6M9 12h6M9 16h3',
  refund: 'M4 12a8 8 0 1 0 3-6.2M4 4v4h4M12 8v8M9.5 10.5h4a1.5 1.5 0 0 1 0 3h-3a1.5 1.5 0 0 0 0 3h4',
  address: 'M12 21s-7-6.2-7-11a7 7 0 0 1 14 0c0 4.8-7 11-7 11zM12 12.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5z',
  cancel: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM8.5 8.5l7 7M15.5 8.5l-7 7',
  camera: 'M4 8h4l2-3h4l2 3h4v11H4zM12 16.5a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7z',
  card: 'M3 6h18v12H3zM3 10h18M7 15h4',
  help: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6v.6M12 17h.01',
  back: 'M15 5l-7 7 7 7',
  close: 'M6 6l12 12M18 6L6 18',
  screen: 'M3 4h18v12H3zM8 20h8M12 16v4M7 8h4M7 11h7',
  attach: 'M20 11.5l-8.2 8.2a5 5 0 0 1-7.1-7.1l8.5-8.5a3.3 3.3 0 0 1 4.7 4.7l-8.5 8.5a1.7 1.7 0 0 1-2.4-2.4l7.8-7.8',
  tick: 'M5 12.5l4.5 4.5L19 7.5',
  alert: 'M12 7v6M12 17h.01',
  send: 'M4 12l16-8-6 16-2.5-6.5z',
  star: 'M12 2.8l2.8 5.8 6.3.9-4.6 4.4 1.1 6.3L12 17.2l-5.6 3 1.1-6.3-4.6-4.4 6.3-.9z',
  human:
    'M12 2a7 7 0 0 0-7 7v3a3 3 0 0 0 3 3h1v-6H7a5 5 0 0 1 10 0h-2v6h2v1a2 2 0 0 1-2 2h-2v2h2a4 4 0 0 0 4-4v-1.2A3 3 0 0 0 19 12V9a7 7 0 0 0-7-7z',
};

/** An outline icon from the built-in set; unknown names fall back to a question mark. */
export const icon = (name?: string, size = 22) =>
  svg`<svg viewBox="0 0 24 24" width=${size} height=${size} aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"><path d=${PATHS[name ?? ''] ?? PATHS.help!} /></svg>`;
