// The whole customer journey by keyboard alone, with axe run on the live widget at each step, in light
// and dark, on the memory adapter, on the HTTP adapter against the reference protocol (msw), and against the
// real reference server (scripts/wtr-server.js), where an agent answers through the desk API:
// open → choose a suggestion → answer → not solved → human → queue → agent → end → rating → close,
// focus checked along the way.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Adapter } from '../core/adapter.js';
import { createHttpAdapter, createMemoryAdapter, init, type Customer, type ServiceHallHandle } from '../index.js';
import { startMockServer, type MockServer } from '../mocks/browser.js';
import { createHandlers } from '../mocks/handlers.js';
import { expectAccessible } from '../test/axe.js';
import { deepQuery, deepQueryAll, deepText, waitFor } from '../test/dom.js';
import { realServer as real, serverUrl } from '../test/server.js';
import { deepActiveElement } from './focus.js';
import { workerStreams } from '../test/engine.js';

const FAST = { latency: 0, timing: { queueStepMs: 30, agentJoinMs: 30, typingMs: 10, botDelayMs: 10 } } as const;

/** Presses Tab until `match` has focus; fails after `limit` presses, as a keyboard user would give up. */
const tabTo = async (match: (el: Element) => boolean, what: string, limit = 60) => {
  for (let i = 0; i < limit; i++) {
    const active = deepActiveElement();
    if (active && match(active)) return active as HTMLElement;
    await sendKeys({ press: 'Tab' });
  }
  throw new Error(`could not reach ${what} with Tab`);
};
const byText = (text: string | RegExp) => (el: Element) =>
  el.tagName === 'BUTTON' && (typeof text === 'string' ? el.textContent!.trim() === text : text.test(el.textContent!));

const ENDPOINT = '/api/journey/';
const OFFLINE_ENDPOINT = '/api/journey-offline/';
const OFFLINE = { ...FAST, service: { humanAvailable: false } };
let server: Promise<MockServer> | undefined;
/** One worker for the file (msw does not like being restarted in a page); each run is its own customer. */
const mockServer = () =>
  (server ??= startMockServer(ENDPOINT, createMemoryAdapter(FAST)).then((running) => {
    running.worker.use(...createHandlers(OFFLINE_ENDPOINT, createMemoryAdapter(OFFLINE)));
    return running;
  }));
const backends = {
  memory: async (offline = false): Promise<Adapter> => createMemoryAdapter(offline ? OFFLINE : FAST),
  http: async (offline = false): Promise<Adapter> => {
    await mockServer();
    return createHttpAdapter({ endpoint: offline ? OFFLINE_ENDPOINT : ENDPOINT, backoffMs: 50 });
  },
};

after(async () => (await server)?.stop());

const desk = (method: string, path: string, body?: unknown) =>
  real<{ status: number; body: { conversation: { id: string } } }>({ action: 'desk', method, path, body });

const queue = () =>
  real<{ body: { queue: { conversationId: string; customer: { id: string } }[] } }>({
    action: 'desk',
    method: 'GET',
    path: 'queue',
  });

/** What a journey runs on: the adapter, the customer, and on the real server an agent who answers. */
const journeyBackend = async (backend: 'memory' | 'http' | 'server', id: string) => {
  if (backend !== 'server') return { adapter: await backends[backend](), user: { id } as Customer };
  const url = await serverUrl();
  await desk('PUT', 'presence', { status: 'online' });
  return {
    adapter: createHttpAdapter({ endpoint: `${url}/api/`, backoffMs: 50 }),
    user: { id, token: await real<string>({ action: 'customer', sub: id, name: 'Keyboard' }) } as Customer,
    /**
     * The agent takes this customer from the queue and answers. The widget shows the queue while its request is
     * still under way, and other tests' customers may be waiting too: the agent waits for this one and takes it.
     */
    async answer() {
      let conversation: string | undefined;
      for (const end = performance.now() + 5000; ; await new Promise((r) => setTimeout(r, 50))) {
        // The server keys a site's signed-in customer as `u:<sub>`.
        conversation = (await queue()).body.queue.find((entry) => entry.customer.id === `u:${id}`)?.conversationId;
        if (conversation || performance.now() > end) break;
      }
      expect(conversation, 'the customer reaches the desk queue').to.be.a('string');
      const taken = await desk('POST', `conversations/${conversation}/assign`, {});
      expect(taken.status, 'the agent takes the customer').to.equal(200);
      await desk('POST', `conversations/${conversation}/messages`, {
        clientId: `${id}-1`,
        text: 'Hello, Lina here. Let me check that for you.',
      });
    },
  };
};

