import { expect } from '@open-wc/testing';
import {
  AdapterError,
  createMemoryAdapter,
  init,
  type Adapter,
  type Attachment,
  type ServiceHallHandle,
} from '../../index.js';
import { expectAccessible } from '../../test/axe.js';
import { deepQuery, deepQueryAll, pasteEvent, waitFor } from '../../test/dom.js';
import type { AttachmentsElement } from './attachments.js';

const FAST = { latency: 0, timing: { queueStepMs: 10, agentJoinMs: 10, typingMs: 5, botDelayMs: 5 } } as const;
const OFFLINE = { service: { humanAvailable: false }, ...FAST };

interface Upload {
  file: Blob & { name?: string };
  onProgress?: (ratio: number) => void;
  resolve: (attachment: Attachment) => void;
  reject: (error: unknown) => void;
}

/** A memory adapter whose uploads wait for the test to finish or fail them. */
const controlled = () => {
  const memory = createMemoryAdapter(OFFLINE);
  const uploads: Upload[] = [];
  const adapter: Adapter = {
    ...memory,
    uploadAttachment: ({ file, onProgress }) =>
      new Promise((resolve, reject) => uploads.push({ file, onProgress, resolve, reject })),
  };
  return { memory, adapter, uploads };
};
const done = (upload: Upload, id = 'f1'): Attachment => {
  const attachment = { id, name: upload.file.name!, size: upload.file.size, type: upload.file.type };
  upload.resolve(attachment);
  return attachment;
};

const png = (name = 'shot.png') =>
  new File([new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10])], name, { type: 'image/png' });
const transfer = (files: File[]) => {
  const data = new DataTransfer();
  for (const file of files) data.items.add(file);
  return data;
};

const picker = (handle: ServiceHallHandle) => deepQuery<AttachmentsElement>(handle.element, 'sh-attachments')!;
const inPicker = <E extends Element = HTMLElement>(handle: ServiceHallHandle, selector: string) =>
  Array.from(picker(handle).shadowRoot!.querySelectorAll<E>(selector));
const form = (handle: ServiceHallHandle) => deepQuery(handle.element, 'sh-ticket-form')!.shadowRoot!;
const drop = (handle: ServiceHallHandle, files: File[]) =>
  inPicker(handle, '.drop')[0]!.dispatchEvent(
    new DragEvent('drop', { dataTransfer: transfer(files), bubbles: true, cancelable: true }),
  );

const openTicket = async (adapter: Adapter) => {
  const handle = init({ adapter, locale: 'en' });
  await handle.escalate();
  await waitFor(() => deepQuery(handle.element, 'form[part~="ticket-form"]'), 'ticket form');
  return handle;
};

