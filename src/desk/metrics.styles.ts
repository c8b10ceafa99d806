import { css } from 'lit';

/**
 * uPlot's layout rules (uplot/dist/uPlot.min.css, the parts these charts use: no legend, no title). A page's
 * stylesheet does not reach into the workbench's shadow roots, so the chart's own sheet is adopted here.
 */
export const uplotStyles = css`
  .uplot,
  .uplot * {
    box-sizing: border-box;
  }
  .uplot {
    inline-size: min-content;
    line-height: 1.5;
  }
  .u-wrap {
    position: relative;
    user-select: none;
  }
  .u-over,
  .u-under,
  .u-axis,
  .u-select,
  .u-cursor-x,
  .u-cursor-y,
  .u-cursor-pt {
    position: absolute;
  }
  .u-under {
    overflow: hidden;
  }
  .uplot canvas {
    display: block;
    position: relative;
    inline-size: 100%;
    block-size: 100%;
  }
  .u-select {
    background: color-mix(in srgb, var(--_text) 8%, transparent);
    pointer-events: none;
  }
  .u-cursor-x,
  .u-cursor-y,
  .u-cursor-pt {
    inset-block-start: 0;
    inset-inline-start: 0;
    pointer-events: none;
    will-change: transform;
  }
  .u-hz .u-cursor-x {
    block-size: 100%;
    border-inline-end: 1px dashed var(--_muted);
  }
  .u-hz .u-cursor-y {
    inline-size: 100%;
    border-block-end: 1px dashed var(--_muted);
  }
  .u-cursor-pt {
    border: 0 solid;
    border-radius: 50%;
    /* uPlot sets an inline background shorthand on the point. */
    background-clip: padding-box !important;
  }
  .u-axis.u-off,
  .u-select.u-off,
  .u-cursor-x.u-off,
  .u-cursor-y.u-off,
  .u-cursor-pt.u-off {
    display: none;
  }
`;
