import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/stack/local-stack.js';
import { eventually } from '../support/eventually.js';
import { startHarness, type Harness } from '../support/harness.js';
import { startWorkerProcess, type ServiceProcess } from '../support/service-process.js';

/** One sample of a Prometheus text exposition: `name{labels} value`, or 0 when it is absent. */
function sample(exposition: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of exposition.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = (match[2] ?? '').split(',');
    if (wanted.every((label) => present.includes(label))) return Number(match[3]);
  }
  return 0;
}

const scrape = async (url: string) => {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return response.text();
};

describe('/metrics for operators: the API and the worker in Prometheus format', () => {
  let h: Harness;
  let worker: ServiceProcess;
  let workerMetricsUrl: string;
  let account: { id: string };
  /** The conversation of the first test, whose reply turn the second waits out. */
  let firstConversationId: string;

  beforeAll(async () => {
    h = await startHarness();
    account = await h.createChannelAccount();
    // The worker as its own process, as in production: its metrics port and the Temporal SDK's
    // runtime telemetry are set up by its entry point.
    await h.stopWorker();
    const port = await freePort();
    workerMetricsUrl = `http://127.0.0.1:${port}/metrics`;
    worker = await startWorkerProcess({ ...h.environment, WORKER_METRICS_PORT: String(port) });
  });
  afterAll(async () => {
    await worker?.stop();
    await h?.close();
  });

  it('counts API requests by route template and status, with latency histograms', async () => {
    const before = await scrape(`${h.api.url}/metrics`);
    const ingest = { method: 'POST', route: '/v1/accounts/{accountId}/messages', status: '202' };
    const missing = { method: 'GET', route: '/v1/accounts/{accountId}', status: '404' };

    const accepted = await h.inbound(account.id, { message_id: 'wamid.m-1', from: { id: '4470001' }, text: 'Hi' });
    expect(accepted.status).toBe(202);
    firstConversationId = accepted.body.conversation_id as string;
    expect((await h.request('get', '/v1/accounts/no-such-account')).status).toBe(404);
    expect((await h.request('get', `/v1/accounts/${account.id}`)).status).toBe(200);
    expect((await fetch(`${h.api.url}/no/such/route`)).status).toBe(404);

    const after = await scrape(`${h.api.url}/metrics`);
    const moved = (name: string, labels: Record<string, string>) =>
      sample(after, name, labels) - sample(before, name, labels);
    expect(moved('convo_pilot_http_requests_total', ingest)).toBe(1);
    expect(moved('convo_pilot_http_requests_total', missing)).toBe(1);
    expect(moved('convo_pilot_http_requests_total', { ...missing, status: '200' })).toBe(1);
    expect(moved('convo_pilot_http_requests_total', { method: 'GET', route: 'unmatched', status: '404' })).toBe(1);
    expect(moved('convo_pilot_http_request_duration_seconds_count', ingest)).toBe(1);
    // The ingested message's insert among the store round trips, by command and collection.
    expect(
      moved('convo_pilot_store_commands_total', { command: 'insert', collection: 'messages' }),
    ).toBeGreaterThanOrEqual(1);
    expect(moved('convo_pilot_http_request_duration_seconds_bucket', { ...ingest, le: '+Inf' })).toBe(1);
    // Route templates only: no id of a request ends up in a label.
    expect(after).not.toContain('no-such-account');
    expect(after).not.toContain(String(accepted.body.conversation_id));
    expect(after).not.toContain(account.id);
    expect(sample(after, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it("counts the worker's replies sent, skipped by reason, failed, provider errors, tokens and takeovers, next to the Temporal SDK's metrics", async () => {
    await eventually(() => h.hook.sends().some((s) => s.conversation_id === firstConversationId), {
      what: "the first test's reply",
    });
    const before = await scrape(workerMetricsUrl);

    // A reply turn that is sent, one the provider refuses for good, and one the rules skip.
    h.llm.script({ reply: 'Hello from the metrics test.' });
    const sent = await h.inbound(account.id, { message_id: 'wamid.m-2', from: { id: '4470002' }, text: 'Hello?' });
    await eventually(() => h.hook.sends().some((s) => s.conversation_id === sent.body.conversation_id), {
      what: 'the reply sent',
    });
    h.llm.script({ status: 401, error: { message: 'invalid key' } });
    await h.inbound(account.id, { message_id: 'wamid.m-3', from: { id: '4470003' }, text: 'And now?' });
    await h.inbound(account.id, {
      message_id: 'wamid.m-4',
      from: { id: '4470004' },
      chat: { id: 'group-1', type: 'group' },
      text: 'Hello group',
    });
    const paused = await h.request('post', '/functions/v1/bot-control', {
      body: { conversation_id: sent.body.conversation_id, action: 'pause' },
    });
    expect(paused.status).toBe(200);

    const moved = async (name: string, labels: Record<string, string> = {}) =>
      sample(await scrape(workerMetricsUrl), name, labels) - sample(before, name, labels);
    await eventually(async () => (await moved('convo_pilot_takeovers_total')) === 1, { what: 'the takeover counted' });
    await eventually(
      async () =>
        (await moved('convo_pilot_replies_skipped_total', { reason: 'replies to group chats are off' })) === 1,
      { what: 'the skipped turn counted' },
    );
    await eventually(async () => (await moved('convo_pilot_replies_failed_total', { stage: 'generation' })) === 1, {
      what: 'the failed turn counted',
    });
    const after = await scrape(workerMetricsUrl);
    const movedIn = (name: string, labels: Record<string, string> = {}) =>
      sample(after, name, labels) - sample(before, name, labels);
    expect(movedIn('convo_pilot_replies_sent_total', { author: 'ai' })).toBe(1);
    expect(movedIn('convo_pilot_provider_errors_total', { kind: 'final' })).toBe(1);
    // The scripted provider reports 11 prompt and 7 completion tokens per answer.
    expect(movedIn('convo_pilot_llm_tokens_total', { model: 'scripted-model', type: 'prompt' })).toBe(11);
    expect(movedIn('convo_pilot_llm_tokens_total', { model: 'scripted-model', type: 'completion' })).toBe(7);
    // The Temporal SDK's own metrics (its runtime's Prometheus exporter), on the same port.
    expect(
      sample(after, 'temporal_activity_execution_latency_count', { activity_type: 'generateReply' }),
    ).toBeGreaterThan(0);
    expect(after).toMatch(/^temporal_worker_task_slots_available\{/m);
    // One exposition: no metric is described twice by the two sources.
    const described = [...after.matchAll(/^# TYPE (\S+)/gm)].map((match) => match[1]);
    expect(described.length).toBeGreaterThan(10);
    expect(new Set(described).size).toBe(described.length);
  });
});
