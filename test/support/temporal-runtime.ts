import { Runtime } from '@temporalio/worker';

let installed = false;

/**
 * Temporal's runtime logs every failed activity attempt at WARN; tests provoke many on purpose.
 * Keep errors only (or everything with TEST_LOG_LEVEL=debug). Once per test process.
 */
export function quietTemporalRuntime(): void {
  if (installed || process.env.TEST_LOG_LEVEL === 'debug') return;
  installed = true;
  const ignore = () => undefined;
  Runtime.install({
    logger: {
      log: ignore,
      trace: ignore,
      debug: ignore,
      info: ignore,
      warn: ignore,
      error: (message, meta) => console.error(message, meta),
    },
  });
}
