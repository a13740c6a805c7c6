/**
 * Many open conversations: their workflows stay open waiting for the next message. Fills them
 * through the real inbound route (replies switched off so filling is quick; each still runs its
 * turn), then reports the worker's and the API's memory, their CPU while idle, and how late 1,000
 * Temporal timers due at the same instant fire with all those conversations open.
 *
 *   npm run bench:scale   # BENCH_CONVERSATIONS=10000 BENCH_RATE=40 BENCH_IDLE_SECONDS=30 BENCH_TIMERS=1000
 */
import { eventually } from '../test/support/eventually.js';
import { processUsage } from '../test/support/service-process.js';
import {
  loadAverage,
  openLoop,
  percentiles,
  printMachine,
  setting,
  startBenchService,
  startBenchWorker,
} from './support.js';

printMachine();
const conversations = setting('BENCH_CONVERSATIONS', 10_000);
const rate = setting('BENCH_RATE', 40);
const idleSeconds = setting('BENCH_IDLE_SECONDS', 30);
const timers = setting('BENCH_TIMERS', 1_000);
const service = await startBenchService();
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
try {
  await service.request('put', '/v1/ai/global', { body: { enabled: false } });
  const fillStart = Date.now();
  const fill = await openLoop(rate, conversations / rate, async (i) => {
    const answer = await service.request('post', `/v1/accounts/${service.accountId}/messages`, {
      body: { message_id: `scale-${i}`, from: { id: `+3463${String(i).padStart(7, '0')}` }, text: 'Hello' },
    });
    if (answer.status !== 202) throw new Error(`ingest answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  });
  // Every conversation has had its turn (an AI log each, `skipped`): the workflows are all open and idle.
  await eventually(
    async () => (await service.database.collections.aiLogs.countDocuments({})) >= conversations - fill.errors,
    // Every 10 s: counting scans the collection on FerretDB, and the bench should not be the load.
    { timeoutMs: 1_800_000, intervalMs: 10_000, what: 'every turn' },
  );
  const filledIn = (Date.now() - fillStart) / 1000;
  const before = { worker: processUsage(service.worker.pid), api: processUsage(service.api.pid) };
  await new Promise((r) => setTimeout(r, idleSeconds * 1000));
  const after = { worker: processUsage(service.worker.pid), api: processUsage(service.api.pid) };
  const idleCpu = (who: 'worker' | 'api') =>
    `${(((after[who].cpuSeconds - before[who].cpuSeconds) / idleSeconds) * 100).toFixed(1)}% of a core`;

  const bench = await startBenchWorker(service.temporalAddress);
  const dueAt = Date.now() + 15_000 + timers * 5;
  const handles = await Promise.all(
    Array.from({ length: timers }, (_, i) =>
      bench.client.workflow.start('dueAtWorkflow', {
        workflowId: `timer-${dueAt}-${i}`,
        taskQueue: bench.taskQueue,
        args: [dueAt],
      }),
    ),
  );
  const lateness = percentiles(await Promise.all(handles.map((h) => h.result() as Promise<number>)));
  await bench.stop();

  console.log(
    `${conversations} open conversations (filled at ${rate}/s, all turns done after ${filledIn.toFixed(0)} s)`,
  );
  console.log(`ingest errors while filling: ${fill.errors}`, fill.errorSamples);
  console.log(`worker RSS ${mib(after.worker.rssBytes)}, idle CPU ${idleCpu('worker')} (over ${idleSeconds} s)`);
  console.log(`API    RSS ${mib(after.api.rssBytes)}, idle CPU ${idleCpu('api')}`);
  console.log(
    `${timers} timers due at once: lateness p50 ${lateness.p50} ms, p99 ${lateness.p99} ms, max ${lateness.max} ms`,
  );
  console.log(`load average at end: ${loadAverage()}`);
} finally {
  await service.stop();
}
