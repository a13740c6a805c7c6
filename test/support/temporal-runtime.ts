import { Runtime } from '@temporalio/worker';
import { TestWorkflowEnvironment } from '@temporalio/testing';

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

/**
 * The time-skipping test server (a JVM) must answer within the SDK's fixed 5 s; on a loaded machine
 * it sometimes starts later. A few attempts before giving up.
 */
export async function startTimeSkippingEnvironment(testServerPath: string): Promise<TestWorkflowEnvironment> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await TestWorkflowEnvironment.createTimeSkipping({
        server: { executable: { type: 'existing-path', path: testServerPath } },
      });
    } catch (error) {
      if (attempt >= 8 || !String(error).includes('did not start within')) throw error;
    }
  }
}
