import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ReadableAtom } from 'nanostores';

/**
 * Re-renders its host when any store it watches changes, only while the host is connected. The stores belong to
 * an owner (the widget's session, the workbench's desk) that may be set or replaced after the host connects:
 * before each update the controller follows the host to its current owner.
 */
export class StoreWatch<Owner> implements ReactiveController {
  #off: (() => void)[] = [];
  #owner: Owner | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly owner: () => Owner | undefined,
    private readonly stores: (owner: Owner) => ReadableAtom<unknown>[],
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#follow(this.owner());
  }

  hostDisconnected(): void {
    this.#follow(undefined);
  }

  hostUpdate(): void {
    if (this.owner() !== this.#owner) this.#follow(this.owner());
  }

  #follow(owner: Owner | undefined): void {
    for (const off of this.#off) off();
    this.#owner = owner;
    // `listen` (not `subscribe`) because the update that follows already reads the current values.
    this.#off = owner ? this.stores(owner).map((store) => store.listen(() => this.host.requestUpdate())) : [];
  }
}
