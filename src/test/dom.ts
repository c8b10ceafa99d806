// Test helpers: find elements through nested open shadow roots, and wait for async UI.

/** All matches of `selector` in `root` and every open shadow root below it, in tree order. */
export const deepQueryAll = <E extends Element = HTMLElement>(root: ParentNode, selector: string): E[] => {
  const found: E[] = [];
  const walk = (node: ParentNode) => {
    for (const el of Array.from(node.querySelectorAll('*'))) {
      if (el.matches(selector)) found.push(el as E);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  // Duck-typed, not `instanceof`: roots may come from an iframe, another realm.
  const shadow = (root as Partial<Element>).shadowRoot;
  if (shadow) walk(shadow);
  walk(root);
  return found;
};

export const deepQuery = <E extends Element = HTMLElement>(root: ParentNode, selector: string): E | undefined =>
  deepQueryAll<E>(root, selector)[0];

/** Polls until `check` returns a truthy value, or fails with `message` after `timeout` ms. */
export const waitFor = async <T>(
  check: () => T | undefined | null | false,
  message = 'condition',
  timeout = 5000,
): Promise<T> => {
  const end = performance.now() + timeout;
  for (;;) {
    const value = check();
    if (value) return value;
    if (performance.now() > end) throw new Error(`Timed out waiting for ${message}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

/** Text of an element including what its descendants render in open shadow roots. */
export const deepText = (node: Node): string => {
  const own = (node as Element).shadowRoot;
  const children = [...Array.from(own?.childNodes ?? []), ...Array.from(node.childNodes)];
  return node.nodeType === Node.TEXT_NODE ? node.textContent! : children.map(deepText).join('');
};

/**
 * A paste of `files`, as the browser dispatches it. Built as a plain event with `clipboardData` set, because
 * Firefox's ClipboardEvent constructor ignores the `clipboardData` it is given and makes an empty one.
 */
export const pasteEvent = (files: File[]): ClipboardEvent => {
  const data = new DataTransfer();
  for (const file of files) data.items.add(file);
  const event = new Event('paste', { bubbles: true, composed: true, cancelable: true });
  return Object.defineProperty(event, 'clipboardData', { value: data }) as ClipboardEvent;
};
