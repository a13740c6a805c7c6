/**
 * Organization isolation, generic over the served OpenAPI document: every operation is called with
 * organization B's admin key, A's ids in its path parameters (and in id-like body fields), and a
 * body that passes validation, so the call reaches the handler's ownership check. No answer may be
 * 5xx, an operation addressing A's data by id may not succeed, and no answer may carry A's ids or
 * texts. Routes added later are covered without touching this file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../src/usecases/api-keys.js';
import { eventually } from '../support/eventually.js';
import { startHarness, type Harness } from '../support/harness.js';

type Schema = Record<string, any>;
interface Operation {
  method: string;
  path: string;
  parameters?: { name: string; in: string; required?: boolean; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

/** Operations that act on the caller's own credentials or the service itself, not on data by id. */
const notOrganizationData = new Set(['/health', '/ready']);

describe('cross-organization access on every documented operation', () => {
  let h: Harness;
  let document: { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };
  let keyOfB: string;
  /** A's ids by the name they go by in paths and bodies. */
  let idsOfA: Record<string, string>;
  /** A's conversation number (seed 000 addresses conversations by number). */
  let conversationNumberOfA: number;
  /** Everything of A's that must never show up in B's answers. */
  let secretsOfA: string[];

  beforeAll(async () => {
    h = await startHarness();
    const account = await h.createChannelAccount('Org A WhatsApp');
    const chatId = 'chat-of-organization-a';
    const inbound = await h.inbound(account.id, {
      message_id: 'wamid.org-a-1',
      chat: { id: chatId, type: 'private' },
      from: { id: '34600999111', name: 'Alice of A' },
      text: 'Secret text of organization A',
    });
    expect(inbound.status).toBe(202);
    const reply = await eventually(() => h.hook.sends()[0], { what: 'the reply in organization A' });
    // Every seed must succeed: a refused one would leave nothing of A's for B to find.
    const webhook = await h.request('post', `/v1/accounts/${account.id}/webhooks`, {
      body: { url: `${h.hook.url}/events`, events: ['ai.reply.sent'] },
    });
    expect(webhook.status).toBe(201);
    const apiKey = await h.request('post', '/v1/api-keys', { body: { name: 'A key', scopes: ['messages.ingest'] } });
    expect(apiKey.status).toBe(201);
    const chatAi = await h.request('put', `/v1/accounts/${account.id}/chats/${chatId}/ai`, {
      body: { mode: 'enabled', custom_system_prompt: 'Prompt of A' },
    });
    expect(chatAi).toMatchObject({ status: 200, body: { custom_system_prompt: 'Prompt of A' } });
    const takeover = await h.request('put', `/v1/accounts/${account.id}/human-takeover-webhook`, {
      body: { url: `${h.hook.url}/takeover`, body: { marker: 'takeover body of A' } },
    });
    expect(takeover.status).toBe(200);
    idsOfA = {
      account: account.id,
      conversation: inbound.body.conversation_id,
      contact: inbound.body.contact_id,
      message: inbound.body.message_id,
      webhook: webhook.body.id,
      key: apiKey.body.id,
      chat: chatId,
    };
    secretsOfA = [
      ...Object.values(idsOfA),
      'Secret text of organization A',
      reply.message.text,
      'Alice of A',
      'Prompt of A',
      'takeover body of A',
      h.organizationId,
    ];
    const listed = await h.request('get', `/functions/v1/rest-api-proxy/conversations?id=${idsOfA.conversation}`);
    conversationNumberOfA = listed.body[0].number;
    document = (await h.request('get', '/openapi.json', { key: null })).body;
    keyOfB = (await createOrganization(h.collections, { name: 'Organization B' })).adminKey.key;
  });
  afterAll(() => h?.close());

  /** A's id for a path parameter or body field, by its name (`accountId`, `conversation_id`, `id`…). */
  function idOfAFor(name: string): string | undefined {
    const normalized = name.toLowerCase().replace(/[_-]/g, '');
    if (normalized === 'identifier') return `id:${idsOfA.contact}`;
    if (normalized === 'id') return idsOfA.conversation;
    const kind = Object.keys(idsOfA).find((k) => normalized.startsWith(k) || normalized === `${k}id`);
    return kind ? idsOfA[kind] : undefined;
  }

  const resolve = (schema: Schema | undefined): Schema => {
    const ref: unknown = schema?.$ref;
    if (typeof ref !== 'string') return schema ?? {};
    return resolve(document.components?.schemas?.[ref.split('/').pop()!]);
  };

  /**
   * A value that passes the schema, with A's ids in id-like fields: required properties only, or
   * every property (`complete`) for bodies whose rules go beyond the schema (text for a text message).
   */
  function sample(raw: Schema | undefined, name = '', complete = false): unknown {
    const schema = resolve(raw);
    if (schema.allOf) return Object.assign({}, ...schema.allOf.map((part: Schema) => sample(part, name, complete)));
    if (schema.anyOf ?? schema.oneOf) return sample((schema.anyOf ?? schema.oneOf)[0], name, complete);
    if (schema.enum) return schema.enum[0];
    // A documented example is valid where the type alone is not enough (an IANA time zone).
    if (schema.type === 'string' && schema.example !== undefined && !idOfAFor(name)) return schema.example;
    switch (schema.type) {
      case 'object': {
        const keys: string[] = complete ? Object.keys(schema.properties ?? {}) : (schema.required ?? []);
        return Object.fromEntries(keys.map((key) => [key, sample(schema.properties?.[key], key, complete)]));
      }
      case 'array':
        return Array.from({ length: schema.minItems ?? 0 }, () => sample(schema.items, name, complete));
      case 'integer':
      case 'number':
        return idOfAFor(name) ? conversationNumberOfA : (schema.minimum ?? 1);
      case 'boolean':
        return true;
      case 'string': {
        const id = idOfAFor(name);
        if (id) return id;
        if (schema.format === 'uri' || /url$/i.test(name)) return 'http://127.0.0.1:9/hook';
        if (schema.format === 'email') return 'b@example.com';
        if (schema.format === 'date-time') return new Date().toISOString();
        if (/phone/i.test(name)) return '+14155550123';
        return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
      }
      default:
        return undefined;
    }
  }

  function operations() {
    return Object.entries(document.paths)
      .filter(([path]) => !notOrganizationData.has(path))
      .flatMap(([path, methods]) =>
        Object.entries(methods)
          .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
          .map(([method, operation]) => ({ ...operation, method, path })),
      );
  }

  it('answers B without 5xx, without success on A’s ids and without any of A’s data', async () => {
    const findings: string[] = [];
    const rejectedAsInvalid: string[] = [];
    for (const operation of operations()) {
      const parameters = operation.parameters ?? [];
      const pathParameters = parameters.filter((p) => p.in === 'path');
      const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => {
        const schema = pathParameters.find((p) => p.name === name)?.schema;
        return encodeURIComponent(String(sample(schema ?? { type: 'string' }, name)));
      });
      const query = new URLSearchParams(
        parameters
          .filter((p) => p.in === 'query' && p.required)
          .map((p): [string, string] => [p.name, String(sample(p.schema, p.name) as string | number)]),
      );
      const headers = Object.fromEntries(
        parameters
          .filter((p) => p.in === 'header' && p.required)
          .map((p): [string, string] => [p.name, String(sample(p.schema, p.name) as string | number)]),
      );
      const bodySchema = operation.requestBody?.content?.['application/json']?.schema;
      const call = (complete: boolean) =>
        h.request(operation.method, query.size ? `${path}?${query.toString()}` : path, {
          key: keyOfB,
          headers,
          body: bodySchema ? sample(bodySchema, '', complete) : undefined,
        });
      let answer = await call(false);
      if (answer.status === 400 && bodySchema) answer = await call(true);
      const label = `${operation.method.toUpperCase()} ${operation.path} → ${answer.status}`;
      const text = JSON.stringify(answer.body ?? '');
      const leaked = secretsOfA.filter((secret) => text.includes(secret));
      if (answer.status >= 500) findings.push(`${label}: server error ${text}`);
      if (leaked.length > 0) findings.push(`${label}: answer carries A's ${leaked.join(', ')}`);
      if (pathParameters.length > 0 && answer.status < 300) findings.push(`${label}: succeeded on A's ids`);
      if (answer.status === 400) rejectedAsInvalid.push(`${label}: ${text}`);
    }
    expect(findings).toEqual([]);
    // The sample bodies pass validation, so the ownership checks were what answered.
    expect(rejectedAsInvalid).toEqual([]);
  });

  it('leaves A’s data as it was', async () => {
    const conversation = await h.request('get', `/functions/v1/rest-api-proxy/conversations?id=${idsOfA.conversation}`);
    expect(conversation.body).toMatchObject([{ ai_enabled: true, ai_agent_active: true, status: 'open' }]);
    const webhooks = await h.request('get', `/v1/accounts/${idsOfA.account}/webhooks`);
    expect(webhooks.body.map((w: { id: string }) => w.id)).toEqual([idsOfA.webhook]);
    const keys = await h.request('get', '/v1/api-keys');
    expect(keys.body.find((k: { id: string }) => k.id === idsOfA.key)).toMatchObject({ revoked_at: null });
    const takeover = await h.request('get', `/v1/accounts/${idsOfA.account}/human-takeover-webhook`);
    expect(takeover).toMatchObject({ status: 200, body: { body: { marker: 'takeover body of A' } } });
    const chatAi = await h.request('get', `/v1/accounts/${idsOfA.account}/chats/${idsOfA.chat}/ai`);
    expect(chatAi).toMatchObject({ status: 200, body: { mode: 'enabled', custom_system_prompt: 'Prompt of A' } });
  });
});
