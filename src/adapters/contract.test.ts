import { startMockServer, type MockServer } from '../mocks/browser.js';
import { createHandlers } from '../mocks/handlers.js';
import { describeAdapterContract } from './contract.js';
import { createHttpAdapter } from './http/index.js';
import { createMemoryAdapter } from './memory/index.js';
import { workerFetch, workerStreams } from '../test/engine.js';

const memory = () =>
  createMemoryAdapter({
    latency: 0,
    timing: { queueStepMs: 10, agentJoinMs: 10, typingMs: 5, botDelayMs: 5, ticketReplyMs: 0 },
  });

describeAdapterContract('memory', async () => ({ adapter: memory() }));

const ENDPOINT = 'https://backend.test/api/';
let server: Promise<MockServer> | undefined;

// One worker for the whole file; each test gets a fresh backend behind it. Its streams need an engine that can
// transfer a stream to msw's worker, which WebKit cannot (engine.ts); there the real server's contract runs.
(workerStreams ? describe : describe.skip)('over msw', () =>
  describeAdapterContract('http over msw', async () => {
    const backend = memory();
    const running = await (server ??= startMockServer(ENDPOINT, backend));
    running.worker.resetHandlers(...createHandlers(ENDPOINT, backend));
    return { adapter: createHttpAdapter({ endpoint: ENDPOINT, backoffMs: 10, fetch: workerFetch }) };
  }),
);
