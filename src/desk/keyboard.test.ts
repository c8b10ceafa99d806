// The whole desk journey by keyboard alone, on the real reference server (as desk.test.ts): sign in, take the
// customer from the queue, reply, insert a canned reply with "/", end. The customer's side is driven through
// the widget's API, since only the agent's keyboard is under test.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ServiceHallHandle } from '../index.js';
import { adoptDesk, AGENT, closeDesks, focused, tabTo, waitingCustomer } from '../test/desk-journey.js';
import { deepQuery, deepQueryAll, deepText, waitFor } from '../test/dom.js';
import { serverUrl } from '../test/server.js';
import type { DeskRootElement } from './desk.js';
import { defineDesk } from './register.js';

defineDesk();

describe('the desk by keyboard on the real server', () => {
  let handle: ServiceHallHandle | undefined;
  let desk: DeskRootElement | undefined;
  afterEach(async () => {
    handle?.destroy();
    await closeDesks();
    localStorage.clear();
  });

  it('the whole desk journey by keyboard: sign in, take, reply, a canned reply, end', async function () {
    this.timeout(120_000);
    await serverUrl();
    desk = document.createElement('sh-desk');
    desk.setAttribute('locale', 'en');
    adoptDesk(desk);
    document.body.append(desk);
    await waitFor(() => deepQuery(desk!, '[part~="sign-in"]'), 'the sign-in form', 8000);
    await tabTo((el) => el.matches('input[type="email"]'), 'the email field');
    await sendKeys({ type: AGENT });
    await sendKeys({ press: 'Tab' });
    expect(focused()!.matches('input[type="password"]')).to.equal(true);
    await sendKeys({ type: 'service-hall-demo' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => desk!.desk.$presence.get() === 'online', 'signed in and online', 8000);

    const { handle: h, widget, name } = await waitingCustomer(desk, 'keys');
    handle = h;
    // The customer is in another window in life: here the widget's panel, which keeps the focus, is closed.
    handle.close();
    await tabTo((el) => el.matches('button') && el.textContent!.includes(name), `Take ${name}`);
    await sendKeys({ press: 'Enter' });
    await waitFor(() => focused()?.matches('[part~="reply"]'), 'the reply field focused on taking', 8000);

    await sendKeys({ type: 'Hello, I am looking at it now.' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ type: '/hi' });
    // The shortcut's own reply comes first; others that mention "hi" follow it.
    await waitFor(
      () => deepText(deepQueryAll(desk!, '[part~="canned-reply"]')[0] ?? document.body).includes('Greeting'),
      'the greeting listed first',
    );
    await sendKeys({ press: 'Enter' });
    const greeting = `Hello ${name}, I'm 王伟 Wei and I'm here to help.`;
    await waitFor(() => (focused() as HTMLTextAreaElement).value === greeting, 'the greeting filled in');
    await sendKeys({ press: 'Enter' });
    await waitFor(
      () => {
        const said = widget
          .session!.$messages.get()
          .filter((m) => m.role === 'agent')
          .map((m) => m.text);
        return said.includes('Hello, I am looking at it now.') && said.includes(greeting);
      },
      'both replies in the widget',
      10_000,
    );

    await tabTo((el) => el.matches('[part~="end"]'), 'End conversation', true);
    await sendKeys({ press: 'Enter' });
    await waitFor(() => deepText(desk!).includes('Waiting for the customer’s rating.'), 'ended', 10_000);
    await waitFor(() => widget.session!.$conversation.get().status === 'ended', 'ended for the customer', 10_000);
  });
});
