import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';

describe('ingest rejects bad input with a clear 4xx and stores nothing', () => {
  let h: Harness;
  let account: { id: string };
  const valid = { message_id: 'wamid.valid', from: { id: '5511999' }, text: 'hello' };

  beforeAll(async () => {
    h = await startHarness();
    account = await h.createChannelAccount();
  });
  afterAll(() => h?.close());

  async function expectNothingStored() {
    expect(await h.collections.messages.countDocuments({})).toBe(0);
    expect(await h.collections.contacts.countDocuments({})).toBe(0);
    expect(await h.collections.conversations.countDocuments({})).toBe(0);
    expect(h.llm.requests).toHaveLength(0);
  }

  it.each([
    ['missing message_id', { from: { id: '1' }, text: 'hi' }, 'message_id'],
    ['missing from', { message_id: 'm1', text: 'hi' }, 'from'],
    ['empty sender id', { message_id: 'm1', from: { id: '' }, text: 'hi' }, 'from.id'],
    ['text of the wrong type', { message_id: 'm1', from: { id: '1' }, text: 42 }, 'text'],
    ['empty text message', { message_id: 'm1', from: { id: '1' }, text: '  ' }, 'text'],
    ['unknown message type', { message_id: 'm1', from: { id: '1' }, text: 'hi', type: 'sticker' }, 'type'],
    [
      'bad chat type',
      { message_id: 'm1', from: { id: '1' }, text: 'hi', chat: { id: 'g1', type: 'forum' } },
      'chat.type',
    ],
    ['phone not in E.164', { message_id: 'm1', from: { id: '1', phone: '0600 111' }, text: 'hi' }, 'from.phone'],
    ['bad timestamp', { message_id: 'm1', from: { id: '1' }, text: 'hi', timestamp: 'yesterday' }, 'timestamp'],
    ['unknown field', { ...valid, colour: 'blue' }, ''],
    ['text over 10,000 characters', { ...valid, text: 'x'.repeat(10_001) }, 'text'],
    ['a NUL character', { ...valid, from: { id: '1', name: 'A\u0000B' } }, 'from.name'],
    // The error names the key without echoing the character.
    ['a NUL character in a key', { ...valid, from: { id: '1', ['na\u0000me']: 'A' } }, 'from.na\\u0000me'],
  ])('%s → 400 naming the field', async (_case, body, field) => {
    const response = await h.inbound(account.id, body);
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'validation_error', message: 'Invalid request body' });
    expect(response.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
    await expectNothingStored();
  });

  it('malformed JSON → 400', async () => {
    const response = await h.request('post', `/v1/accounts/${account.id}/messages`, { rawBody: '{"message_id": ' });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('bad_request');
    await expectNothingStored();
  });

  it('unknown channel account → 404', async () => {
    const response = await h.inbound('3f1c9a52-0000-4000-8000-000000000000', valid);
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: { code: 'not_found', message: 'Channel account not found' } });
    await expectNothingStored();
  });

  it('another organization’s channel account → 404, indistinguishable from unknown', async () => {
    const other = await startHarnessOrg(h);
    const response = await h.inbound(other.accountId, valid);
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: { code: 'not_found', message: 'Channel account not found' } });
    expect(await h.collections.messages.countDocuments({})).toBe(0);
  });

  it('missing or invalid credentials → 401; a key without the ingest scope → 403', async () => {
    expect((await h.inbound(account.id, valid, null)).status).toBe(401);
    expect((await h.inbound(account.id, valid, 'cp_not-a-real-key')).status).toBe(401);
    const readOnly = await h.request('post', '/v1/api-keys', {
      body: { name: 'reader', scopes: ['conversations.readonly'] },
    });
    expect(readOnly.status).toBe(201);
    const forbidden = await h.inbound(account.id, valid, readOnly.body.key);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('forbidden');
    await expectNothingStored();
  });

  it('an ingest-scoped key is accepted', async () => {
    const ingestKey = await h.request('post', '/v1/api-keys', {
      body: { name: 'whatsapp bridge', scopes: ['messages.ingest'] },
    });
    const response = await h.inbound(account.id, { ...valid, message_id: 'wamid.scoped' }, ingestKey.body.key);
    expect(response.status).toBe(202);
  });

  it('unknown routes and methods answer in the v1 error shape; a 405 names the allowed methods', async () => {
    const missing = await h.request('get', '/v1/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
    const wrongMethod = await h.request('put', `/v1/accounts/${account.id}/messages`, { body: valid });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.body.error.code).toBe('method_not_allowed');
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    const unknownMethod = await fetch(`${h.api.url}/v1/accounts`, { method: 'TRACE' }).catch(() => null);
    // fetch refuses TRACE itself; the router's answer is checked through a raw request below.
    expect(unknownMethod).toBeNull();
    const raw = await rawRequest(h.api.url, 'TRACE', '/v1/accounts');
    expect(raw.status).toBe(405);
    expect(raw.allow?.split(', ').sort()).toEqual(['GET', 'HEAD', 'POST']);
    expect(JSON.parse(raw.body).error.code).toBe('method_not_allowed');
  });
});

/** A request with any method (fetch refuses some, such as TRACE). */
function rawRequest(
  base: string,
  method: string,
  path: string,
): Promise<{ status: number; allow: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(new URL(path, base), { method }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, allow: response.headers.allow, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

/** A second organization with its own channel account, in the same database. */
async function startHarnessOrg(h: Harness) {
  const { createOrganization } = await import('../../src/usecases/api-keys.js');
  const other = await createOrganization(h.collections, { name: 'Other org' });
  const account = await h.createChannelAccount('Other org channel', other.adminKey.key);
  return { accountId: account.id, key: other.adminKey.key };
}
