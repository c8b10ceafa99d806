// The real-server journeys of the workbench (src/desk/*.test.ts): an agent's desk on the test page, signed in
// through its form, and customers in the widget who ask for a person.
import { sendKeys } from '@web/test-runner-commands';
import type { DeskRootElement } from '../desk/desk.js';
import { createHttpAdapter, init, type ServiceHallOptions } from '../index.js';
import { deepQuery, deepQueryAll, deepText, waitFor } from './dom.js';
import { chord } from './engine.js';
import { realServer, serverUrl } from './server.js';

/** The demo agent the journeys sign in as. */
export const AGENT = 'wei@demo.test';
export const byText = (root: ParentNode, selector: string, text: string | RegExp) =>
  deepQueryAll<HTMLElement>(root, selector).find((el) =>
    typeof text === 'string' ? el.textContent!.trim() === text : text.test(el.textContent!),
  );

/** A real 4×4 PNG named `name`: the server checks what a file is from its bytes. */
export const photo = async (name: string) => {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 4;
  const g = canvas.getContext('2d')!;
  g.fillStyle = '#c0392b';
  g.fillRect(0, 0, 4, 4);
  const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
  return new File([blob], name, { type: 'image/png' });
};

/** Chooses `files` in a file input, as the file dialog would. */
export const choose = (input: HTMLInputElement, files: File[]) => {
  const data = new DataTransfer();
  for (const file of files) data.items.add(file);
  input.files = data.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
};

/** Signs in through the form, as an agent would. */
const signIn = async (desk: DeskRootElement, agent = AGENT) => {
  const form = await waitFor(() => deepQuery<HTMLFormElement>(desk, '[part~="sign-in"]'), 'the sign-in form', 8000);
  form.querySelector<HTMLInputElement>('input[type="email"]')!.value = agent;
  form.querySelector<HTMLInputElement>('input[type="password"]')!.value = 'service-hall-demo';
  form.requestSubmit();
  await waitFor(() => desk.desk.$auth.get() === 'signed-in' && desk.desk.$presence.get() === 'online', 'online');
};

/** The element that has the focus, through open shadow roots. */
export const focused = (): Element | null => {
  let at = document.activeElement;
  while (at?.shadowRoot?.activeElement) at = at.shadowRoot.activeElement;
  return at;
};

/** Presses Tab (or Shift+Tab) until the focused element passes `test`: how a keyboard user gets there. */
export const tabTo = async (test: (el: Element) => boolean, what: string, back = false) => {
  for (let i = 0; i < 120; i++) {
    const at = focused();
    if (at && test(at)) return at as HTMLElement;
    // A chord, not down/up: WebDriver engines take only `press` and `type` from sendKeys.
    await (back ? chord(['Shift', 'Tab']) : sendKeys({ press: 'Tab' }));
  }
  throw new Error(`Tab never reached ${what}; the focus is on ${focused()?.outerHTML.slice(0, 120)}`);
};

/** Desks opened by a test, removed after it whatever happened. */
const opened = new Set<DeskRootElement>();

/** Registers a desk made by the test itself, for {@link closeDesks}. */
export const adoptDesk = (desk: DeskRootElement) => void opened.add(desk);

/**
 * After each test: ends the conversations each desk still holds (left open, they would fill the demo agent's
 * limit for the next test and the next engine), signs out and removes the desks.
 */
export const closeDesks = async () => {
  for (const desk of opened) {
    if (desk.desk?.$auth.get() === 'signed-in') {
      for (const [id, chat] of Object.entries(desk.desk.$chats.get()))
        if (chat.summary.human === 'connected') await desk.desk.end(id);
      await desk.desk.signOut();
    }
    desk.remove();
  }
  opened.clear();
};

/** A desk on the page, signed in as `agent` (default {@link AGENT}), in English unless told. */
export const openDesk = async ({
  agent = AGENT,
  locale = 'en',
  theme = 'light',
}: { agent?: string; locale?: string; theme?: 'light' | 'dark' } = {}) => {
  await serverUrl();
  const element = document.createElement('sh-desk');
  opened.add(element);
  element.setAttribute('locale', locale);
  element.theme = theme;
  document.body.append(element);
  await signIn(element, agent);
  return element;
};

/** A desk signed in with ticket `id` open: its list item found and chosen. Answers the tickets screen's root. */
export const openTicketOnDesk = async (id: string) => {
  const desk = await openDesk();
  byText(desk, 'nav button', 'Tickets')!.click();
  const item = await waitFor(
    () => deepQueryAll(desk, '[part~="ticket-item"]').find((i) => deepText(i).includes(id)),
    'the ticket in the list',
    10_000,
  );
  item.querySelector('button')!.click();
  return { desk, tickets: () => deepQuery(desk, 'sh-desk-tickets')!.shadowRoot! };
};

/**
 * The widget of customer `user` on the real server: signed by the server's secret as a site's backend would sign
 * them, talking HTTP to its API. Not opened yet.
 */
export const signedWidget = async (
  user: { id: string; name?: string; tier?: string },
  options: Pick<ServiceHallOptions, 'locale' | 'context'> = {},
) => {
  const url = await serverUrl();
  const token = await realServer<string>({ action: 'customer', sub: user.id, name: user.name, tier: user.tier });
  return init({
    adapter: createHttpAdapter({ endpoint: `${url}/api/`, backoffMs: 50 }),
    locale: 'en',
    ...options,
    user: { ...user, token },
  });
};

/** A signed-in customer in the widget who asked for a person, waiting in `desk`'s queue. */
export const waitingCustomer = async (desk: DeskRootElement, label: string) => {
  const run = `${label}-${Date.now().toString(36)}`;
  const name = `Customer ${run}`;
  const handle = await signedWidget({ id: run, name });
  await handle.open();
  await handle.ask('My parcel is late, can a person help?');
  await handle.escalate();
  const item = await waitFor(
    () => deepQueryAll(desk, '[part~="queue-item"]').find((i) => deepText(i).includes(name)),
    'the customer in the queue',
    10_000,
  );
  return { handle, widget: handle.element, name, item };
};
