import { expect } from '@open-wc/testing';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { createMemoryAdapter, type ServiceHallHandle } from '../index.js';
import { deepQueryAll, waitFor } from '../test/dom.js';
import { ServiceHall, useServiceHall, useUnread } from './index.js';

describe('Preact bindings', () => {
  let host: HTMLElement;
  beforeEach(() => {
    host = document.createElement('div');
    host.style.height = '640px';
    document.body.append(host);
  });
  afterEach(() => {
    render(null, host);
    host.remove();
    localStorage.clear();
  });

  it('<ServiceHall mode="inline"> renders the hall in place and calls on* props', async () => {
    const seen: string[] = [];
    act(() =>
      render(
        <ServiceHall
          mode="inline"
          locale="en"
          adapter={createMemoryAdapter({ latency: 0 })}
          onReady={() => seen.push('ready')}
          onMessage={({ message }) => seen.push(`message:${message.role}`)}
        />,
        host,
      ),
    );
    const element = await waitFor(() => host.querySelector('service-hall'), 'the element');
    await waitFor(() => deepQueryAll(element, '[part~="order-card"]').length, 'the hall');
    await waitFor(() => seen.includes('ready'), 'onReady');
    await element.ask('Where is my package?');
    await waitFor(() => seen.includes('message:bot'), 'onMessage with the answer');
  });

  it('unmounting destroys the widget', async () => {
    act(() => render(<ServiceHall mode="inline" locale="en" adapter={createMemoryAdapter({ latency: 0 })} />, host));
    await waitFor(() => host.querySelector('service-hall'), 'the element');
    act(() => render(null, host));
    expect(document.querySelector('service-hall')).to.equal(null);
  });

  it('useServiceHall and useUnread give the host app the handle and the unread count', async () => {
    let handle: ServiceHallHandle | undefined;
    let unread = -1;
    function Badge() {
      handle = useServiceHall({
        adapter: createMemoryAdapter({ latency: 0, timing: { botDelayMs: 5, typingMs: 5 } }),
        locale: 'en',
      });
      unread = useUnread(handle);
      return <span>{unread}</span>;
    }
    act(() => render(<Badge />, host));
    await waitFor(() => handle, 'the handle');
    expect(unread).to.equal(0);
    // A question asked while the panel is closed: the bot's answer counts as unread.
    await handle!.ask('Where is my package?');
    handle!.close();
    handle!.element.session!.send('How do I get a refund?');
    await waitFor(() => unread > 0, 'an unread answer', 8000);
    expect(host.textContent).to.equal(String(unread));
  });
});
