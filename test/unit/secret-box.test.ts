import { describe, expect, it } from 'vitest';
import { SecretBox } from '../../src/lib/secret-box.js';

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
});
