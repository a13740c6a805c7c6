/**
 * Graceful shutdown of the real entry points (`src/server.ts`, `src/worker.ts` as OS processes), as a
 * deploy does it: SIGTERM while a request or a turn is in flight. The API finishes the request before
 * it exits; the worker lets the running LLM call finish instead of cancelling it.
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.js';
import { startHarness, type Harness } from '../support/harness.js';
import { startServiceProcess, startWorkerProcess, type ServiceProcess } from '../support/service-process.js';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Each test starts a real process (tsx compiling, the worker bundling its workflows): slow on a loaded machine. */
const PROCESS_TEST_TIMEOUT_MS = 240_000;

describe('graceful shutdown on SIGTERM', () => {
  let h: Harness;
  const processes: ServiceProcess[] = [];

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await Promise.all(processes.map((process) => process.kill9()));
    await h?.close();
  });

  it(
    'the API answers the request in flight, refuses new connections, then exits 0',
    async () => {
      const api = await startServiceProcess('src/server.ts', { ...h.environment, PORT: '0' }, 'API listening');
      processes.push(api);
      const url = /"url":"(http:\/\/[^"]+)"/.exec(api.output())![1]!;
      h.llm.script({ reply: 'A slow but complete answer.', delayMs: 1500 });
      const before = h.llm.requests.length;
      const slow = fetch(`${url}/v1/ai/admin/test`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': h.adminKey },
        body: JSON.stringify({ message: 'Take your time' }),
      });
      await eventually(() => h.llm.requests.length > before, { what: 'the request at the provider' });

      const stopped = api.stop();
      await eventually(() => api.output().includes('"API draining"'), { what: 'the API draining' });
      await expect(fetch(`${url}/health`)).rejects.toThrow();
      const answer = await slow;
      expect(answer.status).toBe(200);
      expect(await answer.json()).toMatchObject({ reply: 'A slow but complete answer.' });
      await stopped;
      expect(api.exitCode()).toBe(0);
      expect(api.output()).toContain('"API stopped"');
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it(
    'the worker reports health, and on SIGTERM lets the running LLM call finish instead of retrying it',
    async () => {
      await h.stopWorker();
      const healthPort = await freePort();
      const worker = await startWorkerProcess({
        ...h.environment,
        WORKER_HEALTH_PORT: String(healthPort),
        WORKER_SHUTDOWN_GRACE_SECONDS: '30',
      });
      processes.push(worker);
      const health = `http://127.0.0.1:${healthPort}/health`;
      await eventually(async () => (await fetch(health)).status === 200, { what: 'the worker healthy' });
      expect(await (await fetch(health)).text()).toBe('RUNNING');

      const account = await h.createChannelAccount();
      h.llm.script({ reply: 'Finished during the shutdown.', delayMs: 2000 });
      const before = h.llm.requests.length;
      const accepted = await h.inbound(account.id, {
        message_id: 'wamid.shutdown-1',
        from: { id: '34600777001' },
        text: 'Are you still there?',
      });
      expect(accepted.status).toBe(202);
      await eventually(() => h.llm.requests.length > before, { what: 'the LLM call' });

      await worker.stop();
      expect(worker.exitCode()).toBe(0);
      // The generation completed in the grace time: logged once, the provider called once.
      const logs = await h.collections.aiLogs.find({ conversationId: accepted.body.conversation_id }).toArray();
      expect(logs).toMatchObject([{ outcome: 'generated', reply: 'Finished during the shutdown.' }]);
      expect(h.llm.requests.length).toBe(before + 1);

      // The rest of the turn (the send) runs on the next worker, once.
      await h.restartWorker();
      const sends = await eventually(
        () => {
          const mine = h.hook.sends().filter((send) => send.conversation_id === accepted.body.conversation_id);
          return mine.length > 0 && mine;
        },
        { what: 'the reply sent by the next worker' },
      );
      expect(sends.map((send) => send.message.text)).toEqual(['Finished during the shutdown.']);
      expect(h.llm.requests.length).toBe(before + 1);
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});
