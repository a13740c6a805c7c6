/**
 * `npm run generate:console-client`: writes console/src/api/schema.d.ts, the console's types of the
 * API, from the OpenAPI document the service builds from its zod schemas, without a running server
 * or database. test/unit/console-client.test.ts fails when the committed file is stale.
 */
import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { apiRoutes } from '../src/api/app.js';
import type { ApiDeps } from '../src/api/deps.js';
import { openApiDocument } from '../src/api/docs.js';
import { documentRoutes } from '../src/api/route.js';
import { loadConfig } from '../src/config.js';

export const consoleSchemaPath = join(import.meta.dirname, '..', 'console', 'src', 'api', 'schema.d.ts');

const header = `/**
 * Generated, do not edit: the API's types, from the OpenAPI document the service builds from its zod
 * schemas. Regenerate with \`npm run generate:console-client\` after changing a route.
 */

`;

/**
 * A stand-in for a dependency the routes only keep for later requests: any property is another
 * stand-in, and calling one fails, naming it (no route may do I/O while it is being built).
 */
function unavailable(name: string): never {
  const stub: object = new Proxy(() => undefined, {
    get: (_target, property) => (property === 'then' ? undefined : unavailable(`${name}.${String(property)}`)),
    apply: () => {
      throw new Error(`${name}() was called while generating the OpenAPI document`);
    },
    construct: () => {
      throw new Error(`new ${name}() was called while generating the OpenAPI document`);
    },
  });
  return stub as never;
}

/** The OpenAPI document `/openapi.json` serves (with the default configuration), built offline. */
export function offlineOpenApiDocument(): OpenAPI3 {
  const deps: ApiDeps = {
    config: loadConfig({}),
    logger: unavailable('logger'),
    database: unavailable('database'),
    collections: unavailable('collections'),
    // The codec routes read the client's codecs when built (none here: the document does not depend on them).
    temporal: { options: { loadedDataConverter: { payloadCodecs: [] } } } as unknown as ApiDeps['temporal'],
    engine: unavailable('engine'),
    events: unavailable('events'),
    secretBox: unavailable('secretBox'),
    rateLimitCounters: unavailable('rateLimitCounters'),
    recentReads: unavailable('recentReads'),
  };
  const registry = new OpenAPIRegistry();
  documentRoutes(registry, apiRoutes(deps));
  return openApiDocument(registry, undefined) as OpenAPI3;
}

/** The text of console/src/api/schema.d.ts for the current routes. */
export async function consoleSchemaSource(): Promise<string> {
  return header + astToString(await openapiTS(offlineOpenApiDocument()));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  writeFileSync(consoleSchemaPath, await consoleSchemaSource());
  process.stderr.write(`wrote ${consoleSchemaPath}\n`);
}
