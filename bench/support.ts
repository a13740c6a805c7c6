import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePorts, startLocalStack, type LocalStack } from '../scripts/stack/local-stack.js';

/** A throwaway local stack for a benchmark run, or none when MONGODB_URI / TEMPORAL_ADDRESS point elsewhere. */
export async function benchStack(): Promise<{ mongodbUri: string; temporalAddress: string; stop(): Promise<void> }> {
  if (process.env.MONGODB_URI && process.env.TEMPORAL_ADDRESS) {
    return {
      mongodbUri: process.env.MONGODB_URI,
      temporalAddress: process.env.TEMPORAL_ADDRESS,
      stop: () => Promise.resolve(),
    };
  }
  const stateDir = mkdtempSync(join(tmpdir(), 'convo-pilot-bench-'));
  const stack: LocalStack = await startLocalStack({ stateDir, ports: await freePorts() });
  return {
    mongodbUri: stack.mongodbUri,
    temporalAddress: stack.temporalAddress,
    async stop() {
      await stack.stop();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/** Runs `operation` `count` times sequentially and returns latency percentiles in milliseconds. */
export async function measure(count: number, operation: (i: number) => Promise<unknown>) {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    await operation(i);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  const at = (p: number) => samples[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))]!;
  return { count, p50: at(50), p99: at(99), max: samples.at(-1)! };
}

export function printRow(name: string, result: Awaited<ReturnType<typeof measure>>): void {
  const f = (n: number) => n.toFixed(2).padStart(8);
  console.log(
    `${name.padEnd(44)} n=${String(result.count).padStart(6)}  p50 ${f(result.p50)} ms  p99 ${f(result.p99)} ms  max ${f(result.max)} ms`,
  );
}
