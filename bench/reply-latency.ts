/**
 * Reply overhead: zero reply delay and typing time, a 0-ms scripted provider; the time from
 * posting an inbound message to the channel hook receiving the reply, over many conversations
 * (one message each, posted open loop at a steady rate), and the workflow history events per turn.
 *
 *   npm run bench:reply-latency   # BENCH_CONVERSATIONS=1000 BENCH_RATE=20 (messages/s) BENCH_HISTORY_SAMPLE=20
 */
import { Client, Connection } from '@temporalio/client';
import { conversationWorkflowId } from '../src/workflows/definitions.js';
import { loadAverage, openLoop, percentiles, printMachine, setting, startBenchService } from './support.js';
import { eventually } from '../test/support/eventually.js';

printMachine();
const conversations = setting('BENCH_CONVERSATIONS', 1_000);
const rate = setting('BENCH_RATE', 20);
const historySample = setting('BENCH_HISTORY_SAMPLE', 20);
const service = await startBenchService();
try {
  const postedAt = new Map<string, number>();
  /** Conversation id → the contact (index) whose conversation it is. */
  const contactOf = new Map<string, number>();
  const post = async (i: number, turn = 1) => {
    const start = Date.now();
    const answer = await service.request('post', `/v1/accounts/${service.accountId}/messages`, {
      body: { message_id: `latency-${i}-${turn}`, from: { id: `+3462${String(i).padStart(7, '0')}` }, text: 'Hello' },
    });
    if (answer.status !== 202) throw new Error(`ingest answered ${answer.status}`);
    postedAt.set(`${answer.body.conversation_id}:${turn}`, start);
    contactOf.set(answer.body.conversation_id, i);
    return answer.body.conversation_id as string;
  };
  const ingest = await openLoop(rate, conversations / rate, (i) => post(i));
  await eventually(() => service.hook.sends().length >= conversations - ingest.errors, {
    timeoutMs: 600_000,
    intervalMs: 500,
    what: 'every reply',
  });
  const replyLatencies = service.hook.sendRequests().map((request) => {
    const conversationId = (request.body as { conversation_id: string }).conversation_id;
    return request.receivedAt - postedAt.get(`${conversationId}:1`)!;
  });
  const replies = percentiles(replyLatencies);

  // History events: whole history after one turn, then what a second turn adds.
  const sample = [...postedAt.keys()].slice(0, historySample).map((key) => key.split(':')[0]!);
  const historyLength = async (conversationId: string) => {
    const history = await temporalClient.workflow
      .getHandle(conversationWorkflowId(service.organizationId, conversationId))
      .fetchHistory();
    return history.events?.length ?? 0;
  };
  const connection = await Connection.connect({ address: service.temporalAddress });
  const temporalClient = new Client({ connection });
  const afterOne = await Promise.all(sample.map(historyLength));
  const sendsBefore = service.hook.sends().length;
  for (const conversationId of sample) await post(contactOf.get(conversationId)!, 2);
  await eventually(() => service.hook.sends().length >= sendsBefore + sample.length, { what: 'second turns' });
  const afterTwo = await Promise.all(sample.map(historyLength));
  await connection.close();

  const f = (n: number) => n.toFixed(1);
  console.log(`${conversations} conversations, one message each, posted at ${rate}/s`);
  console.log(
    `ingest (HTTP answer)          p50 ${f(ingest.p50)} ms  p99 ${f(ingest.p99)} ms  errors ${ingest.errors}`,
  );
  console.log(
    `inbound → channel send        p50 ${f(replies.p50)} ms  p99 ${f(replies.p99)} ms  max ${f(replies.max)} ms  (n=${replies.count})`,
  );
  console.log(`history events after 1 turn   max ${Math.max(...afterOne)} (whole history: start, signal, one turn)`);
  console.log(
    `history events per extra turn max ${Math.max(...afterTwo.map((n, i) => n - afterOne[i]!))} (sample of ${sample.length})`,
  );
  console.log(`load average at end: ${loadAverage()}`);
} finally {
  await service.stop();
}
