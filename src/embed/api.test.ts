import { expect } from '@open-wc/testing';
import './define.js';
import { createMemoryAdapter, init, type ServiceHallHandle } from '../index.js';
import { startMockServer } from '../mocks/browser.js';
import { deepQueryAll, waitFor } from '../test/dom.js';
import { itWhen, workerStreams } from '../test/engine.js';

const FAST = { latency: 0, timing: { queueStepMs: 10, agentJoinMs: 10, typingMs: 5, botDelayMs: 5 } } as const;
const messages = (root: Element) => deepQueryAll(root, '[part~="message"]');

describe('the handle API', () => {
  const handles: ServiceHallHandle[] = [];
  const make = (options: Parameters<typeof init>[0] = {}) => {
    const handle = init({ adapter: createMemoryAdapter(FAST), locale: 'en', ...options });
    handles.push(handle);
    return handle;
  };
  afterEach(() => {
    handles.splice(0).forEach((h) => h.destroy());
    document.querySelectorAll('service-hall, .container').forEach((el) => el.remove());
    localStorage.clear();
  });

  it('calling init twice reuses the widget and applies the new options', async () => {
    const first = make();
    const second = init({ position: 'left' });
    expect(second).to.equal(first);
    expect(document.querySelectorAll('service-hall').length).to.equal(1);
    await first.element.updateComplete;
    expect(first.element.position).to.equal('left');
  });

  it('destroy removes the element and stops listeners; a later init starts afresh', async () => {
    const handle = make();
    let opens = 0;
    handle.on('open', () => opens++);
    await handle.open();
    handle.destroy();
    expect(document.querySelector('service-hall')).to.equal(null);
    expect(handle.element.session).to.equal(undefined);
    const next = make();
    expect(next).not.to.equal(handle);
    await next.open();
    expect(opens).to.equal(1);
  });

  it('on() returns an unsubscribe function', async () => {
    const handle = make();
    let count = 0;
    const off = handle.on('open', () => count++);
    await handle.open();
    handle.close();
    off();
    await handle.open();
    expect(count).to.equal(1);
  });

  it('ask() opens the panel and sends the question; the answer arrives', async () => {
    const handle = make();
    const seen: string[] = [];
    handle.on('message', ({ message }) => seen.push(message.role));
    await handle.ask('Where is my package?');
    await waitFor(() => messages(handle.element).length >= 2, 'question and answer');
    expect(handle.element.opened).to.equal(true);
    expect(seen).to.include('bot');
  });

  it('identify() to another customer leaves nothing of the previous one', async () => {
    const handle = make({ user: { id: 'alice', name: 'Alice' } });
    await handle.ask('Where is my package?');
    await waitFor(() => messages(handle.element).length >= 2, 'alice’s conversation');
    await handle.identify({ id: 'bob', name: 'Bob' });
    await handle.element.updateComplete;
    await waitFor(() => messages(handle.element).length === 0, 'an empty conversation for bob');
    expect(JSON.stringify({ ...localStorage })).not.to.contain('Where is my package?');
  });

  it('inline mode renders into its container, without launcher, always open', async () => {
    const container = Object.assign(document.createElement('div'), { className: 'container' });
    container.style.height = '600px';
    document.body.append(container);
    const handle = make({ mode: 'inline', container });
    expect(handle.element.parentElement).to.equal(container);
    await waitFor(() => deepQueryAll(handle.element, '[part~="order-card"]').length, 'the hall');
    expect(deepQueryAll(handle.element, '[part~="launcher"]')).to.have.length(0);
    handle.close();
    expect(handle.element.opened).to.equal(true);
  });

  it('inline mode without a container is a clear error', () => {
    expect(() => init({ mode: 'inline', container: '#missing' })).to.throw(TypeError, /container/);
  });
});

describe('declarative <service-hall>', () => {
  afterEach(() => document.querySelectorAll('.container').forEach((el) => el.remove()));

  it('works from attributes alone, on the built-in sample backend', async () => {
    const container = Object.assign(document.createElement('div'), { className: 'container' });
    container.innerHTML = '<service-hall mode="inline" locale="en" style="height: 600px"></service-hall>';
    document.body.append(container);
    const element = container.querySelector('service-hall')!;
    await waitFor(() => deepQueryAll(element, '[part~="order-card"]').length, 'the hall', 8000);
    expect(deepQueryAll(element, '[part~="header"]')[0]!.textContent).to.contain('Agents online');
  });

  // The answer comes on msw's mocked event stream, which WebKit cannot stream (engine.ts).
  itWhen(workerStreams)('talks to the endpoint in its attribute, over the reference HTTP protocol', async () => {
    const server = await startMockServer('/api/declarative/', createMemoryAdapter({ latency: 0 }));
    try {
      const container = Object.assign(document.createElement('div'), { className: 'container' });
      container.innerHTML =
        '<service-hall mode="inline" locale="en" endpoint="/api/declarative/" style="height: 600px"></service-hall>';
      document.body.append(container);
      const element = container.querySelector('service-hall')!;
      await waitFor(() => deepQueryAll(element, '[part~="order-card"]').length, 'the hall from the endpoint', 8000);
      await element.ask('Where is my package?');
      await waitFor(() => element.session!.$messages.get().some((m) => m.role === 'bot'), 'the answer', 8000);
      element.dispose();
    } finally {
      server.stop();
    }
  });
});
