/**
 * Service Hall: an embeddable, customer-facing help widget.
 * Importing this module registers nothing and touches no global; `init()` or `service-hall/define` does.
 */
export { init, type ServiceHallHandle } from './embed/api.js';
export { createMemoryAdapter, type MemoryAdapter, type MemoryData } from './adapters/memory/index.js';
export { createHttpAdapter, type HttpAdapterOptions } from './adapters/http/index.js';
export { version } from './version.js';
export { AdapterError, capabilitiesOf } from './core/adapter.js';
export type * from './core/adapter.js';
export type * from './core/types.js';
export type * from './core/options.js';
export type { ServiceHallEventMap, ServiceHallEvent } from './elements/events.js';
export type { ServiceHallElement } from './elements/service-hall/service-hall.js';
