/**
 * Secrets at rest after a key rotation: `npm run admin -- reseal-secrets` (the real command, as a
 * process) re-seals every stored secret with the first key and its location, and the service then
 * works with the new key alone.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretBox, type SealedSecret } from '../../src/lib/secret-box.js';
import { startApi } from '../../src/server.js';
import { sealedSecretFields } from '../../src/store/sealed-secrets.js';
import { apiClient } from '../support/api-client.js';
import { startHarness, type Harness } from '../support/harness.js';

const run = promisify(execFile);

describe('reseal-secrets after a key rotation', () => {
  let h: Harness;
  let accountId: string;
  const newKey = SecretBox.generateKeySpec('rotated');

  beforeAll(async () => {
    h = await startHarness();
    accountId = (await h.createChannelAccount()).id;
    const seeds = [
      h.request('put', '/v1/ai/global', { body: { api_key: 'sk-organization-key' } }),
      h.request('put', `/v1/accounts/${accountId}/human-takeover-webhook`, {
        body: { url: `${h.hook.url}/takeover`, headers: { Authorization: 'Bearer crm-token' } },
      }),
      h.request('post', `/v1/accounts/${accountId}/webhooks`, {
        body: { url: `${h.hook.url}/events`, events: ['ai.reply.sent'] },
      }),
      h.request('post', '/v1/calendars', { body: { name: 'Demos', booking_url: `${h.hook.url}/calendar` } }),
    ];
    for (const seeded of await Promise.all(seeds)) expect(seeded.status).toBeLessThan(300);
    // A secret as the previous version stored it: format 1, no location bound.
    const legacy: SealedSecret = { ...h.api.deps.secretBox.seal('whsec_legacy') };
    delete legacy.v;
    await h.collections.channelAccounts.insertOne({
      _id: 'legacy-account',
      organizationId: h.organizationId,
      name: 'Legacy',
      type: 'other',
      outboundHookUrl: h.hook.url,
      outboundHookSecret: legacy,
      createdAt: new Date(),
    });
  });
  afterAll(() => h?.close());

  const reseal = async (keys: string) => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', resolve('src/admin-cli.ts'), 'reseal-secrets'], {
      env: { ...process.env, MONGODB_URI: h.config.mongo.uri, MONGODB_DB: h.config.mongo.dbName, SECRETS_KEYS: keys },
    });
    return stdout;
  };
  const totals = (stdout: string) => /^total\s+found (\d+)\s+resealed (\d+)$/m.exec(stdout)!.slice(1).map(Number);

  it('re-seals every secret with the new key and its location, once, and prints the counts', async () => {
    const first = await reseal(`${newKey},${h.config.secretsKeys}`);
    // Two hook secrets, the provider key, the takeover headers and signing secret, the subscription, the calendar.
    expect(totals(first)).toEqual([7, 7]);
    expect(first).toMatch(/^channel_accounts\.outboundHookSecret\s+found 2\s+resealed 2$/m);

    const rotated = new SecretBox(newKey);
    for (const { collection, field } of Object.values(sealedSecretFields)) {
      const documents = await h.api.deps.database.db
        .collection<{ _id: string }>(collection)
        .find({ [field]: { $exists: true, $ne: null } })
        .toArray();
      for (const document of documents) {
        const sealed = field.split('.').reduce<any>((value, key) => value?.[key], document) as SealedSecret;
        expect(sealed, `${collection}.${field}`).toMatchObject({ v: 2, keyId: 'rotated' });
        expect(() => rotated.open(sealed, { collection, field, id: document._id })).not.toThrow();
      }
    }
    expect(totals(await reseal(`${newKey},${h.config.secretsKeys}`))).toEqual([7, 0]);
  });

  it('the service then works with the new key alone', async () => {
    const api = await startApi({ ...h.config, secretsKeys: newKey });
    try {
      const request = apiClient(api.url, h.adminKey);
      const takeover = await request('get', `/v1/accounts/${accountId}/human-takeover-webhook`);
      expect(takeover).toMatchObject({ status: 200, body: { header_names: ['Authorization'] } });
      // The organization's provider key opens: the provider receives it.
      const tested = await request('post', '/v1/ai/admin/test', { body: { message: 'Hello' } });
      expect(tested.status).toBe(200);
      expect(h.llm.requests.at(-1)!.headers.authorization).toBe('Bearer sk-organization-key');
    } finally {
      await api.close();
    }
  });

  it('a sealed secret copied into another record does not open there', async () => {
    const rotated = new SecretBox(newKey);
    const source = await h.collections.channelAccounts.findOne({ _id: accountId });
    const location = { ...sealedSecretFields.channelAccountHookSecret, id: 'legacy-account' };
    expect(() => rotated.open(source!.outboundHookSecret, location)).toThrow();
  });
});
