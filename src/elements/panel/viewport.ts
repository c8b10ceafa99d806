import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Keeps a full-screen panel inside the visual viewport, so the composer stays above the on-screen
 * keyboard: iOS Safari and most webviews shrink only the visual viewport when the keyboard opens,
 * leaving `100vh`/`100dvh` behind the keyboard.
 */
export class VisualViewportController implements ReactiveController {
  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  #update = (): void => {
    const viewport = window.visualViewport;
    if (!viewport) return;
    this.host.style.setProperty('--_viewport-height', `${viewport.height}px`);
    this.host.style.setProperty('--_viewport-top', `${viewport.offsetTop}px`);
  };

  hostConnected(): void {
    window.visualViewport?.addEventListener('resize', this.#update);
    window.visualViewport?.addEventListener('scroll', this.#update);
    this.#update();
  }

  hostDisconnected(): void {
    window.visualViewport?.removeEventListener('resize', this.#update);
    window.visualViewport?.removeEventListener('scroll', this.#update);
  }
}
