import { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.js';
import { signOperatorJwt } from '../../src/lib/admin-jwt.js';
import { SecretBox } from '../../src/lib/secret-box.js';
import { temporalDataConverter } from '../../src/lib/temporal-transport.js';
import { conversationWorkflowId } from '../../src/workflows/definitions.js';
import { apiClient } from '../support/api-client.js';
import { eventually } from '../support/eventually.js';
import { startHarness, type Harness } from '../support/harness.js';
import { decodeHistoryPayloads, payloadsIn } from '../support/history-payloads.js';

const utf8 = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('utf8');
const base64 = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('base64');
const UI_ORIGIN = 'http://127.0.0.1:8233';

/**
 * Message texts and prompts never sit in plaintext in Temporal: the API and the worker encrypt every
 * payload with the SECRETS_KEYS ring, and only an operator can have them decoded (the codec server).
 */
describe('Temporal payload encryption and the codec server', () => {
  let h: Harness;
  let account: { id: string };
  const inboundText = 'My order QZ-4711 has not arrived, where is it?';
  const replyText = 'Order QZ-4711 left our warehouse this morning.';
  const humanText = 'Maria here: I have refunded the shipping of QZ-4711.';
  /** Every payload of the conversation's history as Temporal stores it, in the codec protocol's JSON. */
  let storedPayloads: { metadata: Record<string, string>; data: string }[];
  let operatorToken: string;

  beforeAll(async () => {
    h = await startHarness({ TEMPORAL_CODEC_CORS_ORIGINS: UI_ORIGIN });
    account = await h.createChannelAccount();
    operatorToken = await signOperatorJwt('ops@example.com', {
      ...h.config.adminJwt,
      secret: h.config.adminJwt.secret!,
    });
  });
  afterAll(() => h?.close());

  const codec = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    apiClient(h.api.url, '')('post', `/codec/${path}`, { body, key: null, headers });
  const asOperator = () => ({ authorization: `Bearer ${operatorToken}` });

  it('stores no message text or prompt in the history, only encrypted payloads with their key id; the codec reads them', async () => {
    h.llm.script({ reply: replyText });
    const accepted = await h.inbound(account.id, {
      message_id: 'wamid.encrypted-1',
      from: { id: '34600999000' },
      text: inboundText,
    });
    expect(accepted.status).toBe(202);
    const conversationId = accepted.body.conversation_id as string;
    await eventually(() => h.hook.sends().length === 1, { what: 'the AI reply' });
    expect(h.llm.completions()[0]!.messages.at(-1)).toEqual({ role: 'user', content: inboundText });
    // A human agent's message travels as a signal from the API: encrypted by the API's client.
    const human = await h.request('post', `/v1/conversations/${conversationId}/messages`, {
      body: { text: humanText },
    });
    expect(human.status).toBe(202);
    await eventually(() => h.hook.sends().length === 2, { what: "the human agent's message" });

    // As Temporal stores it, read by a client without the codec.
    const withoutCodec = new Client({
      connection: h.api.deps.temporal.connection,
      namespace: h.config.temporal.namespace,
    });
    const history = await withoutCodec.workflow
      .getHandle(conversationWorkflowId(h.organizationId, conversationId))
      .fetchHistory();
    const stored = historyToJSON(history);
    for (const secret of [inboundText, replyText, humanText, h.config.aiDefaults.defaultSystemPrompt, 'QZ-4711']) {
      expect(stored).not.toContain(secret);
      expect(stored).not.toContain(Buffer.from(secret).toString('base64').slice(0, 12));
    }
    // Search attributes stay readable (the UI filters on them), and so does the SDK's own bookkeeping
    // in markers (a patch id; a local activity's type, attempt and times), which bypasses codecs.
    // Every other payload, local activity results included, is sealed.
    const sdkBookkeeping = /markerRecordedEventAttributes\.details\.(data|patch-data)\./;
    const payloads = payloadsIn(history).filter(
      ({ path }) => !path.includes('searchAttributes') && !sdkBookkeeping.test(path),
    );
    expect(payloads.length).toBeGreaterThanOrEqual(6);
    for (const { path, payload } of payloads) {
      expect({ path, encoding: utf8(payload.metadata!.encoding) }).toEqual({ path, encoding: 'binary/encrypted' });
      expect(utf8(payload.metadata!['encryption-key-id'])).toBe('test');
      expect(Object.keys(payload.metadata!).sort()).toEqual(['encoding', 'encryption-key-id']);
    }
    storedPayloads = payloads.map(({ payload }) => ({
      metadata: Object.fromEntries(Object.entries(payload.metadata!).map(([key, value]) => [key, base64(value)])),
      data: base64(payload.data),
    }));

    // With the service's codec, the same history reads as the texts.
    await decodeHistoryPayloads(history, h.api.deps.temporal.options.loadedDataConverter.payloadCodecs);
    const decoded = payloadsIn(history)
      .map(({ payload }) => utf8(payload.data))
      .join('\n');
    expect(decoded).toContain(replyText);
    expect(decoded).toContain(humanText);
    expect(payloadsIn(history).some(({ payload }) => utf8(payload.metadata!.encoding) === 'binary/encrypted')).toBe(
      false,
    );
  });

  it('decodes for an operator token (Bearer, or Basic as the browser sends it), and encodes back', async () => {
    const decoded = await codec('decode', { payloads: storedPayloads }, asOperator());
    expect(decoded.status).toBe(200);
    const texts = (decoded.body.payloads as { metadata: Record<string, string>; data?: string }[]).map((payload) =>
      Buffer.from(payload.data ?? '', 'base64').toString('utf8'),
    );
    expect(texts.join('\n')).toContain(replyText);
    expect(texts.join('\n')).toContain(humanText);
    const replyPayload = decoded.body.payloads[texts.findIndex((text) => text.includes(replyText))];
    expect(Buffer.from(replyPayload.metadata.encoding, 'base64').toString()).toBe('json/plain');

    // A browser signs in at /codec/session (the Basic challenge), then sends the same credentials.
    const basic = `Basic ${Buffer.from(`operator:${operatorToken}`).toString('base64')}`;
    const session = await apiClient(h.api.url, '')('get', '/codec/session', {
      key: null,
      headers: { authorization: basic },
    });
    expect(session).toMatchObject({ status: 200, body: { operator: 'ops@example.com' } });
    const viaBrowser = await codec('decode', { payloads: storedPayloads }, { authorization: basic });
    expect(viaBrowser.status).toBe(200);
    expect(viaBrowser.body).toEqual(decoded.body);

    const encoded = await codec('encode', { payloads: [replyPayload] }, asOperator());
    expect(encoded.status).toBe(200);
    expect(Buffer.from(encoded.body.payloads[0].metadata['encryption-key-id'], 'base64').toString()).toBe('test');
    expect(Buffer.from(encoded.body.payloads[0].data, 'base64').toString()).not.toContain(replyText);
    const roundTrip = await codec('decode', encoded.body, asOperator());
    expect(roundTrip.body.payloads).toEqual([replyPayload]);
  });

  it("refuses without an operator token, and refuses an organization's API key or admin JWT", async () => {
    const body = { payloads: storedPayloads };
    const anonymous = await codec('decode', body);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    expect(anonymous.body.error.code).toBe('unauthorized');
    expect((await apiClient(h.api.url, '')('get', '/codec/session', { key: null })).status).toBe(401);

    const apiKey = await codec('decode', body, { 'x-api-key': h.adminKey });
    expect(apiKey.status).toBe(403);
    expect(apiKey.body.error.code).toBe('forbidden');
    expect(JSON.stringify(apiKey.body)).not.toContain(replyText);
    expect((await codec('decode', body, { authorization: `Bearer ${h.adminKey}` })).status).toBe(403);

    const adminJwt = await codec('decode', body, { authorization: `Bearer ${await h.adminJwt()}` });
    expect(adminJwt.status).toBe(401);
    const forged = await signOperatorJwt('ops@example.com', {
      ...h.config.adminJwt,
      secret: 'another-secret-of-at-least-32-characters!!',
    });
    expect((await codec('decode', body, { authorization: `Bearer ${forged}` })).status).toBe(401);
    expect((await codec('encode', body, { 'x-api-key': h.adminKey })).status).toBe(403);
  });

  it('answers a payload it cannot decrypt with a 400 naming it', async () => {
    const tampered = { ...storedPayloads[0]!, data: Buffer.from('not what was sealed').toString('base64') };
    const answer = await codec('decode', { payloads: [storedPayloads[1], tampered] }, asOperator());
    expect(answer.status).toBe(400);
    expect(answer.body.error.details).toEqual([
      { in: 'request body', path: 'payloads.1', message: 'cannot be decoded with SECRETS_KEYS' },
    ]);
    expect((await codec('decode', { payloads: 'all of them' }, asOperator())).status).toBe(400);
  });

  it('lets the configured Temporal UI origin call it with credentials (CORS), and no other origin', async () => {
    const preflight = (origin: string) =>
      fetch(`${h.api.url}/codec/decode`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,x-namespace,authorization',
        },
      });
    const allowed = await preflight(UI_ORIGIN);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();

    const refused = await codec('decode', { payloads: [] }, { origin: UI_ORIGIN });
    expect(refused.status).toBe(401);
    // The UI can read the refusal (and show it) instead of a bare CORS error.
    expect(refused.headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);
  });

  it('after a key rotation (a new key first), still decodes what the old key sealed and seals with the new key', async () => {
    const rotatedBox = new SecretBox(`${SecretBox.generateKeySpec('next')},${h.config.secretsKeys}`);
    const rotatedClient = new Client({
      connection: h.api.deps.temporal.connection,
      namespace: h.config.temporal.namespace,
      dataConverter: temporalDataConverter(rotatedBox),
    });
    const rotatedApi = createApp({ ...h.api.deps, temporal: rotatedClient, secretBox: rotatedBox });
    const server: Server = await new Promise((resolve) => {
      const s = rotatedApi.listen(0, '127.0.0.1', () => resolve(s));
    });
    try {
      const rotated = apiClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, '');
      const decoded = await rotated('post', '/codec/decode', {
        body: { payloads: storedPayloads },
        key: null,
        headers: asOperator(),
      });
      expect(decoded.status).toBe(200);
      const texts = (decoded.body.payloads as { data?: string }[]).map((p) =>
        Buffer.from(p.data ?? '', 'base64').toString(),
      );
      expect(texts.join('\n')).toContain(replyText);
      const encoded = await rotated('post', '/codec/encode', {
        body: { payloads: decoded.body.payloads.slice(0, 1) },
        key: null,
        headers: asOperator(),
      });
      expect(Buffer.from(encoded.body.payloads[0].metadata['encryption-key-id'], 'base64').toString()).toBe('next');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