for (const [backend, theme] of [
  ['memory', 'light'],
  ['memory', 'dark'],
  ['http', 'light'],
  ['server', 'light'],
] as const) {
  // Over msw the agent's replies come on a mocked event stream, which WebKit's msw cannot stream (engine.ts).
  (backend !== 'http' || workerStreams ? describe : describe.skip)(
    `the journey by keyboard (${backend} adapter, ${theme})`,
    () => {
      let handle: ServiceHallHandle | undefined;
      afterEach(() => {
        handle?.destroy();
        localStorage.clear();
      });

      it('open → suggestion → answer → human → agent → end → rating → close', async function () {
        // The real server starts on first use, from the source, on a fresh embedded database. Elsewhere the budget
        // covers five axe runs, which take WebKit several seconds each.
        this.timeout(backend === 'server' ? 120_000 : 40_000);
        const run = await journeyBackend(backend, `kb-${backend}-${theme}-${Date.now().toString(36)}`);
        const { adapter, user } = run;
        const widget = init({ adapter, locale: 'en', theme, user });
        handle = widget;
        const root = widget.element;
        await root.updateComplete;

        // Open from the launcher with the keyboard; focus moves into the dialog.
        const launcher = deepQuery<HTMLButtonElement>(root, '[part~="launcher"]')!;
        launcher.focus();
        await sendKeys({ press: 'Enter' });
        await waitFor(() => deepQueryAll(root, '[part~="order-card"]').length, 'the hall');
        await waitFor(() => deepActiveElement()?.getAttribute('part') === 'panel', 'focus in the dialog');
        await expectAccessible(root, 'hall');

        // Type a question, pick the first suggestion with the arrow keys.
        await tabTo((el) => el.matches('[part~="input"]'), 'the composer');
        await sendKeys({ type: 'refund' });
        // Actions are listed first; articles join them once the knowledge has loaded.
        const article = await waitFor(() => {
          const index = deepQueryAll(root, '[part~="suggestion"]').findIndex((o) => /Article/.test(o.textContent!));
          return index >= 0 && index + 1;
        }, 'an article among the suggestions').then((n) => n - 1);
        await expectAccessible(root, 'suggestions');
        // Move down to the first article, as a customer with a question would.
        for (let i = 0; i <= article; i++) await sendKeys({ press: 'ArrowDown' });
        await sendKeys({ press: 'Enter' });
        await waitFor(() => deepQueryAll(root, '[part~="message"]').length >= 2, 'the answer', 8000);
        await waitFor(() => deepQueryAll(root, 'button').find(byText('No')), 'the helpful question');
        await expectAccessible(root, 'answer');

        // Not solved: the human is offered at once, and taken.
        (await tabTo(byText('No'), '"No"')).click();
        const offer = await waitFor(
          () => deepQueryAll<HTMLButtonElement>(deepQuery(root, 'sh-messages')!, 'button').find(byText('Human agent')),
          'the offer of a human',
        );
        await tabTo((el) => el === offer, 'the offer');
        await sendKeys({ press: 'Enter' });
        await waitFor(() => deepQuery(root, '[part~="queue-status"]'), 'the queue');
        await expectAccessible(root, 'queued');
        await run.answer?.();
        const agent = await waitFor(
          () => root.session!.$messages.get().find((m) => m.role === 'agent'),
          'the agent',
          8000,
        );
        await waitFor(
          () => deepQueryAll(root, '[part~="message"]').some((m) => deepText(m).includes(agent.text.slice(0, 12))),
          'the agent’s reply on screen',
        );

        // End the conversation and rate it, by keyboard.
        (await tabTo(byText('End conversation'), 'End conversation')).click();
        const star = await waitFor(
          () => deepQuery<HTMLInputElement>(root, '[part~="rating"] input[type="radio"]'),
          'the rating',
        );
        await expectAccessible(root, 'rating');
        star.focus();
        await sendKeys({ press: 'ArrowRight' });
        await sendKeys({ press: 'ArrowRight' });
        await sendKeys({ press: 'ArrowRight' });
        const ratings: number[] = [];
        handle.on('rating', (r) => r.articleId === undefined && ratings.push(r.score));
        await tabTo(byText('Submit'), 'Submit');
        await sendKeys({ press: 'Enter' });
        await waitFor(() => ratings.length === 1, 'the rating event');
        expect(ratings).to.deep.equal([4]);

        // Escape closes, and focus returns to the launcher.
        await sendKeys({ press: 'Escape' });
        await waitFor(() => !widget.element.opened, 'closed');
        await waitFor(() => root.shadowRoot!.activeElement === launcher, 'focus back on the launcher');
      });
    },
  );
}

