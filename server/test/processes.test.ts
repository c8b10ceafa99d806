// Real server processes: two instances on one Postgres serving one conversation live, one SIGKILLed with the
// customer resuming on the other; and SIGKILL right after acknowledgements, then a restart on the same data
// (PGlite folder and Postgres), with every acknowledged message there exactly once.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { SignJWT } from 'jose';
import { freshPostgres, kinds, readEvents, SECRET } from './helpers.js';

interface Instance {
  url: string;
  process: ChildProcess;
  /** Resolves once the process has exited. */
  exited: Promise<void>;
}

const running = new Set<ChildProcess>();
after(() => running.forEach((p) => p.kill('SIGKILL')));

/** Starts `service-hall-server` from the source and resolves with its URL once it listens. */
const launch = (dataDir: string, databaseUrl?: string, seed = true): Promise<Instance> =>
  new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'server/cli.ts', '--port', '0', '--data', dataDir, ...(seed ? ['--seed', 'demo'] : [])],
      {
        env: {
          ...process.env,
          SERVICE_HALL_SECRET: SECRET,
          LOG_LEVEL: 'info',
          ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATABASE_URL: '' }),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    running.add(child);
    const exited = new Promise<void>((done) => child.once('exit', () => (running.delete(child), done())));
    let output = '';
    const timer = setTimeout(() => reject(new Error(`no listening line in 60 s:\n${output}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk;
      const url = /listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ url, process: child, exited });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}:\n${output}`));
    });
  });

const kill = async (instance: Instance) => {
  instance.process.kill('SIGKILL');
  await instance.exited;
};

const token = (sub: string) =>
  new SignJWT({ name: sub })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(SECRET));

const json = async (url: string, init: RequestInit & { body?: string } = {}) => {
  const response = await fetch(url, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
};

const send = (base: string, auth: string, text: string, conversationId?: string, clientId = crypto.randomUUID()) =>
  json(`${base}/api/conversations/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${auth}` },
    body: JSON.stringify({
      clientId,
      text,
      attachments: [],
      context: { locale: 'zh-CN' },
      ...(conversationId && { conversationId }),
    }),
  });

