import { ServiceHallElement, type PanelModule } from '../elements/service-hall/service-hall.js';
import { defineElements } from '../elements/registry.js';
import { loadPanel } from './load-panel.js';

// The workbench registers its elements through the same function.
export { defineElements };

/** Registers `<service-hall>` now and the panel's elements when the panel chunk loads. */
export const defineServiceHall = (): void => {
  ServiceHallElement.loadPanel ??= () =>
    loadPanel().then((panel): PanelModule => {
      defineElements(panel.elements);
      return panel;
    });
  defineElements({ 'service-hall': ServiceHallElement });
};
