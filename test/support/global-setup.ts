import { bundleWorkflowCode } from '@temporalio/worker';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import {
  binaries,
  ensureBinaries,
  freePorts,
  removeStateFolder,
  startLocalStack,
} from '../../scripts/stack/local-stack.js';

export interface TestStack {
  mongodbUri: string;
  /** FerretDB's PostgreSQL, for the service's index mirroring (LOCAL_STACK_POSTGRES_URL). */
  postgresUrl: string;
  temporalAddress: string;
  workflowBundlePath: string;
  temporalTestServerPath: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: TestStack;
  }
}

/** Starts the real local stack once per test run and builds the workflow bundle once for every worker. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  ensureBinaries();
  const stateDir = mkdtempSync(join(tmpdir(), 'convo-pilot-test-'));
  const stack = await startLocalStack({ stateDir, ports: await freePorts() });
  try {
    const { code } = await bundleWorkflowCode({
      workflowsPath: resolve('src/workflows/index.ts'),
      logger: quietLogger,
    });
    const workflowBundlePath = join(stateDir, 'workflow-bundle.js');
    writeFileSync(workflowBundlePath, code);
    project.provide('stack', {
      mongodbUri: stack.mongodbUri,
      postgresUrl: stack.postgresUrl,
      temporalAddress: stack.temporalAddress,
      workflowBundlePath,
      temporalTestServerPath: binaries.temporalTestServer,
    });
  } catch (error) {
    await stack.stop();
    throw error;
  }
  return async () => {
    await stack.stop();
    removeStateFolder(stateDir);
  };
}

const noop = () => undefined;
const quietLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: console.error, log: noop };