describe(
  'two instances on one Postgres',
  { skip: !kinds().includes('postgres') && 'needs SERVICE_HALL_TEST_DATABASE_URL' },
  () => {
    it('serve one conversation live across instances, and a SIGKILLed one loses the customer nothing', async () => {
      const databaseUrl = await freshPostgres();
      const dirs = [mkdtempSync(join(tmpdir(), 'sh-a-')), mkdtempSync(join(tmpdir(), 'sh-b-'))];
      const a = await launch(dirs[0]!, databaseUrl);
      const b = await launch(dirs[1]!, databaseUrl, false);
      try {
        const customer = await token('two-instances');
        const first = await send(a.url, customer, '我要找人工');
        assert.equal(first.status, 200);
        const { conversationId } = first.body as { conversationId: string };

        // The agent works on B.
        const signIn = await fetch(`${b.url}/api/desk/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'lina@demo.test', password: 'service-hall-demo' }),
        });
        const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
        const desk = (path: string, method = 'POST', body: unknown = {}) =>
          json(`${b.url}/api/desk/${path}`, { method, headers: { cookie }, body: JSON.stringify(body) });
        await desk('presence', 'PUT', { status: 'online' });
        const human = await json(`${a.url}/api/conversations/${conversationId}/human`, {
          method: 'POST',
          headers: { authorization: `Bearer ${customer}` },
          body: JSON.stringify({
            reason: 'customer asked',
            priority: 'normal',
            context: { locale: 'zh-CN' },
            transcript: [],
          }),
        });
        assert.equal(human.body.status, 'queued');

        // The customer's stream is on A, the agent's desk stream on B.
        const onA = readEvents(
          await fetch(`${a.url}/api/conversations/${conversationId}/events`, {
            headers: { authorization: `Bearer ${customer}`, 'last-event-id': '0' },
          }),
        );
        const deskStream = readEvents(await fetch(`${b.url}/api/desk/events`, { headers: { cookie } }));
        await deskStream.until((e) => e.some((x) => x.event === 'state'));
        assert.equal((await desk(`conversations/${conversationId}/assign`)).status, 200);
        await onA.until((e) => e.some((x) => x.event === 'agent'));
        assert.equal(
          (await desk(`conversations/${conversationId}/messages`, 'POST', { clientId: 'b-1', text: '您好，我在B上' }))
            .status,
          200,
        );
        await onA.until((e) =>
          e.some((x) => x.event === 'message' && (x.data as { text: string }).text === '您好，我在B上'),
        );
        assert.equal((await send(a.url, customer, '我在A上', conversationId)).status, 200);
        await deskStream.until((e) =>
          e.some((x) => x.event === 'message' && (x.data as { message: { text: string } }).message.text === '我在A上'),
        );

        // A dies mid-conversation; the agent goes on writing; the customer resumes on B from their cursor.
        await kill(a);
        await onA.until(() => onA.ended);
        const seen = onA.events.filter((e) => e.event === 'message').map((e) => Number(e.id));
        for (let i = 2; i <= 4; i++)
          assert.equal(
            (await desk(`conversations/${conversationId}/messages`, 'POST', { clientId: `b-${i}`, text: `第${i}条` }))
              .status,
            200,
          );
        const onB = readEvents(
          await fetch(`${b.url}/api/conversations/${conversationId}/events`, {
            headers: { authorization: `Bearer ${customer}`, 'last-event-id': String(Math.max(...seen)) },
          }),
        );
        await onB.until((e) => e.some((x) => x.event === 'message' && (x.data as { text: string }).text === '第4条'));
        await onB.until((e) => e.some((x) => x.event === 'agent'), 2000);
        const resumed = onB.events.filter((e) => e.event === 'message').map((e) => Number(e.id));
        const all = [...seen, ...resumed];
        assert.equal(new Set(all).size, all.length, 'nothing repeated');
        const stored = await json(`${b.url}/api/conversations/${conversationId}/messages?after=0`, {
          headers: { authorization: `Bearer ${customer}` },
        });
        assert.deepEqual(
          all,
          (stored.body.messages as { seq: number }[]).map((m) => m.seq),
          'nothing lost, in order',
        );
        onB.cancel();
        deskStream.cancel();
      } finally {
        await Promise.all([a, b].map((i) => (i.process.exitCode === null ? kill(i) : undefined)));
        dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
      }
    });
  },
);

for (const kind of kinds()) {
  describe(`a crash on ${kind}`, () => {
    it('keeps every acknowledged message exactly once after SIGKILL and a restart', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'sh-crash-'));
      const databaseUrl = kind === 'postgres' ? await freshPostgres() : undefined;
      const first = await launch(dir, databaseUrl);
      const customer = await token('crash');
      const opened = await send(first.url, customer, 'start');
      const { conversationId } = opened.body as { conversationId: string };
      const acknowledged = new Set<string>();
      const attempted: ReturnType<typeof crypto.randomUUID>[] = [];
      // Writers keep sending until the kill; the kill comes right after a batch of acknowledgements.
      let stop = false;
      const writer = async () => {
        while (!stop) {
          const clientId = crypto.randomUUID();
          attempted.push(clientId);
          try {
            const res = await send(first.url, customer, `消息 ${attempted.length}`, conversationId, clientId);
            if (res.status === 200) acknowledged.add(clientId);
          } catch {
            return; // the server died mid-request: this one was not acknowledged
          }
        }
      };
      const writers = Array.from({ length: 4 }, writer);
      while (acknowledged.size < 40) await new Promise((r) => setTimeout(r, 5));
      await kill(first);
      stop = true;
      await Promise.all(writers);

      const second = await launch(dir, databaseUrl, false);
      try {
        const page = async (after: number) =>
          (
            await json(`${second.url}/api/conversations/${conversationId}/messages?after=${after}`, {
              headers: { authorization: `Bearer ${customer}` },
            })
          ).body.messages as { seq: number; clientId?: string }[];
        const messages: { seq: number; clientId?: string }[] = [];
        for (let batch = await page(0); batch.length; batch = await page(batch.at(-1)!.seq)) messages.push(...batch);
        const counts = new Map<string, number>();
        for (const m of messages) if (m.clientId) counts.set(m.clientId, (counts.get(m.clientId) ?? 0) + 1);
        for (const id of acknowledged) assert.equal(counts.get(id), 1, `acknowledged ${id} is there once`);
        // The client retries what was never acknowledged: stored once, whether or not the crash kept it.
        for (const id of attempted.filter((x) => !acknowledged.has(x)))
          assert.equal((await send(second.url, customer, 'retry', conversationId, id)).status, 200);
        const after = new Map<string, number>();
        for (const m of await page(0)) if (m.clientId) after.set(m.clientId, (after.get(m.clientId) ?? 0) + 1);
        assert.ok(
          [...after.values()].every((n) => n === 1),
          'no clientId twice',
        );
        const seqs = messages.map((m) => m.seq);
        assert.deepEqual(
          seqs,
          [...new Set(seqs)].sort((x, y) => x - y),
        );
      } finally {
        await kill(second);
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
