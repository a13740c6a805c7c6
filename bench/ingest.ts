/**
 * The real inbound route under load (autocannon, open loop at fixed rates), on the service as it
 * runs in production (API and worker processes), against the ceiling measured on the same stack in
 * the same run. Replies are switched off (global AI disabled) so the worker only takes the messages
 * in; BENCH_INGEST_REPLIES=1 keeps them on (a 0-ms scripted provider).
 *
 * First each of BENCH_CONTACTS contacts sends its first message (at a quarter of the ceiling): that
 * creates the contact and the conversation. The load steps then post from those known contacts,
 * the usual case of a conversation in progress.
 *
 *   npm run bench:ingest   # BENCH_RATES (ceiling steps), BENCH_INGEST_FRACTIONS=0.25,0.5,0.8,1,1.2 of it,
 *                          # BENCH_STEP_SECONDS=10, BENCH_CONTACTS=1000
 *                          # BENCH_SHOW_API_LOG=1 prints the API's last log lines (what the errors were)
 */
import autocannon from 'autocannon';
import { measureCeiling, printCeiling } from './ceiling.js';
import {
  loadAverage,
  printLoadTable,
  printMachine,
  setting,
  settingList,
  startBenchService,
  sustains,
  type LoadStep,
} from './support.js';

printMachine();
const seconds = setting('BENCH_STEP_SECONDS', 10);
const contacts = setting('BENCH_CONTACTS', 1_000);
const service = await startBenchService();
try {
  if (!process.env.BENCH_INGEST_REPLIES) {
    const off = await service.request('put', '/v1/ai/global', { body: { enabled: false } });
    if (off.status !== 200) throw new Error(`switching replies off failed: ${JSON.stringify(off.body)}`);
  }
  const { ceiling, steps: ceilingSteps } = await measureCeiling(
    service.temporalAddress,
    settingList('BENCH_RATES', [50, 100, 150, 200, 300]),
    seconds,
  );
  printCeiling({ ceiling, steps: ceilingSteps });

  let sequence = 0;
  /** `requests` messages (or `seconds` of them), open loop at `rate`/s; contacts cycle through BENCH_CONTACTS. */
  const ingestAt = async (rate: number, requests?: number): Promise<LoadStep> => {
    const result = await autocannon({
      url: service.apiUrl,
      connections: 64,
      overallRate: rate,
      ...(requests ? { amount: requests } : { duration: seconds }),
      requests: [
        {
          method: 'POST',
          path: `/v1/accounts/${service.accountId}/messages`,
          headers: { 'content-type': 'application/json', 'x-api-key': service.adminKey },
          setupRequest: (request) => {
            sequence += 1;
            return {
              ...request,
              body: JSON.stringify({
                message_id: `bench-${sequence}`,
                from: { id: `+3460${String(sequence % contacts).padStart(7, '0')}` },
                text: `Benchmark message ${sequence}`,
              }),
            };
          },
        },
      ],
    });
    const ok = result['2xx'];
    if (result.non2xx > 0) console.log(`${rate}/s: answers by status`, JSON.stringify(result.statusCodeStats));
    const elapsedSeconds = Math.max(requests ? 0 : seconds, (result.finish.getTime() - result.start.getTime()) / 1000);
    return {
      target: rate,
      sustained: ok / elapsedSeconds,
      errors: result.errors + result.timeouts + result.non2xx,
      skipped: 0,
      count: ok,
      p50: result.latency.p50,
      p99: result.latency.p99,
      max: result.latency.max,
    };
  };
  const firstContact = await ingestAt(Math.max(1, Math.round(ceiling * 0.25)), contacts);
  printLoadTable(`first message of ${contacts} new contacts (creates contact and conversation)`, [firstContact]);
  await new Promise((r) => setTimeout(r, 2_000));

  const steps: LoadStep[] = [];
  for (const fraction of settingList('BENCH_INGEST_FRACTIONS', [0.25, 0.5, 0.8, 1, 1.2])) {
    steps.push(await ingestAt(Math.max(1, Math.round(ceiling * fraction))));
    await new Promise((r) => setTimeout(r, 2_000));
  }
  printLoadTable('POST /v1/accounts/{id}/messages from known contacts (autocannon, 64 connections)', steps);
  const best = steps.filter(sustains).at(-1)?.sustained ?? 0;
  const half = steps.find((s) => s.target === Math.max(1, Math.round(ceiling * 0.5)));
  console.log(
    `ingest sustained: ${best.toFixed(1)} messages/s = ${((best / ceiling) * 100).toFixed(0)}% of the ceiling`,
  );
  if (half) console.log(`p99 at half the ceiling (${half.target}/s): ${half.p99.toFixed(1)} ms`);
  console.log(`load average at end: ${loadAverage()}`);
} finally {
  if (process.env.BENCH_SHOW_API_LOG) console.log(service.api.output().slice(-5000));
  await service.stop();
}
