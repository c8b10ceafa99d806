// The desk API (docs/desk-api.md) on each database: sessions, presence, the queue's order and routing, the
// context panel, live events both ways, transfer, tickets, agents' attachments and history search.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { kinds, multipartFile, PNG, readEvents, testServer, type TestServer } from './helpers.js';

for (const kind of kinds()) {
  describe(`desk API on ${kind}`, () => {
    let s: TestServer;
    let url: string;
    let lina: string;
    let wei: string;
    const desk = async (cookie: string, method: string, path: string, payload?: unknown) => {
      const res = await s.app.inject({
        method: method as 'GET',
        url: `/api/desk/${path}`,
        headers: { cookie },
        ...(payload !== undefined && { payload: payload as object }),
      });
      return { status: res.statusCode, body: res.body ? res.json() : undefined };
    };
    const customer = async (sub: string, extra?: { name?: string; tier?: string }) => {
      const token = await s.customer(sub, extra);
      const auth = { authorization: `Bearer ${token}` };
      const send = async (text: string, conversationId?: string) => {
        const res = await s.app.inject({
          method: 'POST',
          url: '/api/conversations/messages',
          headers: auth,
          payload: {
            clientId: crypto.randomUUID(),
            text,
            attachments: [],
            context: { locale: 'zh-CN', orderId: 'YX58190385', page: { page: 'orders' } },
            ...(conversationId && { conversationId }),
          },
        });
        assert.equal(res.statusCode, 200, res.body);
        return res.json() as { conversationId: string; seq: number };
      };
      const human = async (conversationId: string, sentiment?: string) =>
        (
          await s.app.inject({
            method: 'POST',
            url: `/api/conversations/${conversationId}/human`,
            headers: auth,
            payload: {
              reason: 'customer asked',
              priority: 'normal',
              context: { locale: 'zh-CN', orderId: 'YX58190385', ...(sentiment && { sentiment }) },
              transcript: [{ role: 'customer', text: '快递到哪了', createdAt: new Date().toISOString() }],
            },
          })
        ).json();
      return { token, auth, send, human };
    };

    before(async () => {
      s = await testServer(kind);
      url = await s.app.listen({ port: 0, host: '127.0.0.1' });
      lina = await s.agent('lina@demo.test');
      wei = await s.agent('wei@demo.test');
    });
    after(() => s.close());

    it('signs in with the password only, in an HttpOnly SameSite cookie, and out again', async () => {
      const wrong = await s.app.inject({
        method: 'POST',
        url: '/api/desk/session',
        payload: { email: 'lina@demo.test', password: 'nope' },
      });
      assert.equal(wrong.statusCode, 401);
      const nobody = await s.app.inject({
        method: 'POST',
        url: '/api/desk/session',
        payload: { email: 'x@demo.test', password: 'nope' },
      });
      assert.equal(nobody.statusCode, 401);
      const res = await s.app.inject({
        method: 'POST',
        url: '/api/desk/session',
        payload: { email: 'LINA@demo.test', password: 'service-hall-demo' },
      });
      assert.equal(res.statusCode, 200);
      const cookie = res.cookies.find((c) => c.name === 'sh_desk')!;
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.sameSite, 'Strict');
      const me = await desk(`sh_desk=${cookie.value}`, 'GET', 'me');
      assert.equal(me.body.agent.email, 'lina@demo.test');
      assert.equal((await desk(`sh_desk=${cookie.value}`, 'DELETE', 'session')).status, 204);
      assert.equal((await desk(`sh_desk=${cookie.value}`, 'GET', 'me')).status, 401);
      assert.equal((await desk('', 'GET', 'queue')).status, 401);
    });

    it('orders the queue by priority then waiting time, reserves a returning customer, and limits chats', async () => {
      await desk(lina, 'PUT', 'presence', { status: 'online' });
      await desk(wei, 'PUT', 'presence', { status: 'online' });
      const plain = await customer('plain', { name: '普通' });
      const vip = await customer('vip', { name: '贵宾', tier: 'vip' });
      const angry = await customer('angry', { name: '生气' });
      const a = await plain.send('我的快递到哪了');
      const b = await vip.send('发票怎么开');
      const c = await angry.send('太差了!!!');
      assert.equal((await plain.human(a.conversationId)).position, 1);
      assert.equal((await vip.human(b.conversationId)).position, 1, 'VIP first');
      const third = await angry.human(c.conversationId, 'angry');
      assert.equal(third.position, 2, 'angry after the earlier VIP, before the plain customer');
      const queue = (await desk(lina, 'GET', 'queue')).body.queue as { conversationId: string; priority: string }[];
      const ids = queue.map((q) => q.conversationId);
      assert.deepEqual(
        ids.filter((id) => [a, b, c].some((x) => x.conversationId === id)),
        [b.conversationId, c.conversationId, a.conversationId],
      );

      // Lina takes the VIP; the VIP comes back later and is reserved for Lina while she is online.
      assert.equal((await desk(lina, 'POST', `conversations/${b.conversationId}/assign`, {})).status, 200);
      assert.equal(
        (await desk(wei, 'POST', `conversations/${b.conversationId}/assign`, {})).body.error.code,
        'not_waiting',
      );
      assert.equal((await desk(lina, 'POST', `conversations/${b.conversationId}/close`, {})).status, 204);
      const again = await vip.send('还是发票的问题');
      await vip.human(again.conversationId);
      const taken = await desk(wei, 'POST', `conversations/${again.conversationId}/assign`, {});
      assert.equal(taken.status, 409);
      assert.equal(taken.body.error.code, 'reserved');
      const next = await desk(lina, 'POST', 'queue/next', {});
      assert.equal(next.body.conversation.id, again.conversationId, 'the reserved customer is Lina’s next');

      // Lina's limit is 3.
      assert.equal((await desk(lina, 'POST', `conversations/${c.conversationId}/assign`, {})).status, 200);
      assert.equal((await desk(lina, 'POST', `conversations/${a.conversationId}/assign`, {})).status, 200);
      const extra = await customer('extra');
      const d = await extra.send('hello there');
      await extra.human(d.conversationId);
      const full = await desk(lina, 'POST', `conversations/${d.conversationId}/assign`, {});
      assert.equal(full.body.error.code, 'limit');
      for (const id of [again.conversationId, c.conversationId, a.conversationId])
        await desk(lina, 'POST', `conversations/${id}/close`, {});
      assert.equal((await desk(wei, 'POST', `conversations/${d.conversationId}/assign`, {})).status, 200);
      await desk(wei, 'POST', `conversations/${d.conversationId}/close`, {});
    });

    it('shows the context panel: customer, contacts, recontact, order, page, mood, transcript, suggestions', async () => {
      const who = await customer('ctx', { name: '王小明', tier: 'vip' });
      const first = await who.send('退款多久到账');
      await s.app.inject({
        method: 'POST',
        url: `/api/conversations/${first.conversationId}/close`,
        headers: who.auth,
        payload: {},
      });
      const conv = await who.send('我要退款，快递还没到');
      await who.human(conv.conversationId, 'anxious');
      const { status, body } = await desk(lina, 'GET', `conversations/${conv.conversationId}`);
      assert.equal(status, 200);
      const ctx = body.context;
      assert.equal(ctx.customer.name, '王小明');
      assert.equal(ctx.customer.tier, 'vip');
      assert.equal(ctx.recontact, true);
      assert.ok(ctx.pastContacts.some((p: { id: string }) => p.id === first.conversationId));
      assert.equal(ctx.order.id, 'YX58190385');
      assert.equal(ctx.page.page, 'orders');
      assert.equal(ctx.transcript[0].text, '快递到哪了');
      assert.ok(ctx.suggestions.articles.length > 0);
      assert.ok(
        body.messages.some((m: { role: string }) => m.role === 'bot'),
        'the bot transcript is in the messages',
      );
      await desk(lina, 'POST', `conversations/${conv.conversationId}/assign`, {});
      await desk(lina, 'POST', `conversations/${conv.conversationId}/close`, {});
    });

    it('streams to the desk: state on connect, queue changes, customer messages and typing; transfer moves it', async () => {
      const response = await fetch(`${url}/api/desk/events`, { headers: { cookie: wei, accept: 'text/event-stream' } });
      assert.equal(response.status, 200);
      const events = readEvents(response);
      await events.until((e) => ['state', 'queue', 'agents'].every((n) => e.some((x) => x.event === n)));
      const who = await customer('live', { name: 'Live' });
      const conv = await who.send('在吗');
      await who.human(conv.conversationId);
      await events.until((e) =>
        e.some(
          (x) =>
            x.event === 'queue' &&
            (x.data as { queue: { conversationId: string }[] }).queue.some(
              (q) => q.conversationId === conv.conversationId,
            ),
        ),
      );
      assert.equal((await desk(lina, 'POST', `conversations/${conv.conversationId}/assign`, {})).status, 200);
      assert.equal(
        (await desk(lina, 'POST', `conversations/${conv.conversationId}/transfer`, { agentId: 'a-wei' })).status,
        204,
      );
      await events.until((e) =>
        e.some(
          (x) =>
            x.event === 'conversation' &&
            (x.data as { conversation: { agentId?: string } }).conversation.agentId === 'a-wei',
        ),
      );
      await who.send('还在吗？', conv.conversationId);
      await events.until((e) =>
        e.some((x) => x.event === 'message' && (x.data as { message: { text: string } }).message.text === '还在吗？'),
      );
      await s.app.inject({
        method: 'POST',
        url: `/api/conversations/${conv.conversationId}/typing`,
        headers: who.auth,
        payload: { typing: true },
      });
      await events.until((e) => e.some((x) => x.event === 'typing'));
      assert.equal(
        (await desk(lina, 'POST', `conversations/${conv.conversationId}/messages`, { clientId: 'x', text: 'no' }))
          .status,
        409,
      );
      const reply = await desk(wei, 'POST', `conversations/${conv.conversationId}/messages`, {
        clientId: 'w-1',
        text: '您好，我是王伟',
        cards: [{ type: 'article', articleId: 'refund-time', title: '退款需要多久？' }],
      });
      assert.equal(reply.status, 200);
      const twice = await desk(wei, 'POST', `conversations/${conv.conversationId}/messages`, {
        clientId: 'w-1',
        text: '您好，我是王伟',
      });
      assert.equal(twice.body.id, reply.body.id, 'idempotent on clientId');
      await desk(wei, 'POST', `conversations/${conv.conversationId}/close`, {});
      events.cancel();
    });

    it('a transfer or a return to the queue tells the customer in a neutral note; the context goes along', async () => {
      await desk(lina, 'PUT', 'presence', { status: 'online' });
      await desk(wei, 'PUT', 'presence', { status: 'online' });
      const who = await customer('handover', { name: 'Handover' });
      const conv = await who.send('耳机没收到');
      const id = conv.conversationId;
      await who.human(id);
      assert.equal((await desk(wei, 'POST', `conversations/${id}/assign`, {})).status, 200);
      const response = await fetch(`${url}/api/conversations/${id}/events`, {
        headers: { ...who.auth, accept: 'text/event-stream' },
      });
      const stream = readEvents(response);
      await stream.until((e) => e.some((x) => x.event === 'agent'));

      // Only the agent who has it may hand it on, and not to themselves.
      assert.equal((await desk(lina, 'POST', `conversations/${id}/transfer`, { agentId: 'a-wei' })).status, 409);
      assert.equal((await desk(wei, 'POST', `conversations/${id}/transfer`, { agentId: 'a-wei' })).status, 422);
      assert.equal((await desk(wei, 'POST', `conversations/${id}/transfer`, { agentId: 'a-lina' })).status, 204);
      const note = '已为您转接给李娜 Lina，之前的对话记录已一并转交。';
      type Wire = { status?: string; agent?: { id: string }; role?: string; text?: string };
      const said = () =>
        stream.events.flatMap(({ event, data }) => {
          const d = data as Wire;
          if (event === 'agent') return [`${d.status} ${d.agent?.id}`];
          return event === 'message' && d.role === 'system' ? [d.text] : [];
        });
      await stream.until(() => said().includes(note));
      const order = said();
      assert.deepEqual(order.slice(-3), ['left a-wei', 'joined a-lina', note]);
      const detail = await desk(lina, 'GET', `conversations/${id}`);
      assert.equal(detail.body.context.orderId, 'YX58190385', 'the context travels with it');
      assert.equal(detail.body.context.transcript[0].text, '快递到哪了');
      assert.equal(detail.body.messages.at(-1).text, note);

      // Back to the queue: the customer is told, waits again, and anyone (the one who let go too) may take them.
      assert.equal((await desk(wei, 'POST', `conversations/${id}/requeue`, {})).status, 409);
      assert.equal((await desk(lina, 'POST', `conversations/${id}/requeue`, {})).status, 204);
      await stream.until((e) => e.some((x) => x.event === 'queue'));
      const queue = await desk(wei, 'GET', 'queue');
      const entry = queue.body.queue.find((q: { conversationId: string }) => q.conversationId === id);
      assert.ok(entry, 'waiting again');
      assert.equal(entry.reservedFor, undefined, 'reserved for no one');
      const after = await desk(wei, 'GET', `conversations/${id}`);
      assert.match(after.body.messages.at(-1).text, /转接其他客服/);
      assert.equal(after.body.messages.at(-1).role, 'system');
      assert.equal((await desk(lina, 'POST', `conversations/${id}/assign`, {})).status, 200);
      await desk(lina, 'POST', `conversations/${id}/close`, {});
      stream.cancel();
    });

    it('lists, answers and solves tickets, and finds history by any two-character Chinese word', async () => {
      const who = await customer('tickets', { name: '赵六' });
      const ticket = await s.app.inject({
        method: 'POST',
        url: '/api/tickets',
        headers: who.auth,
        payload: {
          category: 'damage',
          description: '电动牙刷充不进电',
          contact: '13800138000',
          attachments: [],
          context: { locale: 'zh-CN' },
        },
      });
      const { id } = ticket.json();
      const list = await desk(lina, 'GET', 'tickets?status=open');
      assert.ok(list.body.tickets.some((t: { id: string }) => t.id === id));
      const reply = await desk(lina, 'POST', `tickets/${id}/replies`, { text: '请寄回检测' });
      assert.equal(reply.status, 200);
      assert.equal((await desk(lina, 'GET', `tickets/${id}`)).body.ticket.status, 'pending');
      assert.equal((await desk(lina, 'PATCH', `tickets/${id}`, { status: 'solved' })).body.ticket.status, 'solved');
      assert.equal((await desk(lina, 'GET', `tickets/${id}`)).body.replies[0].text, '请寄回检测');
      assert.equal((await desk(lina, 'PATCH', `tickets/${id}`, { status: 'lost' })).status, 400);
      assert.equal((await desk(lina, 'GET', 'tickets/T0000')).status, 404);

      const conv = await who.send('我的空气炸锅有异味怎么办');
      for (const word of ['炸锅', '异味', '空气炸锅']) {
        const found = await desk(lina, 'GET', `search?q=${encodeURIComponent(word)}`);
        assert.ok(
          found.body.messages.some((m: { conversationId: string }) => m.conversationId === conv.conversationId),
          word,
        );
      }
      const byTicket = await desk(lina, 'GET', `search?q=${encodeURIComponent('充不')}`);
      assert.ok(byTicket.body.tickets.some((t: { id: string }) => t.id === id));
      const byOrder = await desk(lina, 'GET', 'search?order=YX58190385');
      assert.ok(byOrder.body.conversations.length > 0);
      const none = await desk(lina, 'GET', `search?q=${encodeURIComponent('火箭')}`);
      assert.equal(none.body.messages.length, 0);
    });

    it("uploads an agent's files with the session only, within the limits, and sends them without text", async () => {
      const upload = (name: string, type: string, content: Buffer, headers: Record<string, string> = {}) => {
        const form = multipartFile(name, type, content);
        return s.app.inject({
          method: 'POST',
          url: '/api/desk/uploads',
          headers: { ...headers, 'content-type': form.type },
          payload: form.payload,
        });
      };
      const who = await customer('attach', { name: 'Attach' });
      // An agent's session is required: none, or a customer's token, is a 401.
      assert.equal((await upload('label.png', 'image/png', PNG)).statusCode, 401);
      assert.equal((await upload('label.png', 'image/png', PNG, who.auth)).statusCode, 401);
      // The limits are the widget's: the type from the bytes, 10 MiB.
      const svg = await upload('x.svg', 'image/svg+xml', Buffer.from('<svg onload="alert(1)"/>'), { cookie: lina });
      assert.equal(svg.statusCode, 415, svg.body);
      assert.equal(svg.json().error.code, 'unsupported_type');
      const lie = await upload('x.png', 'image/png', Buffer.from('<script>alert(1)</script>'), { cookie: lina });
      assert.equal(lie.statusCode, 415, lie.body);
      const big = await upload('big.png', 'image/png', Buffer.concat([PNG, Buffer.alloc(10 * 2 ** 20)]), {
        cookie: lina,
      });
      assert.equal(big.statusCode, 413, big.body);
      assert.equal(big.json().error.code, 'too_large');
      const ok = await upload('<img src=x onerror=alert(1)>.png', 'image/png', PNG, { cookie: lina });
      assert.equal(ok.statusCode, 200, ok.body);
      const file = ok.json();
      assert.deepEqual(
        [file.type, file.size, file.name],
        ['image/png', PNG.length, '<img src=x onerror=alert(1)>.png'],
      );

      // In a conversation: files alone are a message, and the customer reads them with a link that works.
      await desk(lina, 'PUT', 'presence', { status: 'online' });
      const conv = await who.send('包装破了');
      await who.human(conv.conversationId);
      assert.equal((await desk(lina, 'POST', `conversations/${conv.conversationId}/assign`, {})).status, 200);
      const path = `conversations/${conv.conversationId}/messages`;
      assert.equal((await desk(lina, 'POST', path, { clientId: 'f-0', text: ' ' })).status, 422, 'empty');
      // Another agent's upload is not this agent's to send.
      const weis = (await upload('w.png', 'image/png', PNG, { cookie: wei })).json();
      assert.equal((await desk(lina, 'POST', path, { clientId: 'f-1', text: '', attachments: [weis] })).status, 422);
      const sent = await desk(lina, 'POST', path, { clientId: 'f-2', text: '', attachments: [file] });
      assert.equal(sent.status, 200, JSON.stringify(sent.body));
      const read = await s.app.inject({
        url: `/api/conversations/${conv.conversationId}/messages?after=0`,
        headers: who.auth,
      });
      const mine = read.json().messages.find((m: { clientId?: string }) => m.clientId === 'f-2');
      assert.equal(mine.role, 'agent');
      assert.equal(mine.attachments[0].name, file.name);
      const signed = new URL(mine.attachments[0].url);
      assert.equal(signed.pathname, `/api/uploads/${file.id}`, 'served on the customer API, signed');
      const bytes = await fetch(url + signed.pathname + signed.search);
      assert.equal(bytes.status, 200);
      assert.deepEqual(Buffer.from(await bytes.arrayBuffer()), PNG);
      await desk(lina, 'POST', `conversations/${conv.conversationId}/close`, {});

      // A ticket reply: files alone are a reply too; nothing at all is not.
      const ticket = await s.app.inject({
        method: 'POST',
        url: '/api/tickets',
        headers: who.auth,
        payload: {
          category: 'damage',
          description: '盒子压坏了',
          contact: '13800138000',
          attachments: [],
          context: { locale: 'zh-CN' },
        },
      });
      assert.equal(ticket.statusCode, 200, ticket.body);
      const { id } = ticket.json();
      assert.equal((await desk(lina, 'POST', `tickets/${id}/replies`, { text: '' })).status, 422);
      const label = (
        await upload('return-label.pdf', 'application/pdf', Buffer.from('%PDF-1.4\n%%EOF'), { cookie: lina })
      ).json();
      const reply = await desk(lina, 'POST', `tickets/${id}/replies`, { text: '', attachments: [label] });
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
      const thread = await s.app.inject({ url: `/api/tickets/${id}`, headers: who.auth });
      assert.equal(thread.statusCode, 200, thread.body);
      assert.deepEqual(
        thread.json().replies.map((r: { attachments: { name: string; type: string }[] }) => r.attachments[0]?.type),
        ['application/pdf'],
      );
    });

    it('offers canned replies and the team', async () => {
      const canned = await desk(lina, 'GET', 'canned-replies?locale=en');
      assert.ok(canned.body.replies.some((r: { shortcut: string }) => r.shortcut === 'refund'));
      const team = await desk(lina, 'GET', 'agents');
      assert.deepEqual(team.body.agents.map((a: { id: string }) => a.id).sort(), ['a-lina', 'a-wei']);
    });
  });
}
