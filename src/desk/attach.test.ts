// An agent's attachments: on the real reference server (as desk.test.ts) a file attached or pasted on the desk
// reaches the customer's widget, a file the checks refuse is never sent, and a ticket reply can be files alone;
// on the scripted desk API (src/test/desk-backend.ts) each conversation keeps its own files, and a failed
// upload is retried.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ServiceHallHandle } from '../index.js';
import { expectAccessible } from '../test/axe.js';
import { sampleDeskData, scriptedDesk } from '../test/desk-backend.js';
import {
  byText,
  choose,
  closeDesks,
  openDesk,
  openTicketOnDesk,
  photo,
  signedWidget,
  waitingCustomer,
} from '../test/desk-journey.js';
import { deepQuery, deepQueryAll, deepText, pasteEvent, waitFor } from '../test/dom.js';
import { realServer } from '../test/server.js';
import type { DeskRootElement } from './desk.js';
import { defineDesk } from './register.js';
import { createDesk } from './store.js';

defineDesk();

/**
 * A file name that would run script if it were ever parsed as HTML (without quotes: browsers send a name's
 * `"` as `%22` in multipart, as the HTML standard says).
 */
const HOSTILE = '<img src=x onerror=window.__pwned=1>.png';

/** The shadow root of the desk's `tag`, or an empty fragment while it is not there. */
const inside = (desk: DeskRootElement, tag: string): ParentNode =>
  deepQuery(desk, tag)?.shadowRoot ?? document.createDocumentFragment();

/** Requests for desk uploads this page made so far (XHR and fetch both leave a resource entry). */
const uploadsMade = () =>
  performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/desk/uploads')).length;

