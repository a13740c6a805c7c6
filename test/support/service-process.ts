import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

export interface WorkerProcess {
  pid: number;
  /** `kill -9`: no graceful shutdown, in-flight activities die with it. */
  kill9(): Promise<void>;
  /** SIGTERM: the worker finishes its running activities and exits. */
  stop(): Promise<void>;
  /** What the worker printed (JSON log lines), for diagnosing a failure. */
  output(): string;
}

/**
 * The worker as a real OS process (`src/worker.ts`), so a test can kill it the way a crash or an
 * OOM killer would. Resolves once it polls its task queue.
 */
export async function startWorkerProcess(env: Record<string, string>, timeoutMs = 90_000): Promise<WorkerProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', resolve('src/worker.ts')], {
    env: { ...process.env, ...env, LOG_LEVEL: 'info', LOG_PRETTY: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`worker did not start within ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const collect = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('"worker started"')) {
        clearTimeout(timer);
        ready();
      }
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`worker exited with ${code} before starting:\n${output}`));
    });
  });
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return { pid: child.pid!, kill9: () => end('SIGKILL'), stop: () => end('SIGTERM'), output: () => output };
}
