/**
 * Registers the metrics screen, loading it first: uPlot and the screen are a chunk of their own, fetched when
 * an admin opens the screen, so that the workbench every agent loads does not carry the charts.
 */
import { defineElements } from '../embed/register.js';
import type { DeskMetricsElement } from './metrics.js';

let loading: Promise<void> | undefined;

/** Loads and registers `<sh-desk-metrics>` once; later calls share the first load, or retry a failed one. */
export const defineDeskMetrics = (): Promise<void> =>
  (loading ??= import('./metrics.js').then(
    ({ DeskMetricsElement }) => defineElements({ 'sh-desk-metrics': DeskMetricsElement }),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  ));

declare global {
  interface HTMLElementTagNameMap {
    'sh-desk-metrics': DeskMetricsElement;
  }
}
