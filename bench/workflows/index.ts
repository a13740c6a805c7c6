/** Workflows the benchmarks run on a task queue of their own, to measure Temporal itself. */
import { sleep } from '@temporalio/workflow';

/** Does nothing: what is left of signalWithStart is Temporal's own work (the ceiling). */
export async function noopWorkflow(): Promise<void> {}

/**
 * Sleeps until `dueAtMs` (epoch ms) and answers how late it woke: the start time of the workflow
 * task that ran after the timer fired, minus the due time.
 */
export async function dueAtWorkflow(dueAtMs: number): Promise<number> {
  await sleep(Math.max(1, dueAtMs - Date.now()));
  return Date.now() - dueAtMs;
}
