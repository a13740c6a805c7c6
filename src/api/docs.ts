import { OpenApiGeneratorV3, type OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type Router from '@koa/router';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const swaggerUiDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const swaggerAssets: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

const docsPage = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>convo-pilot API</title><link rel="stylesheet" href="/docs/swagger-ui.css"></head>
<body><div id="ui"></div><script src="/docs/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#ui', persistAuthorization: true });</script>
</body></html>`;

/** Strings may hold anything but NUL, which no store keeps faithfully (route.ts refuses it with a 400). */
const NO_NUL_PATTERN = '^[^\\u0000]*$';

/**
 * Documents the NUL rule on every free-form string of the document: one without a pattern, format,
 * enum or constant of its own (those exclude NUL already).
 */
function withoutNulCharacters<T>(node: T): T {
  if (Array.isArray(node)) node.forEach(withoutNulCharacters);
  else if (node && typeof node === 'object') {
    const schema = node as Record<string, unknown>;
    const freeForm = !('pattern' in schema || 'format' in schema || 'enum' in schema || 'const' in schema);
    if (schema.type === 'string' && freeForm) schema.pattern = NO_NUL_PATTERN;
    Object.values(schema).forEach(withoutNulCharacters);
  }
  return node;
}

/** The OpenAPI document of the routes documented in `registry` (served, or generated offline for the console). */
export function openApiDocument(registry: OpenAPIRegistry, serverUrl: string | undefined): unknown {
  registry.registerComponent('securitySchemes', 'apiKey', { type: 'apiKey', in: 'header', name: 'X-API-Key' });
  registry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API key or account token (`cp_…`), or an admin JWT (HS256, claims `org`, `sub`, `exp`).',
  });
  return withoutNulCharacters(
    new OpenApiGeneratorV3(registry.definitions).generateDocument({
      openapi: '3.0.3',
      info: {
        title: 'convo-pilot API',
        version: '0.1.0',
        description: 'Durable conversation-AI control: channel ingest, AI replies, human takeover.',
      },
      servers: serverUrl ? [{ url: serverUrl }] : [],
    }),
  );
}

/**
 * `/openapi.json` (generated from the same zod schemas the routes validate with) and `/docs`, an
 * interactive Swagger UI served from the npm package, so it works without internet access.
 */
export function mountDocs(router: Router, registry: OpenAPIRegistry, serverUrl: string | undefined): void {
  let document: unknown;
  router.get('/openapi.json', (ctx) => {
    document ??= openApiDocument(registry, serverUrl);
    ctx.body = document;
  });
  router.get('/docs', (ctx) => {
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = docsPage;
  });
  router.get('/docs/:asset', async (ctx, next) => {
    const contentType = swaggerAssets[ctx.params.asset ?? ''];
    if (!contentType) {
      await next();
      return;
    }
    ctx.type = contentType;
    ctx.set('cache-control', 'public, max-age=86400');
    ctx.body = await readFile(join(swaggerUiDir, ctx.params.asset!));
  });
}
