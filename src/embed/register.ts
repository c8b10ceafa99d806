import { ServiceHallElement, type PanelModule } from '../elements/service-hall/service-hall.js';
import { defineElements } from '../elements/registry.js';
import { loadPanel, warmIntl } from './load-panel.js';

// The workbench registers its elements through the same function.
export { defineElements };

/** Registers `<service-hall>` now and the panel's elements when the panel chunk loads. */
export const defineServiceHall = (): void => {
  ServiceHallElement.loadPanel ??= () => {
    // Started with the panel's first load (at idle, or on intent), to be done before the panel's first render.
    const intlWarmed = warmIntl();
    return loadPanel().then((panel): PanelModule => {
      defineElements(panel.elements);
      return { ...panel, createPanelSession: (...args) => panel.createPanelSession(...args, intlWarmed) };
    });
  };
  defineElements({ 'service-hall': ServiceHallElement });
};
