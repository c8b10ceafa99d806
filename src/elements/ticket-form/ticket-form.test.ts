import { expect } from '@open-wc/testing';
import { AdapterError, createMemoryAdapter, init, type Adapter, type ServiceHallHandle } from '../../index.js';
import { expectAccessible } from '../../test/axe.js';
import { deepQuery, waitFor } from '../../test/dom.js';
import { deepActiveElement } from '../focus.js';

const FAST = { latency: 0, timing: { queueStepMs: 10, agentJoinMs: 10, typingMs: 5, botDelayMs: 5 } } as const;
const OFFLINE = { service: { humanAvailable: false, nextOpenAt: '2030-01-02T01:00:00Z' }, ...FAST };

const root = (handle: ServiceHallHandle) => deepQuery(handle.element, 'sh-ticket-form')!.shadowRoot!;
const control = <E extends HTMLElement>(handle: ServiceHallHandle, label: string): E => {
  const found = Array.from(root(handle).querySelectorAll('label')).find(
    (l) => l.textContent!.replace('*', '').trim() === label,
  );
  if (!found) throw new Error(`no field labelled ${label}`);
  return root(handle).getElementById(found.htmlFor) as E;
};
const type = (el: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string) => {
  el.value = value;
  el.dispatchEvent(new Event('input'));
};
const submit = (handle: ServiceHallHandle) =>
  root(handle).querySelector<HTMLButtonElement>('button[type="submit"]')!.click();

/** Asks for a person while none is available: the panel turns to the ticket form. */
const escalateOffline = async (handle: ServiceHallHandle) => {
  await handle.escalate();
  await waitFor(() => deepQuery(handle.element, 'form[part~="ticket-form"]'), 'ticket form');
};

describe('<sh-ticket-form>', () => {
  let handle: ServiceHallHandle;
  afterEach(() => {
    handle?.destroy();
    localStorage.clear();
  });

  it('appears when no agent is available, files a ticket and shows its receipt', async () => {
    const adapter = createMemoryAdapter(OFFLINE);
    handle = init({ adapter, locale: 'en' });
    const tickets: unknown[] = [];
    handle.on('ticket', (detail) => tickets.push(detail));
    await escalateOffline(handle);
    const form = root(handle).querySelector('form')!;
    expect(form.textContent).to.include('Leave us a message');
    expect(form.textContent).to.match(/Agents are back at .*2030/);
    await expectAccessible(form, 'the ticket form');

    type(control(handle, 'Category'), 'Delivery');
    type(control(handle, 'Description'), '  The parcel never came.  ');
    type(control(handle, 'Phone or email'), 'alex@example.com');
    submit(handle);

    const code = await waitFor(() => root(handle).querySelector('[part~="ticket-form"] code'), 'receipt');
    expect(code.textContent).to.match(/^T\d{8}\d{4}$/);
    expect(root(handle).querySelector('.result')!.textContent).to.include(`Your ticket number is ${code.textContent}.`);
    expect(tickets).to.deep.equal([{ receipt: { id: code.textContent, status: 'open' } }]);
    expect(adapter.records.tickets[0]).to.deep.include({
      category: 'Delivery',
      description: 'The parcel never came.',
      contact: 'alex@example.com',
      orderId: undefined,
      attachments: [],
    });

    Array.from(root(handle).querySelectorAll('button'))
      .find((b) => b.textContent!.trim() === 'Back to help')!
      .click();
    await waitFor(() => deepQuery(handle.element, '[part~="hall"]'), 'back in the hall');
  });

  it('prefills the contact and validates it; errors are in the chosen language', async () => {
    handle = init({
      adapter: createMemoryAdapter(OFFLINE),
      locale: 'zh-CN',
      user: { id: 'u1', phone: '138 0013 6502' },
    });
    await escalateOffline(handle);
    const contact = control<HTMLInputElement>(handle, '手机号或邮箱');
    expect(contact.value).to.equal('138 0013 6502');
    type(contact, '12345');
    submit(handle);
    const category = control<HTMLSelectElement>(handle, '问题类型');
    await waitFor(() => category.getAttribute('aria-invalid') === 'true', 'errors');
    expect(deepActiveElement()).to.equal(category);
    const errors = Array.from(root(handle).querySelectorAll('.error:not([hidden])')).map((e) => e.textContent);
    expect(errors).to.deep.equal(['请填写问题类型。', '请填写问题描述。', '请输入有效的手机号。']);
    type(control(handle, '问题描述'), 'x'.repeat(2001));
    submit(handle);
    await waitFor(() => root(handle).textContent!.includes('问题描述最多 2000 个字。'), 'too long');
  });

  it('keeps the input when submitting fails', async () => {
    const memory = createMemoryAdapter(OFFLINE);
    const adapter: Adapter = { ...memory, submitTicket: () => Promise.reject(new AdapterError('server', 'busy', 503)) };
    handle = init({ adapter, locale: 'en' });
    await escalateOffline(handle);
    type(control(handle, 'Category'), 'Refund or return');
    type(control(handle, 'Description'), 'Refund please');
    type(control(handle, 'Order'), 'YX58176402');
    type(control(handle, 'Phone or email'), '+44 7911 123456');
    submit(handle);
    await waitFor(() => root(handle).querySelector('.failure')!.textContent, 'failure');
    expect(root(handle).querySelector('.failure')!.textContent).to.equal(
      'That did not work. Your input is kept; please try again.',
    );
    expect(control<HTMLSelectElement>(handle, 'Category').value).to.equal('Refund or return');
    expect(control<HTMLTextAreaElement>(handle, 'Description').value).to.equal('Refund please');
    expect(control<HTMLSelectElement>(handle, 'Order').value).to.equal('YX58176402');
    expect(control<HTMLInputElement>(handle, 'Phone or email').value).to.equal('+44 7911 123456');
  });
});
