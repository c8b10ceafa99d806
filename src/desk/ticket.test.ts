// A ticket with a photo on the real reference server (as desk.test.ts): the customer files it from the widget,
// the agent sees the photo itself on the desk, answers and solves it, and the customer sees both.
import { expect } from '@open-wc/testing';
import type { ServiceHallHandle } from '../index.js';
import { closeDesks, openTicketOnDesk, photo, signedWidget } from '../test/desk-journey.js';
import { deepQuery, deepQueryAll, deepText, waitFor } from '../test/dom.js';
import { defineDesk } from './register.js';

defineDesk();

describe('a ticket with a photo, from the widget to the desk and back', () => {
  let handle: ServiceHallHandle | undefined;
  afterEach(async () => {
    handle?.destroy();
    await closeDesks();
    localStorage.clear();
  });

  it('the agent sees the photo, answers and solves; the customer sees the answer and the status', async function () {
    this.timeout(120_000);
    const run = `ticket-${Date.now().toString(36)}`;
    handle = await signedWidget({ id: run, name: `Customer ${run}` });
    await handle.open();
    const session = handle.element.session!;
    const name = `crushed-box-${run}.png`;
    const attachment = await session.upload(await photo(name));
    const receipt = await session.submitTicket({
      category: 'delivery',
      description: `The box arrived crushed, photo attached (${run}).`,
      contact: 'chen@example.com',
      attachments: [attachment],
    });

    const { tickets } = await openTicketOnDesk(receipt.id);
    const image = await waitFor(
      () => deepQueryAll<HTMLImageElement>(tickets(), 'article img').find((i) => i.alt === name),
      'the photo on the desk',
    );
    // The photo itself, not a broken link: it loads through its signed URL.
    await waitFor(() => image.complete && image.naturalWidth === 4, 'the photo loaded', 10_000);
    expect(deepText(tickets())).to.include(`photo attached (${run})`);

    const answer = 'A new box is on its way; no need to send the old one back.';
    const article = deepQuery<HTMLElement>(tickets(), 'article')!;
    article.querySelector<HTMLTextAreaElement>('textarea')!.value = answer;
    article.querySelector('form')!.requestSubmit();
    await waitFor(() => deepText(deepQuery(tickets(), 'article')!).includes(answer), 'the answer', 10_000);
    const select = deepQuery<HTMLSelectElement>(tickets(), 'article select')!;
    select.value = 'solved';
    select.dispatchEvent(new Event('change'));

    // The customer's side: the answer and the new status, from the server, once the desk's change has reached it
    // (the select shows "solved" as soon as it is chosen).
    const status = async () => {
      await session.past.openTicket(receipt.id);
      return session.past.$thread.get().value!.ticket.status;
    };
    for (const end = performance.now() + 10_000; (await status()) !== 'solved' && performance.now() < end;)
      await new Promise((r) => setTimeout(r, 100));
    const thread = session.past.$thread.get().value!;
    expect(thread.ticket.status).to.equal('solved');
    expect(thread.replies.map((r) => [r.role, r.text])).to.deep.include(['agent', answer]);
    expect(thread.ticket.attachments?.map((a) => a.name) ?? []).to.include(name);
  });
});