describe('<sh-attachments>', () => {
  let handle: ServiceHallHandle;
  afterEach(() => {
    handle?.destroy();
    localStorage.clear();
  });

  it('refuses a 20 MB image and an .exe before any upload', async () => {
    const { adapter, uploads } = controlled();
    handle = await openTicket(adapter);
    const input = inPicker<HTMLInputElement>(handle, 'input[type="file"]')[0]!;
    expect(input.accept).to.equal('image/*');
    input.files = transfer([
      new File([new Uint8Array(20 * 2 ** 20)], 'big.png', { type: 'image/png' }),
      new File([new Uint8Array(64)], 'setup.exe', { type: 'application/x-msdownload' }),
    ]).files;
    input.dispatchEvent(new Event('change'));
    await picker(handle).updateComplete;
    const refusals = inPicker(handle, '[role="alert"] p').map((p) => p.textContent);
    expect(refusals).to.deep.equal([
      '“big.png” is too large (10 MB at most).',
      '“setup.exe” is not an allowed file type.',
    ]);
    expect(uploads).to.have.length(0);
    expect(inPicker(handle, '.item')).to.have.length(0);
  });

  it('uploads a dropped PNG with progress and a preview, blocking submit until it is done', async () => {
    const { adapter, uploads, memory } = controlled();
    handle = await openTicket(adapter);
    drop(handle, [png()]);
    await waitFor(() => uploads.length === 1, 'upload started');
    uploads[0]!.onProgress!(0.5);
    await picker(handle).updateComplete;
    const progress = inPicker<HTMLProgressElement>(handle, 'progress')[0]!;
    expect(progress.value).to.equal(0.5);
    expect(progress.getAttribute('aria-label')).to.equal('Uploading shot.png');
    const preview = inPicker<HTMLImageElement>(handle, 'img')[0]!;
    expect(preview.src).to.match(/^blob:/);

    // The form waits for the upload.
    const set = (label: string, value: string) => {
      const id = Array.from(form(handle).querySelectorAll('label')).find((l) =>
        l.textContent!.includes(label),
      )!.htmlFor;
      const el = form(handle).getElementById(id) as HTMLInputElement;
      el.value = value;
      el.dispatchEvent(new Event('input'));
    };
    set('Category', 'Other');
    set('Description', 'See the photo');
    set('Phone or email', '13800136502');
    const submit = form(handle).querySelector<HTMLButtonElement>('button[type="submit"]')!;
    expect(submit.getAttribute('aria-disabled')).to.equal('true');
    submit.click();
    await waitFor(() => form(handle).querySelector('.failure')!.textContent, 'wait message');
    expect(form(handle).querySelector('.failure')!.textContent).to.equal('Please wait until the uploads finish.');
    expect(memory.records.tickets).to.have.length(0);

    const attachment = done(uploads[0]!);
    await waitFor(() => !inPicker(handle, 'progress').length, 'upload finished');
    await waitFor(() => submit.getAttribute('aria-disabled') === 'false', 'submit enabled');
    submit.click();
    await waitFor(() => memory.records.tickets.length, 'ticket');
    expect(memory.records.tickets[0]!.attachments).to.deep.equal([attachment]);
  });

  it('shows a failed upload with retry, and removes files', async () => {
    const { adapter, uploads } = controlled();
    handle = await openTicket(adapter);
    drop(handle, [png('a.png')]);
    await waitFor(() => uploads.length === 1, 'upload');
    uploads[0]!.reject(new AdapterError('network', 'down'));
    const retry = await waitFor(() => inPicker<HTMLButtonElement>(handle, '.retry')[0], 'retry button');
    expect(inPicker(handle, '.item.failed')[0]!.textContent).to.include('Upload failed.');
    expect(retry.getAttribute('aria-label')).to.equal('Try again: a.png');
    retry.click();
    await waitFor(() => uploads.length === 2, 'second try');
    done(uploads[1]!);
    await waitFor(() => inPicker(handle, '.item.done').length === 1, 'uploaded');
    expect(picker(handle).value).to.have.length(1);

    inPicker<HTMLButtonElement>(handle, '.remove')[0]!.click();
    await picker(handle).updateComplete;
    expect(inPicker(handle, '.item')).to.have.length(0);
    expect(picker(handle).value).to.deep.equal([]);
  });

  it('takes pasted images while the form has focus, up to the limit', async () => {
    const { adapter, uploads } = controlled();
    handle = await openTicket(adapter);
    const description = form(handle).querySelector('textarea')!;
    description.focus();
    const pasted = pasteEvent([1, 2, 3, 4, 5, 6].map((n) => png(`p${n}.png`)));
    description.dispatchEvent(pasted);
    expect(pasted.defaultPrevented).to.equal(true);
    await waitFor(() => uploads.length === 5, 'five uploads');
    await picker(handle).updateComplete;
    expect(inPicker(handle, '[role="alert"] p').map((p) => p.textContent)).to.deep.equal(['At most 5 files.']);
  });

  it('is hidden when the adapter cannot upload', async () => {
    const { uploadAttachment: _, ...adapter } = createMemoryAdapter(OFFLINE);
    handle = await openTicket(adapter);
    expect(deepQueryAll(handle.element, 'sh-attachments')).to.have.length(0);
    expect(form(handle).textContent).to.not.include('Photos');
    deepQuery(handle.element, 'sh-ticket-form')!.dispatchEvent(
      new CustomEvent('navigate', { detail: { screen: 'action', actionId: 'report' }, bubbles: true, composed: true }),
    );
    const report = await waitFor(() => deepQuery(handle.element, 'form[part~="action-form"]'), 'report form');
    expect(report.textContent).to.include('Description');
    expect(deepQueryAll(handle.element, 'sh-attachments')).to.have.length(0);
  });

  it('shows the photos field of an action form, accessibly', async () => {
    const { adapter, uploads } = controlled();
    handle = init({ adapter, locale: 'en' });
    await handle.open();
    await waitFor(() => deepQuery(handle.element, '[part~="hall"] .greeting'), 'hall');
    deepQuery(handle.element, 'sh-hall')!.dispatchEvent(
      new CustomEvent('navigate', { detail: { screen: 'action', actionId: 'report' }, bubbles: true, composed: true }),
    );
    await waitFor(() => deepQuery(handle.element, 'sh-attachments'), 'picker');
    drop(handle, [png('a.png'), png('b.png')]);
    await waitFor(() => uploads.length === 2, 'uploads');
    uploads[0]!.reject(new Error('x'));
    await waitFor(() => inPicker(handle, '.retry').length, 'failed item');
    await expectAccessible(picker(handle), 'the attachments');
  });
});
