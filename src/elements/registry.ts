/**
 * The one place that calls `customElements.define`. An element that is already defined is skipped,
 * so loading the script twice, or the script tag next to the ES module, is harmless.
 */
export const defineElements = (elements: Record<string, CustomElementConstructor>): void => {
  for (const [name, ctor] of Object.entries(elements)) {
    if (!customElements.get(name)) customElements.define(name, ctor);
  }
};
