// `npm run bench` (after the widget's benchmark): the reference server, built in dist/server, as separate
// processes on this machine. Event streams held by one instance and the memory each costs; sustained
// customer messages per second with the stream echo's delay; agent→customer and customer→agent delivery
// p50/p95: on PGlite, and on Postgres with one and with two instances when SERVICE_HALL_BENCH_DATABASE_URL
// (or SERVICE_HALL_TEST_DATABASE_URL) names a server whose user may create databases.
// Writes its section of BENCHMARKS.md. `--quick` uses fewer streams and shorter runs.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import pg from 'pg';
import { withServerSection } from './server-section.js';

const QUICK = process.argv.includes('--quick');
const STREAMS = QUICK ? 200 : 1000;
const RATE = 200;
const SECONDS = QUICK ? 5 : 15;
const SAMPLES = QUICK ? 40 : 200;
const SECRET = 'bench-secret-bench-secret-bench-secret';
const ADMIN_URL = process.env.SERVICE_HALL_BENCH_DATABASE_URL ?? process.env.SERVICE_HALL_TEST_DATABASE_URL;

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

const children = new Set();
process.on('exit', () => children.forEach((c) => c.kill('SIGKILL')));

/** Starts an instance of dist/server/cli.js and waits for /healthz. */
const launch = async ({ databaseUrl, seed }) => {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'sh-bench-'));
  const child = spawn(
    process.execPath,
    ['dist/server/cli.js', '--port', String(port), '--data', dir, ...(seed ? ['--seed', 'demo'] : [])],
    {
      env: { ...process.env, SERVICE_HALL_SECRET: SECRET, LOG_LEVEL: 'warn', DATABASE_URL: databaseUrl ?? '' },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  children.add(child);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (
      await fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    rss: () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) * 1024,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      children.delete(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

const freshDatabase = async () => {
  const admin = new URL(ADMIN_URL);
  const name = `sh_bench_${randomUUID().replace(/-/g, '')}`;
  const client = new pg.Client({ connectionString: admin.href });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  admin.pathname = `/${name}`;
  return admin.href;
};

const sign = (sub) =>
  new SignJWT({ name: sub })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setExpirationTime('2h')
    .sign(new TextEncoder().encode(SECRET));

const post = async (url, body, headers = {}) => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? undefined : response.json();
};

/** Reads an SSE response, calling `onEvent(event, data)` for each event. */
const follow = async (response, onEvent) => {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read().catch(() => ({ done: true }));
    if (done) return;
    buffer += value;
    let at;
    while ((at = buffer.indexOf('\n\n')) !== -1) {
      const block = buffer.slice(0, at);
      buffer = buffer.slice(at + 2);
      let event = '';
      let data = '';
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) event = line.slice(7);
        else if (line.startsWith('data: ')) data += line.slice(6);
      }
      if (event) onEvent(event, JSON.parse(data));
    }
  }
};

/** A percentile of the finite values; an echo that never came (NaN) is counted apart, as `lost`. */
const pct = (values, p) => {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const ms = (v) => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : 'n/a');

/** Runs `count` jobs with at most `width` at once. */
const pool = async (count, width, job) => {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) await job(next++);
    }),
  );
};

