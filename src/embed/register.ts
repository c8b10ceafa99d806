import { ServiceHallElement, type PanelModule } from '../elements/service-hall/service-hall.js';
import { loadPanel } from './load-panel.js';

/**
 * The one place that calls `customElements.define`. An element that is already defined is skipped,
 * so loading the script twice, or the script tag next to the ES module, is harmless.
 */
export const defineElements = (elements: Record<string, CustomElementConstructor>): void => {
  for (const [name, ctor] of Object.entries(elements)) {
    if (!customElements.get(name)) customElements.define(name, ctor);
  }
};

/** Registers `<service-hall>` now and the panel's elements when the panel chunk loads. */
export const defineServiceHall = (): void => {
  ServiceHallElement.loadPanel ??= () =>
    loadPanel().then((panel): PanelModule => {
      defineElements(panel.elements);
      return panel;
    });
  defineElements({ 'service-hall': ServiceHallElement });
};
