/**
 * The raw Temporal limit on this machine: signalWithStart of a no-op workflow (a new workflow per
 * call, completed by a worker in this process) at increasing rates, open loop.
 *
 *   npm run bench:ceiling          # BENCH_RATES=50,100,200,400,800 BENCH_STEP_SECONDS=10
 */
import { defineSignal } from '@temporalio/workflow';
import { pathToFileURL } from 'node:url';
import {
  benchStack,
  openLoop,
  printLoadTable,
  printMachine,
  setting,
  settingList,
  startBenchWorker,
  sustains,
  type LoadStep,
} from './support.js';

const pokeSignal = defineSignal('poke');

/** One open-loop step per rate; answers every step and the highest sustained rate. */
export async function measureCeiling(temporalAddress: string, rates: number[], seconds: number) {
  const bench = await startBenchWorker(temporalAddress);
  const run = Math.random().toString(36).slice(2, 8);
  const steps: LoadStep[] = [];
  try {
    for (const rate of rates) {
      steps.push(
        await openLoop(rate, seconds, (i) =>
          bench.client.workflow.signalWithStart('noopWorkflow', {
            workflowId: `ceiling-${run}-${rate}-${i}`,
            taskQueue: bench.taskQueue,
            signal: pokeSignal,
          }),
        ),
      );
      // Let the worker drain the step's workflow tasks before the next one starts.
      await new Promise((r) => setTimeout(r, 2_000));
    }
  } finally {
    await bench.stop();
  }
  const best = steps.filter(sustains).at(-1);
  return { steps, ceiling: best?.sustained ?? 0 };
}

export function printCeiling(result: Awaited<ReturnType<typeof measureCeiling>>): void {
  printLoadTable('signalWithStart of a no-op workflow (Temporal dev server, SQLite)', result.steps);
  console.log(`ceiling: ${result.ceiling.toFixed(1)} signalWithStart/s sustained\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printMachine();
  const stack = await benchStack();
  try {
    printCeiling(
      await measureCeiling(
        stack.temporalAddress,
        settingList('BENCH_RATES', [50, 100, 200, 400, 800]),
        setting('BENCH_STEP_SECONDS', 10),
      ),
    );
  } finally {
    await stack.stop();
  }
}
