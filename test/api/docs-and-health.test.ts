import { Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../src/server.js';
import { startHarness, type Harness } from '../support/harness.js';

describe('OpenAPI document, docs page, health and readiness', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h?.close());

  it('serves an OpenAPI 3 document generated from the route schemas', async () => {
    const { status, body } = await h.request('get', '/openapi.json', { key: null });
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.0.3');
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/health',
        '/ready',
        '/v1/api-keys',
        '/v1/api-keys/{keyId}',
        '/v1/accounts',
        '/v1/accounts/{accountId}',
        '/v1/accounts/{accountId}/messages',
        '/v1/accounts/{accountId}/token',
        '/v1/ai/global',
        '/v1/accounts/{accountId}/ai',
        '/v1/accounts/{accountId}/chats/{chatId}/ai',
        '/v1/ai/chat/test',
        '/v1/ai/admin/test',
        '/v1/accounts/{accountId}/webhooks',
        '/v1/accounts/{accountId}/webhooks/{webhookId}',
        '/v1/accounts/{accountId}/webhooks/deliveries',
        '/v1/contacts/{contactId}',
      ]),
    );
    const ingest = body.paths['/v1/accounts/{accountId}/messages'].post;
    expect(Object.keys(ingest.responses)).toEqual(expect.arrayContaining(['202', '400', '401', '404']));
    const schema = ingest.requestBody.content['application/json'].schema;
    const resolved = schema.$ref ? body.components.schemas[schema.$ref.split('/').pop()] : schema;
    expect(resolved.required).toEqual(expect.arrayContaining(['message_id', 'from']));
    expect(body.components.securitySchemes.apiKey).toEqual({ type: 'apiKey', in: 'header', name: 'X-API-Key' });
    expect(body.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    const globalPut = body.paths['/v1/ai/global'].put.requestBody.content['application/json'].schema;
    const settings = globalPut.$ref ? body.components.schemas[globalPut.$ref.split('/').pop()] : globalPut;
    expect(settings.properties.temperature).toMatchObject({ minimum: 0, maximum: 2 });
  });

  it('serves the interactive docs page with its assets from the package, no CDN', async () => {
    const page = await fetch(`${h.api.url}/docs`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('/openapi.json');
    expect(html).not.toMatch(/https?:\/\//);
    const bundle = await fetch(`${h.api.url}/docs/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toContain('javascript');
    expect((await fetch(`${h.api.url}/docs/../package.json`)).status).toBe(404);
  });

  it('answers /health and /ready with MongoDB and Temporal checked', async () => {
    expect(await h.request('get', '/health', { key: null })).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await h.request('get', '/ready', { key: null })).toMatchObject({
      status: 200,
      body: { status: 'ok', checks: { mongodb: 'ok', temporal: 'ok' } },
    });
  });

  it('/ready answers a down dependency with 503 and generic text, never the driver’s error', async () => {
    // An API whose Temporal is a closed port and whose MongoDB client is closed after start-up.
    const unreachableTemporal = Connection.lazy({ address: '127.0.0.1:1' });
    const api = await startApi(h.config, { temporalConnection: unreachableTemporal });
    try {
      await api.deps.database.close();
      const answer = await fetch(`${api.url}/ready`);
      const text = await answer.text();
      expect(answer.status).toBe(503);
      expect(JSON.parse(text)).toEqual({
        status: 'unavailable',
        checks: { mongodb: 'unavailable', temporal: 'unavailable' },
      });
      expect(text).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|closed|topology/i);
    } finally {
      await api.close().catch(() => undefined);
      await unreachableTemporal.close();
    }
  });

  it('never returns stored secrets: hook secrets only at creation, API keys never after issue', async () => {
    const account = await h.createChannelAccount();
    const fetched = await h.request('get', `/v1/accounts/${account.id}`);
    expect(fetched.status).toBe(200);
    expect(JSON.stringify(fetched.body)).not.toContain(account.hook_secret);
    const stored = await h.collections.channelAccounts.findOne({ _id: account.id });
    expect(JSON.stringify(stored)).not.toContain(account.hook_secret.slice(6));
    const keys = await h.request('get', '/v1/api-keys');
    expect(JSON.stringify(keys.body)).not.toContain(h.adminKey);
    expect(JSON.stringify(await h.collections.apiKeys.find({}).toArray())).not.toContain(h.adminKey);
  });

  it('revokes an API key: it stops working at once', async () => {
    const issued = await h.request('post', '/v1/api-keys', { body: { name: 'temp', scopes: ['admin'] } });
    expect((await h.request('get', '/v1/accounts', { key: issued.body.key })).status).toBe(200);
    expect((await h.request('delete', `/v1/api-keys/${issued.body.id}`)).status).toBe(204);
    expect((await h.request('get', '/v1/accounts', { key: issued.body.key })).status).toBe(401);
    expect((await h.request('delete', `/v1/api-keys/${issued.body.id}`)).status).toBe(404);
  });
});