/** The field labelled `label` in a form inside `host`'s shadow root. */
const field = <E extends HTMLElement>(host: Element, label: string): E => {
  const root = host.shadowRoot!;
  const found = Array.from(root.querySelectorAll('label')).find(
    (l) => l.textContent!.replace('*', '').trim() === label,
  );
  if (!found) throw new Error(`no field labelled ${label}`);
  return root.getElementById(found.htmlFor) as E;
};
const fill = (el: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string) => {
  el.value = value;
  el.dispatchEvent(new Event('input'));
};

for (const backend of ['memory', 'http'] as const) {
  describe(`leaving a message and self-service (${backend} adapter)`, () => {
    let handle: ServiceHallHandle;
    afterEach(() => {
      handle.destroy();
      localStorage.clear();
    });

    it('with no agent online, the hand-off becomes a ticket with a receipt number', async () => {
      handle = init({ adapter: await backends[backend](true), locale: 'en', user: { id: `ticket-${backend}` } });
      const tickets: string[] = [];
      handle.on('ticket', ({ receipt }) => tickets.push(receipt.id));
      await handle.escalate();
      const form = await waitFor(() => deepQuery(handle.element, 'sh-ticket-form'), 'the ticket form');
      await waitFor(() => form.shadowRoot!.querySelector('form'), 'its fields');
      fill(field(form, 'Category'), 'Delivery');
      fill(field(form, 'Description'), 'The parcel never came.');
      fill(field(form, 'Phone or email'), 'alex@example.com');
      form.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
      const code = await waitFor(() => form.shadowRoot!.querySelector('code'), 'the receipt');
      expect(code.textContent).to.match(/^T\d{12}$/);
      expect(tickets).to.deep.equal([code.textContent]);
    });

    it('a self-service action runs from its tile and shows its result', async () => {
      handle = init({ adapter: await backends[backend](), locale: 'en', user: { id: `action-${backend}` } });
      const actions: boolean[] = [];
      handle.on('action', ({ result }) => actions.push(result.ok));
      await handle.open();
      const tile = await waitFor(
        () =>
          deepQueryAll<HTMLButtonElement>(handle.element, '[part~="action-tile"]').find((b) =>
            /track/i.test(b.textContent!),
          ),
        'the tracking tile',
      );
      tile.click();
      const form = await waitFor(() => deepQuery(handle.element, 'sh-action-form'), 'the action form');
      const select = await waitFor(() => form.shadowRoot!.querySelector('select'), 'the order picker');
      fill(select, select.options[select.options.length - 1]!.value);
      select.dispatchEvent(new Event('change'));
      form.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
      await waitFor(() => actions.length, 'the action event');
      expect(deepText(form)).to.match(/Back to help/);
    });
  });
}
