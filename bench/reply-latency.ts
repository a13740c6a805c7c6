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
import { setTimeout as sleep } from 'node:timers/promises';
import proto from '@temporalio/proto';

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

  // A further turn of a sample of them: history events, billable actions and store round trips it
  // adds, with zero reply delay and typing, then with a reply delay and typing.
  const sample = [...postedAt.keys()].slice(0, historySample).map((key) => key.split(':')[0]!);
  const connection = await Connection.connect({ address: service.temporalAddress });
  const temporalClient = new Client({ connection });
  const historyOf = async (conversationId: string) =>
    (
      await temporalClient.workflow
        .getHandle(conversationWorkflowId(service.organizationId, conversationId))
        .fetchHistory()
    ).events ?? [];
  const wholeHistories = await Promise.all(sample.map(historyOf));
  const furtherTurn = async (turn: number) => {
    const before = await Promise.all(sample.map(historyOf));
    const storeBefore = await service.storeCommands();
    const sendsBefore = service.hook.sends().length;
    for (const conversationId of sample) await post(contactOf.get(conversationId)!, turn);
    await eventually(() => service.hook.sends().length >= sendsBefore + sample.length, { what: `turn ${turn}` });
    await sleep(1_000); // the turn's last workflow task completes after the send
    const after = await Promise.all(sample.map(historyOf));
    const storeAfter = await service.storeCommands();
    const added = after.map((events, i) => events.slice(before[i]!.length));
    const perTurn = (after: Map<string, number>, before: Map<string, number>) =>
      new Map([...after].map(([key, count]) => [key, (count - (before.get(key) ?? 0)) / sample.length]));
    const sum = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);
    const api = perTurn(storeAfter.api, storeBefore.api);
    const worker = perTurn(storeAfter.worker, storeBefore.worker);
    return {
      events: Math.max(...added.map((events) => events.length)),
      actions: Math.max(...added.map(billableActions)),
      apiStoreCalls: sum(api),
      workerStoreCalls: sum(worker),
      /** Where the store calls go: `command collection` → calls per message or turn. */
      breakdown: { api, worker },
    };
  };
  const plain = await furtherTurn(2);
  await service.request('put', `/v1/accounts/${service.accountId}/ai`, { body: { reply_delay_seconds: 1 } });
  await service.request('patch', `/v1/accounts/${service.accountId}`, { body: { typing_ms_per_character: 50 } });
  // The changes moved the configuration version: one turn reads the configuration again, the next is measured.
  await furtherTurn(3);
  const paced = await furtherTurn(4);
  await connection.close();

  const f = (n: number) => n.toFixed(1);
  console.log(`${conversations} conversations, one message each, posted at ${rate}/s`);
  console.log(
    `ingest (HTTP answer)          p50 ${f(ingest.p50)} ms  p99 ${f(ingest.p99)} ms  errors ${ingest.errors}`,
  );
  console.log(
    `inbound → channel send        p50 ${f(replies.p50)} ms  p99 ${f(replies.p99)} ms  max ${f(replies.max)} ms  (n=${replies.count})`,
  );
  console.log(
    `history events after 1 turn   max ${Math.max(...wholeHistories.map((h) => h.length))} (whole history: start, signal, one turn)`,
  );
  console.log(`per further turn (max of ${sample.length} conversations; store calls: mean per message)`);
  console.log('                          events  billable actions  API store calls  worker store calls');
  for (const [name, turn] of [
    ['zero delay, zero typing', plain],
    ['1 s delay + typing', paced],
  ] as const) {
    console.log(
      `${name.padEnd(26)}${String(turn.events).padStart(6)}${String(turn.actions).padStart(18)}${f(turn.apiStoreCalls).padStart(17)}${f(turn.workerStoreCalls).padStart(20)}`,
    );
  }
  for (const [variant, turn] of [
    ['zero delay', plain],
    ['delay + typing', paced],
  ] as const) {
    for (const [side, counts] of Object.entries(turn.breakdown)) {
      const parts = [...counts].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
      const list = parts.map(([key, n]) => `${key} ${f(n)}`).join(', ');
      console.log(`${side} store calls per further turn (${variant}): ${list}`);
    }
  }
  console.log(`load average at end: ${loadAverage()}`);
} finally {
  await service.stop();
}

/**
 * Temporal's billable actions among `events`: a start, a signal, a scheduled activity and each of
 * its retries (the attempt its start records; a paced delivery waits by retrying), a timer, a
 * search-attribute or memo upsert, an accepted update, a continue-as-new; the local activities of
 * one workflow task together are one. Heartbeats, billable too, leave no event: none of a turn's
 * activities runs long enough to send one (`withHeartbeats` beats after a third of the timeout).
 */
function billableActions(events: proto.temporal.api.history.v1.IHistoryEvent[]): number {
  const type = proto.temporal.api.enums.v1.EventType;
  const billable = new Set([
    type.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED,
    type.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED,
    type.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
    type.EVENT_TYPE_TIMER_STARTED,
    type.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES,
    type.EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED,
    type.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED,
    type.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW,
    type.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED,
  ]);
  const tasksWithLocalActivities = new Set(
    events
      .filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity')
      .map((e) => String(e.markerRecordedEventAttributes!.workflowTaskCompletedEventId)),
  );
  const retries = events.reduce(
    (sum, e) => sum + Math.max(0, (e.activityTaskStartedEventAttributes?.attempt ?? 1) - 1),
    0,
  );
  return events.filter((e) => billable.has(e.eventType!)).length + retries + tasksWithLocalActivities.size;
}