/** One scenario: customers' streams on instance A, the agents on instance B (which may be A). */
const scenario = async (name, { databaseUrl, instances }) => {
  console.log(`\n▶ ${name}`);
  const a = await launch({ databaseUrl, seed: true });
  const b = instances === 2 ? await launch({ databaseUrl, seed: false }) : a;
  const waiters = new Map(); // marker text or clientId → resolve(time)
  const arrived = (key) => {
    const resolve = waiters.get(key);
    if (resolve) {
      waiters.delete(key);
      resolve(performance.now());
    }
  };
  const wait = (key) => new Promise((resolve) => waiters.set(key, resolve));
  const controllers = [];

  // Customers, each with a conversation and an open stream on A.
  const customers = [];
  const t0 = performance.now();
  await pool(STREAMS, 16, async (i) => {
    const token = await sign(`bench-${i}`);
    const receipt = await post(
      `${a.url}/api/conversations/messages`,
      { clientId: randomUUID(), text: '你好', attachments: [], context: { locale: 'zh-CN' } },
      { authorization: `Bearer ${token}` },
    );
    customers.push({ token, id: receipt.conversationId, seq: receipt.seq + 1 });
  });
  const setup = (performance.now() - t0) / 1000;
  const before = a.rss();
  await pool(customers.length, 50, async (i) => {
    const c = customers[i];
    const controller = new AbortController();
    controllers.push(controller);
    const response = await fetch(`${a.url}/api/conversations/${c.id}/events`, {
      headers: { authorization: `Bearer ${c.token}`, accept: 'text/event-stream', 'last-event-id': String(c.seq) },
      signal: controller.signal,
    });
    if (!response.ok) throw new Error(`stream ${response.status}`);
    void follow(response, (event, data) => {
      if (event === 'message') arrived(data.clientId ?? data.text);
    });
  });
  await new Promise((r) => setTimeout(r, 1000));
  const perStream = (a.rss() - before) / customers.length;

  // Sustained customer messages at RATE per second across the conversations, each answered by the bot.
  const echoes = [];
  let sent = 0;
  let failed = 0;
  const reasons = new Map();
  const started = performance.now();
  const inflight = [];
  for (let tick = 0; performance.now() - started < SECONDS * 1000; tick++) {
    const due = Math.floor(((performance.now() - started) / 1000) * RATE);
    while (sent < due) {
      const c = customers[sent++ % customers.length];
      const clientId = randomUUID();
      const at = performance.now();
      const echo = wait(clientId);
      inflight.push(
        post(
          `${a.url}/api/conversations/messages`,
          { clientId, conversationId: c.id, text: '退款多久到账', attachments: [], context: { locale: 'zh-CN' } },
          { authorization: `Bearer ${c.token}` },
        ).then(
          () =>
            Promise.race([echo, new Promise((r) => setTimeout(() => r(NaN), 10_000))]).then((t) => echoes.push(t - at)),
          (error) => {
            failed++;
            const reason = String(error.cause?.code ?? error.message).slice(0, 80);
            reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
          },
        ),
      );
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  await Promise.all(inflight);
  const elapsed = (performance.now() - started) / 1000;
  const rate = (sent - failed) / elapsed;

  // Agents on B take conversations; deliveries both ways, one at a time.
  const agentCookie = async (email) => {
    const response = await fetch(`${b.url}/api/desk/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'service-hall-demo' }),
    });
    return response.headers.get('set-cookie').split(';')[0];
  };
  const toAgent = [];
  const toCustomer = [];
  for (const email of ['lina@demo.test', 'wei@demo.test']) {
    const cookie = await agentCookie(email);
    await fetch(`${b.url}/api/desk/presence`, {
      method: 'PUT',
      headers: { cookie, 'content-type': 'application/json' },
      body: '{"status":"online"}',
    });
    const controller = new AbortController();
    controllers.push(controller);
    const desk = await fetch(`${b.url}/api/desk/events`, { headers: { cookie }, signal: controller.signal });
    void follow(desk, (event, data) => {
      if (event === 'message') arrived(data.message.text);
    });
    const mine = customers.splice(0, 3);
    for (const c of mine) {
      await post(
        `${a.url}/api/conversations/${c.id}/human`,
        { reason: 'bench', priority: 'normal', context: { locale: 'zh-CN' }, transcript: [] },
        { authorization: `Bearer ${c.token}` },
      );
      await post(`${b.url}/api/desk/conversations/${c.id}/assign`, {}, { cookie });
    }
    await new Promise((r) => setTimeout(r, 300));
    for (let i = 0; i < SAMPLES / 2; i++) {
      const c = mine[i % mine.length];
      const marker = `agent ${email} ${i} ${randomUUID()}`;
      let at = performance.now();
      let arrival = wait(marker);
      await post(
        `${b.url}/api/desk/conversations/${c.id}/messages`,
        { clientId: randomUUID(), text: marker },
        { cookie },
      );
      toCustomer.push((await arrival) - at);
      const text = `customer ${i} ${randomUUID()}`;
      at = performance.now();
      arrival = wait(text);
      await post(
        `${a.url}/api/conversations/messages`,
        { clientId: randomUUID(), conversationId: c.id, text, attachments: [], context: { locale: 'zh-CN' } },
        { authorization: `Bearer ${c.token}` },
      );
      toAgent.push((await arrival) - at);
    }
  }
  controllers.forEach((c) => c.abort());
  await a.stop();
  if (b !== a) await b.stop();
  const row = {
    name,
    streams: STREAMS,
    setup,
    perStream,
    rate,
    sent,
    failed,
    reasons: [...reasons].map(([reason, n]) => `${n}× ${reason}`).join('; '),
    unechoed: echoes.filter((t) => !Number.isFinite(t)).length,
    echo50: pct(echoes, 50),
    echo95: pct(echoes, 95),
    a50: pct(toCustomer, 50),
    a95: pct(toCustomer, 95),
    c50: pct(toAgent, 50),
    c95: pct(toAgent, 95),
  };
  console.log(row);
  return row;
};

const rows = [await scenario('PGlite, one instance', { instances: 1 })];
if (ADMIN_URL) {
  rows.push(await scenario('Postgres, one instance', { databaseUrl: await freshDatabase(), instances: 1 }));
  rows.push(
    await scenario('Postgres, two instances (customers on A, agents on B)', {
      databaseUrl: await freshDatabase(),
      instances: 2,
    }),
  );
}

const pg95 = rows.find((r) => r.name.startsWith('Postgres, one'));
const goal = pg95
  ? `Goal (1,000 streams and 200 messages/s on one instance, delivery p95 ≤ 50 ms on Postgres): ${
      pg95.streams >= 1000 && pg95.rate >= 195 && Math.max(pg95.a95, pg95.c95, pg95.echo95) <= 50
        ? '**met**'
        : '**not met**'
    }.`
  : 'Postgres was not measured in this run (set SERVICE_HALL_BENCH_DATABASE_URL).';
const section = `## Reference server

Measured by \`node bench/server.js\` (part of \`npm run bench\`) on ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores,
Node ${process.version}: the built server (dist/server) in separate processes; the load generator, the servers and
Postgres share the machine${QUICK ? ' (quick run: fewer streams, shorter)' : ''}. Each customer has a conversation and an open event
stream on instance A. Sustained: customer messages sent at ${RATE}/s for ${SECONDS} s spread over the conversations,
each answered by the bot in the same transaction (so twice as many messages are written); the delay is from the
POST to the message's echo on the customer's own stream. Deliveries: ${SAMPLES / 2} agent replies and ${SAMPLES / 2}
customer messages, one at a time, agents on instance B (the same instance when there is one).

| setup | streams held | memory per stream | messages/s sustained (sent, failed) | echo p50 / p95 | agent→customer p50 / p95 | customer→agent p50 / p95 |
|---|---|---|---|---|---|---|
${rows
  .map(
    (r) =>
      `| ${r.name} | ${r.streams} | ${(r.perStream / 1024).toFixed(1)} KB | ${r.rate.toFixed(0)} (${r.sent}, ${r.failed}) | ${ms(r.echo50)} / ${ms(r.echo95)} | ${ms(r.a50)} / ${ms(r.a95)} | ${ms(r.c50)} / ${ms(r.c95)} |`,
  )
  .join('\n')}

${rows
  .filter((r) => r.failed || r.unechoed)
  .map(
    (r) =>
      `${r.name}: ${r.failed} sends failed (${r.reasons || 'none'}); ${r.unechoed} acknowledged messages not echoed within 10 s.`,
  )
  .join('\n')}

The sustained rate is open-loop: when the server falls behind, requests queue, delays grow, and the load
generator's own connections time out (undici's 10 s connect timeout). A failed send was never acknowledged, so
nothing acknowledged is lost (the crash and idempotency tests check that); the widget's outbox would send it again.

${goal}
`;
const md = existsSync('BENCHMARKS.md') ? readFileSync('BENCHMARKS.md', 'utf8') : '# Benchmarks\n';
writeFileSync('BENCHMARKS.md', withServerSection(md, section));
console.log('\nBENCHMARKS.md: reference server section written.');
process.exit(0);
