import { expect } from '@open-wc/testing';
import { AdapterError, createMemoryAdapter, init, type Adapter, type ServiceHallHandle } from '../../index.js';
import { expectAccessible } from '../../test/axe.js';
import { deepQuery, deepQueryAll, waitFor } from '../../test/dom.js';
import { deepActiveElement } from '../focus.js';

const FAST = { latency: 0, timing: { queueStepMs: 10, agentJoinMs: 10, typingMs: 5, botDelayMs: 5 } } as const;
const UNPAID = 'YX58203147';
const SHIPPED = 'YX58190385';

const form = (handle: ServiceHallHandle) => deepQuery<HTMLFormElement>(handle.element, 'form[part~="action-form"]');
const control = <E extends HTMLElement>(handle: ServiceHallHandle, label: string): E => {
  const root = deepQuery(handle.element, 'sh-action-form')!.shadowRoot!;
  const found = Array.from(root.querySelectorAll('label')).find(
    (l) => l.textContent!.replace('*', '').trim() === label,
  );
  if (!found) throw new Error(`no field labelled ${label}`);
  return root.getElementById(found.htmlFor) as E;
};
const choose = (select: HTMLSelectElement, value: string) => {
  select.value = value;
  select.dispatchEvent(new Event('input', { bubbles: true }));
};
const buttons = (handle: ServiceHallHandle) =>
  Array.from(deepQuery(handle.element, 'sh-action-form')!.shadowRoot!.querySelectorAll('button'));
const submit = (handle: ServiceHallHandle) =>
  form(handle)!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();

/** Opens the widget and clicks the self-service tile with this title. */
const openTile = async (handle: ServiceHallHandle, title: string) => {
  await handle.open();
  const tile = await waitFor(
    () => deepQueryAll(handle.element, '[part~="action-tile"]').find((t) => t.textContent!.trim() === title),
    `tile ${title}`,
  );
  tile.click();
  return waitFor(() => form(handle), 'action form');
};

