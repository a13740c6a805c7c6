import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { consoleSchemaPath, consoleSchemaSource } from '../../scripts/generate-console-client.js';

describe('The console’s typed API client', () => {
  it('is generated from the current routes (run `npm run generate:console-client` when this fails)', async () => {
    const committed = readFileSync(consoleSchemaPath, 'utf8');
    expect(committed.startsWith('/**\n * Generated, do not edit')).toBe(true);
    // A plain comparison: a diff of a 5,000-line file would bury the hint above.
    expect(committed === (await consoleSchemaSource()), 'console/src/api/schema.d.ts is stale').toBe(true);
  });

  it('types the routes the console calls', async () => {
    const source = await consoleSchemaSource();
    for (const path of ['/v1/me', '/v1/ai/effective', '/v1/ai/global', '/v1/ai/admin/test']) {
      expect(source).toContain(`"${path}": {`);
    }
  });
});
