import { expect } from '@open-wc/testing';
import { AdapterError, capabilitiesOf, toAdapterError, type Adapter } from './adapter.js';

describe('adapter contract helpers', () => {
  it('derives capabilities from the operations an adapter has', () => {
    const adapter = {
      loadHall: async () => ({}) as never,
      sendMessage: async () => ({}) as never,
      subscribe: () => () => {},
      rate: async () => {},
    } satisfies Adapter;
    const caps = capabilitiesOf(adapter);
    expect(caps.rating).to.equal(true);
    expect(caps.human).to.equal(false);
    expect(caps.attachments).to.equal(false);
  });

  it('wraps anything thrown into a typed AdapterError', () => {
    expect(toAdapterError(new TypeError('Failed to fetch')).code).to.equal('network');
    expect(toAdapterError(new DOMException('x', 'AbortError')).code).to.equal('aborted');
    const rejected = new AdapterError('rejected', 'bad', 400);
    expect(toAdapterError(rejected)).to.equal(rejected);
    expect(rejected.retryable).to.equal(false);
    expect(new AdapterError('server', 'busy', 503).retryable).to.equal(true);
  });
});
