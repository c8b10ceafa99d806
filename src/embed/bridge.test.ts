import { expect } from '@open-wc/testing';
import { createMemoryAdapter, init, type ServiceHallHandle } from '../index.js';
import { AdapterError } from '../core/adapter.js';
import { connectBridge, postToNative, type BridgeMessage } from './bridge.js';

const message = (event: BridgeMessage['event'], detail: unknown): BridgeMessage => ({
  source: 'service-hall',
  event,
  detail,
});

describe('webview bridge', () => {
  let handle: ServiceHallHandle | undefined;
  afterEach(() => {
    handle?.destroy();
    localStorage.clear();
  });

  it('prefers iOS, then Android, then React Native, then a WeChat mini-program', () => {
    const got: string[] = [];
    const android = { postMessage: (json: string) => got.push(`android ${json}`) };
    const rn = { postMessage: (json: string) => got.push(`rn ${json}`) };
    const ios = { postMessage: (m: unknown) => got.push(`ios ${JSON.stringify(m)}`) };
    const wx = { postMessage: (m: { data: unknown }) => got.push(`wx ${JSON.stringify(m.data)}`) };

    expect(postToNative(message('open', {}), { ServiceHallAndroid: android, ReactNativeWebView: rn })).to.equal(true);
    expect(
      postToNative(message('open', {}), { webkit: { messageHandlers: { serviceHall: ios } }, ReactNativeWebView: rn }),
    ).to.equal(true);
    expect(postToNative(message('close', {}), { ReactNativeWebView: rn })).to.equal(true);
    expect(postToNative(message('close', {}), { wx: { miniProgram: wx } })).to.equal(true);
    expect(postToNative(message('close', {}), {})).to.equal(false);
    expect(got.map((line) => line.split(' ')[0])).to.deep.equal(['android', 'ios', 'rn', 'wx']);
    expect(JSON.parse(got[2]!.slice(3))).to.deep.equal(message('close', {}));
  });

  it('keeps an error event’s fields in JSON', () => {
    let json = '';
    postToNative(message('error', { error: new AdapterError('rejected', 'bad order', 422, 'order-not-found') }), {
      ReactNativeWebView: { postMessage: (j: string) => (json = j) },
    });
    const { detail } = JSON.parse(json) as { detail: { error: Record<string, unknown> } };
    expect(detail.error).to.include({ name: 'AdapterError', code: 'rejected', status: 422, message: 'bad order' });
  });

  it('forwards widget events to the native side until disconnected', async () => {
    const posted: BridgeMessage[] = [];
    handle = init({ adapter: createMemoryAdapter({ latency: 0 }), locale: 'en' });
    const stop = connectBridge(handle, {
      ReactNativeWebView: { postMessage: (j: string) => posted.push(JSON.parse(j)) },
    });
    await handle.open();
    handle.close();
    expect(posted.map((m) => m.event)).to.include.members(['open', 'close']);
    stop();
    const count = posted.length;
    await handle.open();
    expect(posted.length).to.equal(count);
  });
});
