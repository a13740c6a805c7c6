import { describe, expect, it } from 'vitest';
import { SecretBox, type SealedSecret } from '../../src/lib/secret-box.js';

describe('SecretBox', () => {
  it('round-trips a secret and never stores the plaintext', () => {
    const box = new SecretBox(SecretBox.generateKeySpec('k1'));
    const sealed = box.seal('sk-live-123');
    expect(JSON.stringify(sealed)).not.toContain('sk-live-123');
    expect(sealed.keyId).toBe('k1');
    expect(box.open(sealed)).toBe('sk-live-123');
  });

  it('seals with the first key and still opens secrets sealed with an older one (rotation)', () => {
    const oldSpec = SecretBox.generateKeySpec('old');
    const sealedWithOld = new SecretBox(oldSpec).seal('secret');
    const rotated = new SecretBox(`${SecretBox.generateKeySpec('new')},${oldSpec}`);
    expect(rotated.open(sealedWithOld)).toBe('secret');
    expect(rotated.seal('x').keyId).toBe('new');
  });

  it('rejects tampered ciphertext, unknown key ids and malformed key specs', () => {
    const box = new SecretBox(SecretBox.generateKeySpec('k1'));
    const sealed = box.seal('secret');
    const tampered = { ...sealed, ciphertext: Buffer.from('other!').toString('base64') };
    expect(() => box.open(tampered)).toThrow();
    expect(() => box.open({ ...sealed, keyId: 'gone' })).toThrow(/unknown key id "gone"/);
    expect(() => new SecretBox('k1:c2hvcnQ=')).toThrow(/32-byte keys/);
    expect(() => new SecretBox(undefined)).toThrow(/SECRETS_KEYS is not set/);
  });

  it('binds a secret to where it is stored: copied to another record, field or collection it does not open', () => {
    const box = new SecretBox(SecretBox.generateKeySpec('k1'));
    const here = { collection: 'channel_accounts', id: 'acc-1', field: 'outboundHookSecret' };
    const sealed = box.seal('whsec_abc', here);
    expect(sealed.v).toBe(2);
    expect(box.open(sealed, here)).toBe('whsec_abc');
    for (const elsewhere of [
      { ...here, id: 'acc-2' },
      { ...here, field: 'humanTakeoverWebhook.signingSecret' },
      { ...here, collection: 'calendars' },
    ]) {
      expect(() => box.open(sealed, elsewhere), JSON.stringify(elsewhere)).toThrow();
    }
    expect(() => box.open(sealed)).toThrow();
  });

  it('still opens secrets sealed before locations existed (format 1), and marks them and older keys outdated', () => {
    const oldSpec = SecretBox.generateKeySpec('old');
    const here = { collection: 'ai_settings', id: 'global:org-1', field: 'settings.apiKey' };
    // What the previous SecretBox stored: no `v`, no additional data.
    const formatOne: SealedSecret = { ...new SecretBox(oldSpec).seal('sk-old') };
    delete formatOne.v;
    const rotated = new SecretBox(`${SecretBox.generateKeySpec('new')},${oldSpec}`);
    expect(rotated.open(formatOne, here)).toBe('sk-old');
    expect(rotated.isOutdated(formatOne)).toBe(true);
    expect(rotated.isOutdated(new SecretBox(oldSpec).seal('x', here))).toBe(true);
    expect(rotated.isOutdated(rotated.seal('x', here))).toBe(false);
  });
});
