import type { Connection } from '@temporalio/client';
import proto from '@temporalio/proto';
import { searchAttributes } from '../workflows/search-attributes.js';

const { IndexedValueType } = proto.temporal.api.enums.v1;

/**
 * Registers the conversation workflow's search attributes on a Temporal namespace:
 * `npm run admin -- register-search-attributes` for a self-hosted cluster, and the test suite's
 * time-skipping server. The dev server gets them from its `--search-attribute` flags instead.
 * Returns the names it had to add.
 */
export async function registerSearchAttributes(connection: Connection, namespace: string): Promise<string[]> {
  const wanted = Object.values(searchAttributes).map((key) => key.name);
  let registered: string[] = [];
  try {
    const existing = await connection.operatorService.listSearchAttributes({ namespace });
    registered = Object.keys(existing.customAttributes ?? {});
  } catch (error) {
    // The Java time-skipping test server implements add but not list; adding there is idempotent.
    if ((error as { code?: number }).code !== 12 /* UNIMPLEMENTED */) throw error;
  }
  const missing = wanted.filter((name) => !registered.includes(name));
  if (missing.length > 0) {
    await connection.withDeadline(Date.now() + 10_000, () =>
      connection.operatorService.addSearchAttributes({
        namespace,
        searchAttributes: Object.fromEntries(
          missing.map((name) => [name, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD]),
        ),
      }),
    );
  }
  return missing;
}
