const FOCUSABLE =
  'button:not([disabled]),[href],input:not([disabled]),select:not([disabled]),textarea:not([disabled]),[tabindex]:not([tabindex="-1"])';

/**
 * Focusable elements in tree order, looking into open shadow roots: the panel is made of nested
 * custom elements, so `querySelectorAll` on one root cannot see them all.
 */
export const focusableIn = (root: ParentNode): HTMLElement[] => {
  const found: HTMLElement[] = [];
  const walk = (node: ParentNode) => {
    for (const child of Array.from(node.children)) {
      if (!(child instanceof HTMLElement) || child.hidden || child.inert) continue;
      if (child.matches(FOCUSABLE) && child.checkVisibility()) found.push(child);
      if (child.shadowRoot) walk(child.shadowRoot);
      walk(child);
    }
  };
  walk(root);
  return found;
};

/** The focused element, looking through shadow roots. */
export const deepActiveElement = (): Element | null => {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
};