describe('<sh-action-form>', () => {
  let handle: ServiceHallHandle;
  afterEach(() => {
    handle?.destroy();
    localStorage.clear();
  });

  it('shows required-field errors in English, focusing the first invalid field', async () => {
    handle = init({ adapter: createMemoryAdapter(FAST), locale: 'en' });
    await openTile(handle, 'Cancel order');
    submit(handle);
    const order = control<HTMLSelectElement>(handle, 'Order');
    await waitFor(() => order.getAttribute('aria-invalid') === 'true', 'order invalid');
    const errorId = order.getAttribute('aria-describedby')!;
    expect(order.getRootNode()).to.be.instanceOf(ShadowRoot);
    expect((order.getRootNode() as ShadowRoot).getElementById(errorId)!.textContent).to.equal('Order is required.');
    expect(control(handle, 'Reason').getAttribute('aria-invalid')).to.equal('true');
    expect(deepActiveElement()).to.equal(order);
    await expectAccessible(form(handle)!, 'the action form');

    // Fixing a field clears its error at once.
    choose(order, UNPAID);
    await waitFor(() => order.getAttribute('aria-invalid') === 'false', 'order valid again');
  });

  it('shows the errors in Simplified Chinese', async () => {
    handle = init({ adapter: createMemoryAdapter(FAST), locale: 'zh-CN' });
    await openTile(handle, '取消订单');
    submit(handle);
    await waitFor(() => form(handle)!.querySelector('.error'), 'errors');
    const errors = Array.from(form(handle)!.querySelectorAll('.error')).map((e) => e.textContent);
    expect(errors).to.deep.equal(['请填写订单。', '请填写原因。']);
    expect(deepActiveElement()).to.equal(control(handle, '订单'));
  });

  it('runs the action from an order card, shows the result card and emits `action`', async () => {
    const adapter = createMemoryAdapter(FAST);
    handle = init({ adapter, locale: 'en' });
    const events: unknown[] = [];
    handle.on('action', (detail) => events.push(detail));
    await handle.open();
    // The unpaid order's card offers "Cancel order"; its form comes with the order chosen.
    const card = await waitFor(
      () => deepQueryAll(handle.element, '[part~="order-card"]').find((c) => c.textContent!.includes(UNPAID)),
      'unpaid order card',
    );
    Array.from(card.querySelectorAll('button'))
      .find((b) => b.textContent!.trim() === 'Cancel order')!
      .click();
    await waitFor(() => form(handle), 'form');
    expect(control<HTMLSelectElement>(handle, 'Order').value).to.equal(UNPAID);
    choose(control(handle, 'Reason'), 'mistake');
    submit(handle);
    const result = await waitFor(() => deepQuery(handle.element, '[part~="action-form"] .result.ok'), 'result');
    expect(result.textContent).to.include('Order cancelled');
    expect(result.getAttribute('role')).to.equal('status');
    expect(events).to.have.length(1);
    expect(events[0]).to.deep.include({ actionId: 'cancel', input: { orderId: UNPAID, reason: 'mistake' } });
    expect(adapter.records.actions).to.have.length(1);

    expect(buttons(handle).map((b) => b.textContent!.trim())).to.deep.equal(['Back to help', 'Continue in chat']);
    buttons(handle)[1]!.click();
    await waitFor(() => deepQuery(handle.element, 'sh-messages'), 'conversation screen');
  });

  it('answers ok:false when cancelling a shipped order', async () => {
    handle = init({ adapter: createMemoryAdapter(FAST), locale: 'en' });
    await openTile(handle, 'Cancel order');
    choose(control(handle, 'Order'), SHIPPED);
    choose(control(handle, 'Reason'), 'slow');
    submit(handle);
    const result = await waitFor(() => deepQuery(handle.element, '[part~="action-form"] .result'), 'result');
    expect(result.classList.contains('fail')).to.equal(true);
    expect(result.textContent).to.include("has shipped and can't be cancelled");
    buttons(handle)[0]!.click();
    await waitFor(() => deepQuery(handle.element, '[part~="hall"]'), 'back in the hall');
  });

  it('keeps every input when the run fails, and says why', async () => {
    const memory = createMemoryAdapter(FAST);
    let failure = new AdapterError('network', 'offline');
    let calls = 0;
    const adapter: Adapter = {
      ...memory,
      runAction: () => {
        calls++;
        return new Promise((_, reject) => setTimeout(() => reject(failure), 30));
      },
    };
    handle = init({ adapter, locale: 'en' });
    await openTile(handle, 'Change address');
    choose(control(handle, 'Order'), UNPAID);
    const address = control<HTMLTextAreaElement>(handle, 'New address');
    address.value = '1 Nanjing Road';
    address.dispatchEvent(new Event('input'));
    const phone = control<HTMLInputElement>(handle, 'Recipient phone');
    phone.value = '138 0013 6502';
    phone.dispatchEvent(new Event('input'));
    submit(handle);
    const button = form(handle)!.querySelector('button[type="submit"]')!;
    await waitFor(() => button.getAttribute('aria-disabled') === 'true', 'busy button');
    expect(button.textContent).to.include('Submitting');
    submit(handle); // a second tap while pending sends nothing
    const failureBox = form(handle)!.querySelector('.failure')!;
    await waitFor(() => failureBox.textContent, 'failure message');
    expect(failureBox.textContent).to.equal('That did not work. Your input is kept; please try again.');
    expect(calls).to.equal(1);
    expect(control<HTMLSelectElement>(handle, 'Order').value).to.equal(UNPAID);
    expect(control<HTMLTextAreaElement>(handle, 'New address').value).to.equal('1 Nanjing Road');
    expect(control<HTMLInputElement>(handle, 'Recipient phone').value).to.equal('138 0013 6502');

    failure = new AdapterError('rejected', 'Address outside delivery area', 422);
    submit(handle);
    await waitFor(() => failureBox.textContent!.includes('refused'), 'rejection message');
    expect(failureBox.textContent).to.equal('The request was refused: Address outside delivery area');
    expect(control<HTMLTextAreaElement>(handle, 'New address').value).to.equal('1 Nanjing Road');
  });

  it('says so, with a way back, when the action does not exist', async () => {
    handle = init({ adapter: createMemoryAdapter({ ...FAST, actions: [] }), locale: 'en' });
    await handle.open();
    await waitFor(() => deepQuery(handle.element, '[part~="hall"] .greeting'), 'hall');
    deepQuery(handle.element, 'sh-hall')!.dispatchEvent(
      new CustomEvent('navigate', { detail: { screen: 'action', actionId: 'nope' }, bubbles: true, composed: true }),
    );
    const notice = await waitFor(() => deepQuery(handle.element, '[part~="action-form"] [role="alert"]'), 'notice');
    expect(notice.textContent).to.equal('This self-service option is not available.');
    buttons(handle)[0]!.click();
    await waitFor(() => deepQuery(handle.element, '[part~="hall"]'), 'back in the hall');
  });

  it('validates email fields and prefills them from the customer', async () => {
    handle = init({
      adapter: createMemoryAdapter(FAST),
      locale: 'en',

      user: { id: 'u1', email: 'me@example.com' },
    });
    await openTile(handle, 'Get an invoice');
    const email = control<HTMLInputElement>(handle, 'Email');
    expect(email.value).to.equal('me@example.com');
    expect(email.type).to.equal('email');
    email.value = 'me@example';
    email.dispatchEvent(new Event('input'));
    choose(control(handle, 'Order'), 'YX58121079');
    choose(control(handle, 'Invoice type'), 'personal');
    submit(handle);
    await waitFor(() => email.getAttribute('aria-invalid') === 'true', 'email invalid');
    expect(deepActiveElement()).to.equal(email);
    expect(form(handle)!.textContent).to.include('Enter a valid email address.');
  });
});
