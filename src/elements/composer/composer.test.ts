import { expect } from '@open-wc/testing';
import { createMemoryAdapter, init, type Adapter, type Locale, type ServiceHallHandle } from '../../index.js';
import type { Session } from '../../state/session.js';
import { expectAccessible } from '../../test/axe.js';
import { deepQuery, deepQueryAll, pasteEvent, waitFor } from '../../test/dom.js';

const FAST = { latency: 0, timing: { queueStepMs: 10, agentJoinMs: 10, typingMs: 5, botDelayMs: 5 } } as const;
// Luhn-valid, starting 62 like a UnionPay card.
const CARD = '6222 0200 0000 0007';

describe('<sh-composer>', () => {
  let handle: ServiceHallHandle;
  afterEach(async () => {
    // Sends still in flight would be stored after the clear below and show up in the next test.
    const session = handle?.element.session;
    if (session) await waitFor(() => session.$messages.get().every((m) => m.delivery !== 'sending'), 'sent');
    handle?.destroy();
    localStorage.clear();
  });

  /** Opens a widget and returns its session and focused message field. */
  // Test files run side by side on one origin: a customer of its own keeps each test's storage apart.
  let customer = '';
  beforeEach(() => (customer = `composer-${Math.random().toString(36).slice(2)}`));
  const open = async (locale: Locale = 'zh-CN', adapter: Adapter = createMemoryAdapter(FAST)) => {
    handle = init({ adapter, locale, user: { id: customer } });
    await handle.open();
    const session = handle.element.session as Session;
    const field = await waitFor(() => deepQuery<HTMLTextAreaElement>(handle.element, '[part~="input"]'), 'input');
    field.focus();
    // Focus loads the knowledge base; suggestions and choices need it.
    await waitFor(() => session.$knowledge.get().length > 0, 'knowledge');
    return { session, field };
  };
  const composer = () => deepQuery(handle.element, 'sh-composer') as HTMLElement & { updateComplete: Promise<boolean> };
  const settle = () => composer().updateComplete;
  const type = async (field: HTMLTextAreaElement, text: string) => {
    field.value = text;
    field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText' }));
    await settle();
  };
  const key = async (field: HTMLTextAreaElement, init: KeyboardEventInit) => {
    const event = new KeyboardEvent('keydown', { bubbles: true, composed: true, cancelable: true, ...init });
    field.dispatchEvent(event);
    await settle();
    return event;
  };
  const customerTexts = (session: Session) =>
    session.$messages
      .get()
      .filter((m) => m.role === 'customer')
      .map((m) => m.text);
  const listOpen = () => !deepQuery(composer(), '[role="listbox"]')!.hidden;
  const accessible = () => expectAccessible(composer(), 'the composer');
  const suggestions = () => deepQueryAll(handle.element, '[part~="suggestion"]');
  /**
   * Waits for at least `min` suggestions. Articles join the actions once the knowledge index is built, which runs
   * in slices after the first focus (slower in WebKit).
   */
  const waitForSuggestions = (min = 1) => waitFor(() => suggestions().length >= min && suggestions(), 'suggestions');

  it('sends on Enter and leaves Shift+Enter to make a new line', async () => {
    const { session, field } = await open();
    await type(field, '我昨天买的耳机声音很小');
    const shifted = await key(field, { key: 'Enter', shiftKey: true });
    expect(shifted.defaultPrevented, 'Shift+Enter keeps its newline').to.equal(false);
    expect(customerTexts(session)).to.deep.equal([]);

    const enter = await key(field, { key: 'Enter' });
    expect(enter.defaultPrevented).to.equal(true);
    expect(customerTexts(session)).to.deep.equal(['我昨天买的耳机声音很小']);
    expect(field.value, 'field cleared').to.equal('');
    expect(session.$draft.get()).to.equal('');
  });

  it('never sends while an input method is composing (Chinese pinyin)', async () => {
    const { session, field } = await open();
    field.dispatchEvent(new CompositionEvent('compositionstart', { data: '' }));
    await type(field, 'tuikuan');
    // Chromium: the Enter that commits the candidate arrives with isComposing.
    const committing = await key(field, { key: 'Enter', isComposing: true });
    expect(committing.defaultPrevented).to.equal(false);
    await type(field, '退款要多久');
    field.dispatchEvent(new CompositionEvent('compositionend', { data: '退款要多久' }));
    // Safari: compositionend first, then a keydown with keyCode 229.
    await key(field, { key: 'Enter', keyCode: 229 });
    expect(customerTexts(session)).to.deep.equal([]);
    expect(field.value).to.equal('退款要多久');

    await key(field, { key: 'Enter' });
    expect(customerTexts(session)).to.deep.equal(['退款要多久']);
  });

  it('suggests articles and actions for 退款 with the match highlighted; arrows and Enter choose one', async () => {
    const { session, field } = await open();
    await type(field, '退款');
    const options = await waitForSuggestions(2);
    expect(options.length).to.be.within(2, 8);
    expect(options.every((o) => o.querySelector('mark')?.textContent?.includes('退款'))).to.equal(true);
    expect(listOpen()).to.equal(true);
    const status = deepQueryAll(composer(), '[role="status"]')
      .map((s) => s.textContent)
      .join(' ');
    expect(status).to.include(`有 ${options.length} 条建议`);

    // The first option is the self-service action, the second an article.
    await key(field, { key: 'ArrowDown' });
    await key(field, { key: 'ArrowDown' });
    const active = suggestions()[1]!;
    expect(field.getAttribute('aria-activedescendant')).to.equal(active.id);
    expect(active.getAttribute('aria-selected')).to.equal('true');
    const title = active.querySelector('.title')!.textContent!.trim();
    await key(field, { key: 'Enter' });
    expect(customerTexts(session)).to.deep.equal([title]);
    expect(session.$draft.get()).to.equal('');
  });

  it('suggests for "refund" in English and opens a chosen self-service action', async () => {
    const { session, field } = await open('en');
    await type(field, 'refund');
    const options = await waitForSuggestions();
    const marked = options.flatMap((o) => Array.from(o.querySelectorAll('mark'), (m) => m.textContent!.toLowerCase()));
    expect(marked).to.include('refund');
    await key(field, { key: 'ArrowDown' });
    expect(suggestions()[0]!.textContent).to.match(/Self-service/);
    await key(field, { key: 'Enter' });
    await waitFor(() => deepQuery(handle.element, 'sh-action-form'), 'action screen');
    expect(customerTexts(session)).to.deep.equal([]);
  });

  it('Esc closes the list and leaves the panel open', async () => {
    const { field } = await open();
    await type(field, '发票');
    await waitForSuggestions();
    const esc = await key(field, { key: 'Escape' });
    expect(esc.defaultPrevented).to.equal(true);
    expect(listOpen()).to.equal(false);
    expect(suggestions()).to.have.length(0);
    expect(deepQuery(handle.element, '[part~="panel"]')).to.exist;
    // Arrow down opens it again on the first option; arrow up from there wraps to the last.
    await key(field, { key: 'ArrowDown' });
    expect(listOpen()).to.equal(true);
    expect(field.getAttribute('aria-activedescendant')).to.equal(suggestions()[0]!.id);
    await key(field, { key: 'ArrowUp' });
    expect(field.getAttribute('aria-activedescendant')).to.equal(suggestions().at(-1)!.id);
  });

  it('shows recent questions when the field is empty and focused, and puts one back in the field', async () => {
    const { session, field } = await open();
    await type(field, '退款需要多久？');
    await key(field, { key: 'Enter' });
    expect(session.$recent.get()).to.include('退款需要多久？');
    field.blur();
    field.focus();
    await settle();
    const options = await waitForSuggestions();
    expect(deepQuery(composer(), '[role="listbox"]')!.getAttribute('aria-label')).to.equal('最近问过');
    expect(options[0]!.textContent!.trim()).to.equal('退款需要多久？');
    options[0]!.click();
    await settle();
    expect(field.value).to.equal('退款需要多久？');
    expect(customerTexts(session)).to.have.length(1);
  });

  it('asks which one is meant for a vague query, and still sends on a second Enter', async () => {
    const { session, field } = await open();
    await type(field, '快递');
    await waitForSuggestions(2);
    await key(field, { key: 'Enter' });
    const chips = deepQueryAll(handle.element, '[part~="choice"]');
    expect(chips.length).to.be.within(2, 5);
    expect(composer().shadowRoot!.textContent).to.include('您想问的是哪一个？');
    expect(customerTexts(session)).to.deep.equal([]);
    await accessible();

    const title = chips.find((c) => /[？?]$/.test(c.textContent!.trim()))!.textContent!.trim();
    chips.find((c) => c.textContent!.trim() === title)!.click();
    await settle();
    expect(customerTexts(session)).to.deep.equal([title]);
    expect(deepQueryAll(handle.element, '[part~="choice"]')).to.have.length(0);

    await type(field, 'refund');
    await key(field, { key: 'Enter' });
    expect(deepQueryAll(handle.element, '[part~="choice"]').length).to.be.greaterThan(1);
    await key(field, { key: 'Enter' });
    expect(customerTexts(session)).to.deep.equal([title, 'refund']);
  });

  it('warns before a bank card number is sent; masking replaces it', async () => {
    const { session, field } = await open();
    await type(field, `我的卡号是 ${CARD}，退款退到哪里？`);
    const notice = await waitFor(() => deepQuery(handle.element, '[part~="notice"]'), 'notice');
    expect(notice.getAttribute('role')).to.equal('alert');
    expect(notice.textContent).to.include('银行卡号');
    await accessible();

    await key(field, { key: 'Enter' });
    expect(customerTexts(session), 'held back').to.deep.equal([]);
    const [mask] = Array.from(notice.querySelectorAll('button'));
    expect(composer().shadowRoot!.activeElement, 'focus on the choice').to.equal(mask);

    mask!.click();
    await settle();
    expect(field.value).to.equal('我的卡号是 **** **** **** 0007，退款退到哪里？');
    expect(deepQuery(handle.element, '[part~="notice"]')).to.equal(undefined);
    await key(field, { key: 'Enter' });
    expect(customerTexts(session)).to.deep.equal(['我的卡号是 **** **** **** 0007，退款退到哪里？']);
  });

  it('sends a phone number after "Send anyway"', async () => {
    const { session, field } = await open('en');
    await type(field, 'Please call me on 13812345678 about the refund');
    const notice = await waitFor(() => deepQuery(handle.element, '[part~="notice"]'), 'notice');
    expect(notice.textContent).to.include('phone number');
    const anyway = Array.from(notice.querySelectorAll('button')).find((b) => b.textContent!.includes('Send anyway'))!;
    anyway.click();
    await settle();
    expect(customerTexts(session)).to.deep.equal(['Please call me on 13812345678 about the refund']);
  });

  for (const [locale, words] of [
    ['zh-CN', '转人工'],
    ['en', 'human'],
  ] as const) {
    it(`hands "${words}" straight to a human, with nothing in the way`, async () => {
      const { session, field } = await open(locale);
      await type(field, words);
      expect(suggestions()).to.have.length(0);
      await key(field, { key: 'Enter' });
      expect(deepQueryAll(handle.element, '[part~="choice"]')).to.have.length(0);
      expect(customerTexts(session)).to.deep.equal([words]);
      await waitFor(() => session.$human.get().status !== 'none', 'hand-off');
    });
  }

  it('offers a person to an upset customer; the offer can be taken', async () => {
    const { session, field } = await open();
    await type(field, '等了好几天还没到，气死了，太差了！！！');
    await key(field, { key: 'Enter' });
    const notice = await waitFor(() => deepQuery(handle.element, '[part~="notice"]'), 'offer');
    expect(notice.textContent).to.include('转接人工客服');
    notice.querySelector('button')!.click();
    await waitFor(() => session.$human.get().status !== 'none', 'hand-off');
  });

  it('keeps the draft when the widget is re-created', async () => {
    const { field } = await open();
    await type(field, '发票抬头写错了 🧾');
    handle.destroy();
    const again = await open();
    expect(again.field.value).to.equal('发票抬头写错了 🧾');
  });

  it('survives bad input: blanks, a 10,000-character paste, emoji, RTL and regex characters', async () => {
    const { session, field } = await open('en');
    const send = deepQuery<HTMLButtonElement>(handle.element, '[part~="send"]')!;
    await type(field, '   \n  ');
    expect(send.disabled).to.equal(true);
    await key(field, { key: 'Enter' });
    expect(customerTexts(session)).to.deep.equal([]);

    const essay = 'x'.repeat(10_000);
    await type(field, essay);
    expect(send.disabled).to.equal(true);
    expect(composer().shadowRoot!.querySelector('[role="alert"]')!.textContent).to.include('2000 characters at most');
    expect(field.getAttribute('aria-invalid')).to.equal('true');
    await key(field, { key: 'Enter' });
    expect(field.value, 'nothing truncated').to.have.length(10_000);
    expect(customerTexts(session)).to.deep.equal([]);

    // 1,900 emoji are 3,800 UTF-16 units but 1,900 characters: within the limit, with the counter showing.
    await type(field, '👍'.repeat(1900));
    expect(send.disabled).to.equal(false);
    expect(composer().shadowRoot!.querySelector('.counter')!.textContent).to.include('1900 of 2000');

    for (const text of ['where is my refund (.*+?[\\d$^', 'مرحبا، أين طلبي؟', 'cafe\u0301 👍🏽 \\d+$']) {
      await type(field, text);
      await key(field, { key: 'Enter' });
    }
    expect(customerTexts(session)).to.deep.equal([
      'where is my refund (.*+?[\\d$^',
      'مرحبا، أين طلبي؟',
      'cafe\u0301 👍🏽 \\d+$',
    ]);
  });

  it('uploads a pasted image and sends it with the message', async () => {
    const { session, field } = await open('en');
    const paste = pasteEvent([new File([new Uint8Array([137, 80, 78, 71])], 'broken-box.png', { type: 'image/png' })]);
    field.dispatchEvent(paste);
    expect(paste.defaultPrevented).to.equal(true);
    await waitFor(
      () => composer().shadowRoot!.querySelector('.upload')?.textContent?.includes('broken-box.png'),
      'chip',
    );
    const send = deepQuery<HTMLButtonElement>(handle.element, '[part~="send"]')!;
    await waitFor(() => !send.disabled, 'upload done');
    await type(field, 'It arrived like this');
    await key(field, { key: 'Enter' });
    const sent = session.$messages.get().find((m) => m.role === 'customer')!;
    expect(sent.text).to.equal('It arrived like this');
    expect(sent.attachments?.map((a) => a.name)).to.deep.equal(['broken-box.png']);
    expect(composer().shadowRoot!.querySelector('.upload')).to.equal(null);
  });

  it('says why a pasted file was refused', async () => {
    const { field } = await open('en');
    field.dispatchEvent(pasteEvent([new File(['<svg/>'], 'logo.svg', { type: 'image/svg+xml' })]));
    const alert = await waitFor(() => composer().shadowRoot!.querySelector('.error'), 'error');
    expect(alert.textContent).to.include('“logo.svg” is not an allowed file type.');
  });

  it('offers no attachments when the backend takes none', async () => {
    const { field } = await open('en', { ...createMemoryAdapter(FAST), uploadAttachment: undefined });
    expect(composer().shadowRoot!.querySelector('input[type="file"]')).to.equal(null);
    const paste = pasteEvent([new File(['x'], 'shot.png', { type: 'image/png' })]);
    field.dispatchEvent(paste);
    expect(paste.defaultPrevented).to.equal(false);
    expect(composer().shadowRoot!.querySelector('.upload')).to.equal(null);
  });

  it('is a labelled field that owns its suggestion list, with no axe violations', async () => {
    const { field } = await open('en');
    expect(field.getAttribute('aria-label')).to.equal('Your message');
    expect(field.getAttribute('aria-haspopup')).to.equal('listbox');
    expect(field.getAttribute('aria-autocomplete')).to.equal('list');
    const listbox = composer().shadowRoot!.getElementById(field.getAttribute('aria-controls')!)!;
    expect(listbox.getAttribute('role')).to.equal('listbox');
    expect(field.placeholder).to.match(/^Ask a question, e\.g\. “.+”$/);
    expect(parseFloat(getComputedStyle(field).fontSize)).to.be.at.least(16);
    expect(deepQuery(handle.element, '[part~="send"]')!.getAttribute('aria-label')).to.equal('Send');
    await type(field, 'invoice');
    await waitForSuggestions();
    await accessible();
  });
});
