import { Worker } from '@temporalio/worker';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';

/**
 * Histories recorded from real conversations (`RECORD_HISTORIES=1 npm run test:only -- test/api`)
 * replayed against today's workflow code: a change that would break running conversations fails
 * here. Intended changes go behind `patched()`.
 */
const historiesDir = join(import.meta.dirname, '..', 'histories');
const histories = readdirSync(historiesDir).filter((file) => file.endsWith('.json'));

describe('replay of recorded conversation histories', () => {
  it('has recorded histories to replay', () => {
    expect(histories.length).toBeGreaterThan(0);
  });

  it.each(histories)('%s replays deterministically', async (file) => {
    const history: unknown = JSON.parse(readFileSync(join(historiesDir, file), 'utf8'));
    await expect(
      Worker.runReplayHistory({ workflowBundle: { codePath: inject('stack').workflowBundlePath } }, history),
    ).resolves.toBeUndefined();
  });
});
