import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHmac } from 'node:crypto';
import { expect } from 'vitest';
import type { Harness } from './harness.js';
import { sendJson, startRecordingServer, type RecordedRequest } from './recording-server.js';

/** The credentials the stand-ins accept (and the tests configure on the accounts). */
export const providerCredentials = {
  whatsappCloud: {
    phone_number_id: '106540352242922',
    access_token: 'EAAG-test-access-token',
    app_secret: 'meta-app-secret',
    verify_token: 'my-verify-token',
  },
  telegram: { bot_token: '123456:ABC-test-token', secret_token: 'telegram-secret_token-1' },
  chatwoot: { account_id: 1, bot_token: 'chatwoot-bot-token', webhook_secret: 'chatwoot-webhook-secret' },
  evolution: { instance: 'sales', api_key: 'B6D711FCDE4D4FD5936544120E713976' },
};

/** A documented provider payload from test/fixtures/channels, as text (signatures cover these bytes). */
export const fixture = (name: string): string =>
  readFileSync(join(import.meta.dirname, '..', 'fixtures', 'channels', `${name}.json`), 'utf8');

export const hmacHex = (secret: string, ...parts: string[]) => {
  const hmac = createHmac('sha256', secret);
  for (const part of parts) hmac.update(part);
  return hmac.digest('hex');
};

/** Chatwoot's signature headers for `body`: `sha256=HMAC(secret, "<timestamp>.<body>")`, stamped now. */
export function chatwootSignature(secret: string, body: string): Record<string, string> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  return {
    'x-chatwoot-timestamp': timestamp,
    'x-chatwoot-signature': `sha256=${hmacHex(secret, `${timestamp}.`, body)}`,
  };
}

/** A native account created through the API (`{type, [type]: settings}`), as its answer. */
export async function createNativeAccount(h: Harness, type: string, settings: Record<string, unknown>) {
  const created = await h.request('post', '/v1/accounts', {
    body: { name: `${type} account`, type, [type]: settings },
  });
  expect(created.status).toBe(201);
  return created.body as Record<string, any> & { id: string; webhook_path: string };
}

/** A provider's webhook call: the raw bytes as signed, no API key. */
export const postProviderWebhook = (h: Harness, path: string, rawBody: string, headers: Record<string, string> = {}) =>
  h.request('post', path, { rawBody, key: null, headers });

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const hasStrings = (body: unknown, ...keys: string[]) =>
  isObject(body) && keys.every((key) => typeof body[key] === 'string' && body[key].length > 0);

/**
 * Local stand-ins for the four providers' send APIs on one loopback server. Each checks the path,
 * the auth header and the body's shape as the provider documents them (400/401 otherwise), answers
 * like the provider and records the call.
 */
