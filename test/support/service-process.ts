import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface ServiceProcess {
  pid: number;
  /** `kill -9`: no graceful shutdown, in-flight activities die with it. */
  kill9(): Promise<void>;
  /** SIGTERM: the worker finishes its running activities and exits; the API closes. */
  stop(): Promise<void>;
  /** What the process printed (JSON log lines), for diagnosing a failure. */
  output(): string;
  /** The exit code once it has exited (null while running or when killed by a signal). */
  exitCode(): number | null;
}

/**
 * A service entry point (`src/worker.ts`, `src/server.ts`) as a real OS process, so a test can kill
 * it the way a crash or an OOM killer would and a benchmark can read its memory and CPU. Resolves
 * once it logs `readyMessage`.
 */
export async function startServiceProcess(
  entry: string,
  env: Record<string, string>,
  readyMessage: string,
  timeoutMs = 90_000,
): Promise<ServiceProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', resolve(entry)], {
    env: { ...process.env, ...env, LOG_LEVEL: 'info', LOG_PRETTY: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`${entry} did not start within ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      // Keep the start-up lines only: a long benchmark run would otherwise grow this without bound.
      if (output.length < 100_000) output += chunk.toString('utf8');
      if (output.includes(`"${readyMessage}"`)) {
        clearTimeout(timer);
        ready();
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => void (output += chunk.toString('utf8')));
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`${entry} exited with ${code} before starting:\n${output}`));
    });
  });
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    pid: child.pid!,
    kill9: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
    output: () => output,
    exitCode: () => child.exitCode,
  };
}

export const startWorkerProcess = (env: Record<string, string>) =>
  startServiceProcess('src/worker.ts', env, 'worker started');

/** Resident memory (bytes) and CPU time used so far (seconds) of a process, from /proc (Linux). */
export function processUsage(pid: number): { rssBytes: number; cpuSeconds: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  // Fields after the parenthesised command name; utime and stime are the 12th and 13th of them.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const clockTicksPerSecond = 100;
  return { rssBytes: rssKiB * 1024, cpuSeconds: (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond };
}