describe("an agent's attachments on the real server", () => {
  let handle: ServiceHallHandle | undefined;
  afterEach(async () => {
    handle?.destroy();
    handle = undefined;
    await closeDesks();
    localStorage.clear();
  });

  it('a file chosen with Attach and an image pasted go without text; the widget shows them', async function () {
    this.timeout(120_000);
    const desk = await openDesk();
    const customer = await waitingCustomer(desk, 'attach');
    handle = customer.handle;
    const { widget } = customer;
    byText(customer.item, 'button', /^\s*Take/)!.click();
    const reply = await waitFor(() => deepQuery<HTMLTextAreaElement>(desk, '[part~="reply"]'), 'the reply field');
    await waitFor(() => widget.session!.$human.get().status === 'connected', 'the agent joined', 10_000);
    const conversation = () => inside(desk, 'sh-desk-conversation');

    const attach = conversation().querySelector<HTMLButtonElement>('button[part~="attach"]')!;
    expect(attach.textContent!.trim(), 'the button says what it does').to.equal('Attach a file');
    choose(attach.nextElementSibling as HTMLInputElement, [await photo(HOSTILE)]);
    reply.dispatchEvent(pasteEvent([await photo('pasted.png')]));
    await waitFor(
      () => conversation().querySelectorAll('[part~="file"].done').length === 2,
      'both files uploaded',
      10_000,
    );
    const send = conversation().querySelector<HTMLButtonElement>('[part~="send"]')!;
    expect(reply.value, 'no text').to.equal('');
    expect(send.disabled, 'files alone can be sent').to.equal(false);
    send.click();
    await waitFor(() => !conversation().querySelector('[part~="files"]'), 'the chips go with the message');

    // The customer's widget: both files, the images loaded through their signed URLs, the name as text.
    const shown = await waitFor(
      () => {
        const images = deepQueryAll<HTMLImageElement>(widget, '.files img');
        return images.length === 2 && images.every((i) => i.complete && i.naturalWidth === 4) ? images : undefined;
      },
      'the images in the widget',
      10_000,
    );
    expect(shown.length).to.equal(2);
    expect(deepText(widget)).to.include(HOSTILE);
    expect(deepText(widget)).to.include('pasted.png');
    expect(deepQueryAll(widget, 'img[src="x"]').length, 'the name made no element').to.equal(0);
    // The desk shows what it sent, the hostile name as an image's text alternative only.
    await waitFor(
      () => deepQueryAll<HTMLImageElement>(conversation(), 'li.agent img').some((i) => i.alt === HOSTILE),
      'the sent image on the desk',
      10_000,
    );
    expect(deepQueryAll(desk, 'img[src="x"]').length).to.equal(0);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('a file of the wrong type or too large is refused before upload, with the reason; the draft stays', async function () {
    this.timeout(120_000);
    const desk = await openDesk();
    const customer = await waitingCustomer(desk, 'refuse');
    handle = customer.handle;
    byText(customer.item, 'button', /^\s*Take/)!.click();
    const reply = await waitFor(() => deepQuery<HTMLTextAreaElement>(desk, '[part~="reply"]'), 'the reply field');
    const id = (desk.desk.$view.get() as { id: string }).id;
    reply.focus();
    await sendKeys({ type: 'Here is the label' });
    const conversation = () => inside(desk, 'sh-desk-conversation');
    const before = uploadsMade();

    const input = conversation().querySelector<HTMLInputElement>('input[type="file"]')!;
    choose(input, [
      new File(['<svg onload="alert(1)"/>'], 'label.svg', { type: 'image/svg+xml' }),
      new File([new Uint8Array(10 * 2 ** 20 + 1)], 'huge.png', { type: 'image/png' }),
    ]);
    const alert = () => conversation().querySelector<HTMLElement>('.reply [role="alert"]')!;
    await waitFor(() => alert().querySelectorAll('p').length === 2, 'the reasons');
    const said = alert().textContent!;
    expect(said).to.include('“label.svg” is not an allowed file type.');
    expect(said).to.include('“huge.png” is too large (10 MB at most).');
    expect(conversation().querySelector('[part~="files"]'), 'no chip').to.equal(null);
    expect(reply.value, 'the draft is kept').to.equal('Here is the label');
    expect(uploadsMade(), 'nothing uploaded').to.equal(before);

    // Sending now sends the text alone: the refused files are not part of it.
    conversation().querySelector<HTMLButtonElement>('[part~="send"]')!.click();
    await waitFor(
      () => desk.desk.$chats.get()[id]!.messages.some((m) => m.text === 'Here is the label'),
      'the text sent',
      10_000,
    );
    const { body } = await realServer<{ body: { messages: { role: string; attachments?: unknown[] }[] } }>({
      action: 'desk',
      agent: 'wei@demo.test',
      method: 'GET',
      path: `conversations/${id}`,
    });
    expect(body.messages.filter((m) => m.role === 'agent' && m.attachments?.length).length).to.equal(0);
  });

  it('a ticket reply of a file alone reaches the customer', async function () {
    this.timeout(120_000);
    const run = `ticket-file-${Date.now().toString(36)}`;
    handle = await signedWidget({ id: run, name: `Customer ${run}` });
    await handle.open();
    const session = handle.element.session!;
    const receipt = await session.submitTicket({
      category: 'delivery',
      description: `Where is my return label? (${run})`,
      contact: 'chen@example.com',
      attachments: [],
    });

    const { tickets } = await openTicketOnDesk(receipt.id);
    const form = await waitFor(() => tickets().querySelector<HTMLFormElement>('article form'), 'the reply form');
    const name = `return-label-${run}.pdf`;
    const pdf = new File(['%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n'], name, { type: 'application/pdf' });
    choose(form.querySelector<HTMLInputElement>('input[type="file"]')!, [pdf]);
    await waitFor(() => tickets().querySelector('[part~="file"].done'), 'the file uploaded', 10_000);
    expect(form.querySelector('textarea')!.required, 'text is optional with a file').to.equal(false);
    form.requestSubmit();
    const link = await waitFor(
      () => deepQueryAll<HTMLAnchorElement>(tickets(), 'article .reply a').find((a) => a.textContent === name),
      'the file in the reply on the desk',
      10_000,
    );
    expect(link.href).to.match(/\/api\/uploads\/.+sig=/);
    expect(tickets().querySelector('[part~="files"]'), 'the chip went with the reply').to.equal(null);

    await session.past.openTicket(receipt.id);
    const thread = session.past.$thread.get().value!;
    expect(thread.replies.map((r) => [r.role, r.attachments?.map((a) => a.name)])).to.deep.include(['agent', [name]]);
  });
});

describe("an agent's attachments on a scripted desk API", () => {
  let root: DeskRootElement | undefined;
  afterEach(() => {
    root?.remove();
    root = undefined;
  });

  it('each conversation keeps its own files; a failed upload shows Retry and blocks sending until retried', async () => {
    const data = sampleDeskData('en');
    const first = data.conversations['c-1']!;
    data.conversations['c-2'] = structuredClone({ ...first, conversation: { ...first.conversation, id: 'c-2' } });
    const backend = scriptedDesk(data);
    let down = true;
    backend.uploads = (file) => (down && file.type === 'application/pdf' ? 'fail' : 'ok');
    const desk = createDesk({ fetch: backend.fetch });
    root = document.createElement('sh-desk');
    root.desk = desk;
    root.setAttribute('locale', 'en');
    document.body.append(root);
    await desk.restore();
    desk.show({ kind: 'chat', id: 'c-1' });
    const conversation = () => inside(root!, 'sh-desk-conversation');
    const input = () =>
      waitFor(() => conversation().querySelector<HTMLInputElement>('input[type="file"]'), 'the file input');
    const chips = () => Array.from(conversation().querySelectorAll<HTMLElement>('[part~="file"]'));

    choose(await input(), [
      new File(['%PDF-1.4'], 'invoice.pdf', { type: 'application/pdf' }),
      new File(['hello'], 'notes.txt', { type: 'text/plain' }),
    ]);
    const retry = await waitFor(
      () => conversation().querySelector<HTMLButtonElement>('[part~="file"].failed button.link'),
      'Retry on the failed file',
    );
    expect(retry.getAttribute('aria-label')).to.equal('Retry uploading invoice.pdf');
    const send = conversation().querySelector<HTMLButtonElement>('[part~="send"]')!;
    expect(send.disabled, 'not without the failed file').to.equal(true);
    expect(deepText(conversation())).to.include('Retry or remove the files that failed to upload.');

    desk.show({ kind: 'chat', id: 'c-2' });
    await waitFor(() => desk.$view.get().kind === 'chat' && chips().length === 0, "the other conversation's own");
    choose(await input(), [new File(['x'], 'other.txt', { type: 'text/plain' })]);
    await waitFor(() => chips().length === 1 && chips()[0]!.classList.contains('done'), 'its file');

    desk.show({ kind: 'chat', id: 'c-1' });
    await waitFor(() => chips().length === 2, 'the first conversation’s files again');
    await expectAccessible(root, 'desk: files attached, one failed');
    down = false;
    conversation().querySelector<HTMLButtonElement>('[part~="file"].failed button.link')!.click();
    await waitFor(() => chips().every((c) => c.classList.contains('done')), 'uploaded on retry');
    const remove = chips()
      .find((c) => c.textContent!.includes('notes.txt'))!
      .querySelector<HTMLButtonElement>('button[aria-label="Remove notes.txt"]')!;
    remove.click();
    await waitFor(() => chips().length === 1, 'removed');
    await waitFor(() => !conversation().querySelector<HTMLButtonElement>('[part~="send"]')!.disabled, 'sendable');
    conversation().querySelector<HTMLButtonElement>('[part~="send"]')!.click();
    await waitFor(
      () =>
        data.conversations['c-1']!.messages.at(-1)
          ?.attachments?.map((a) => a.name)
          .join() === 'invoice.pdf',
      'sent with the retried file only',
    );
    expect(desk.files.$files.get()['c-2']?.files.map((f) => f.name)).to.deep.equal(['other.txt']);
  });
});