export async function startProviderStandIns() {
  /** The credentials accepted now: a test rotating an account's credentials rotates these too. */
  const accepted = structuredClone(providerCredentials);
  const { whatsappCloud, telegram, chatwoot, evolution } = accepted;
  let sequence = 0;
  const server = await startRecordingServer((request, response) => {
    const { path, headers, body } = request;
    sequence += 1;
    const bad = (status: number, what: string) => sendJson(response, status, { error: what });

    // WhatsApp Cloud API: POST /v21.0/{phone_number_id}/messages, Bearer token.
    if (path === `/v21.0/${whatsappCloud.phone_number_id}/messages`) {
      if (headers.authorization !== `Bearer ${whatsappCloud.access_token}`) return bad(401, 'OAuthException');
      if (!isObject(body) || body.messaging_product !== 'whatsapp') return bad(400, 'messaging_product');
      if (body.status === 'read') {
        if (!hasStrings(body, 'message_id') || !isObject(body.typing_indicator)) return bad(400, 'typing');
        return sendJson(response, 200, { success: true });
      }
      const textOk = body.type === 'text' && isObject(body.text) && typeof body.text.body === 'string';
      const templateOk = body.type === 'template' && isObject(body.template) && isObject(body.template.language);
      if (!hasStrings(body, 'to') || !(textOk || templateOk)) return bad(400, 'message shape');
      return sendJson(response, 200, {
        messaging_product: 'whatsapp',
        contacts: [{ input: body.to, wa_id: body.to }],
        messages: [{ id: `wamid.out-${sequence}` }],
      });
    }

    // Telegram Bot API: POST /bot{token}/{method}.
    const telegramMethod = /^\/bot([^/]+)\/(sendMessage|sendChatAction)$/.exec(path);
    if (telegramMethod) {
      if (telegramMethod[1] !== telegram.bot_token) return sendJson(response, 401, { ok: false, error_code: 401 });
      if (!isObject(body) || body.chat_id === undefined) return bad(400, 'chat_id');
      if (telegramMethod[2] === 'sendChatAction') {
        return body.action === 'typing' ? sendJson(response, 200, { ok: true, result: true }) : bad(400, 'action');
      }
      if (!hasStrings(body, 'text')) return bad(400, 'text');
      return sendJson(response, 200, {
        ok: true,
        result: { message_id: 5000 + sequence, chat: { id: Number(body.chat_id) }, date: 1, text: body.text },
      });
    }

    // Chatwoot Application API: /api/v1/accounts/{account_id}/conversations/{id}/{action}, api_access_token.
    const chatwootAction =
      /^\/api\/v1\/accounts\/(\d+)\/conversations\/(\d+)\/(messages|toggle_typing_status|toggle_status)$/.exec(path);
    if (chatwootAction) {
      if (headers.api_access_token !== chatwoot.bot_token) return bad(401, 'unauthorized');
      if (Number(chatwootAction[1]) !== chatwoot.account_id) return bad(404, 'account');
      const action = chatwootAction[3];
      if (action === 'messages') {
        if (!hasStrings(body, 'content') || (body as Record<string, unknown>).message_type !== 'outgoing') {
          return bad(400, 'message');
        }
        return sendJson(response, 200, { id: 9000 + sequence, content: (body as Record<string, unknown>).content });
      }
      if (action === 'toggle_typing_status')
        return hasStrings(body, 'typing_status') ? sendJson(response, 200, {}) : bad(400, 'typing');
      return hasStrings(body, 'status')
        ? sendJson(response, 200, {
            payload: { success: true, current_status: (body as Record<string, unknown>).status },
          })
        : bad(400, 'status');
    }

    // Evolution API: /message/sendText/{instance}, /chat/sendPresence/{instance}, apikey header.
    const evolutionCall = /^\/(message\/sendText|chat\/sendPresence)\/([^/]+)$/.exec(path);
    if (evolutionCall) {
      if (headers.apikey !== evolution.api_key) return bad(401, 'Unauthorized');
      if (evolutionCall[2] !== evolution.instance) return bad(404, 'instance');
      if (!hasStrings(body, 'number')) return bad(400, 'number');
      if (evolutionCall[1] === 'chat/sendPresence') {
        return (body as Record<string, unknown>).presence === 'composing'
          ? sendJson(response, 201, {})
          : bad(400, 'presence');
      }
      if (!hasStrings(body, 'text')) return bad(400, 'text');
      return sendJson(response, 201, {
        key: { remoteJid: (body as Record<string, unknown>).number, fromMe: true, id: `BAE5${sequence}` },
        message: { conversation: (body as Record<string, unknown>).text },
        messageTimestamp: '1717780437',
        status: 'PENDING',
      });
    }
    return bad(404, `no such endpoint: ${path}`);
  });

  const matching = (pattern: RegExp) => server.requests.filter((request) => pattern.test(request.path));
  return {
    ...server,
    accepted,
    whatsappBaseUrl: `${server.url}/v21.0`,
    /** Recorded calls whose path matches. */
    calls: matching,
    bodies: (pattern: RegExp) =>
      matching(pattern).map((request: RecordedRequest) => request.body as Record<string, any>),
  };
}

export type ProviderStandIns = Awaited<ReturnType<typeof startProviderStandIns>>;
