import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { PayloadEncryptionCodec } from '../../src/lib/payload-encryption.js';
import { SecretBox } from '../../src/lib/secret-box.js';

const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('utf8');
const payloadOf = (value: unknown) => defaultPayloadConverter.toPayload(value);

describe('PayloadEncryptionCodec', () => {
  const oldSpec = SecretBox.generateKeySpec('k2025');
  const codec = new PayloadEncryptionCodec(new SecretBox(oldSpec));

  it('seals the whole payload: only the encrypted encoding and the key id stay readable', async () => {
    const original = payloadOf({ text: 'Do you ship to Madrid?' });
    const [encrypted] = await codec.encode([original]);
    expect(Object.keys(encrypted!.metadata!)).toEqual(['encoding', 'encryption-key-id']);
    expect(text(encrypted!.metadata!.encoding)).toBe('binary/encrypted');
    expect(text(encrypted!.metadata!['encryption-key-id'])).toBe('k2025');
    expect(text(encrypted!.data)).not.toContain('Madrid');
    expect(text(encrypted!.data)).not.toContain('json/plain');
    const [decoded] = await codec.decode([encrypted!]);
    expect(defaultPayloadConverter.fromPayload(decoded!)).toEqual({ text: 'Do you ship to Madrid?' });
  });

  it('passes payloads without the encrypted encoding through decode unchanged (histories from before the codec)', async () => {
    const plain = payloadOf({ messageId: 'm-1' });
    expect(await codec.decode([plain])).toEqual([plain]);
  });

  it('still decodes payloads sealed with an older key after a new key is put first, and seals with the new one', async () => {
    const [sealedWithOld] = await codec.encode([payloadOf('before the rotation')]);
    const rotated = new PayloadEncryptionCodec(new SecretBox(`${SecretBox.generateKeySpec('k2026')},${oldSpec}`));
    const [decoded] = await rotated.decode([sealedWithOld!]);
    expect(defaultPayloadConverter.fromPayload(decoded!)).toBe('before the rotation');
    const [sealedWithNew] = await rotated.encode([payloadOf('after')]);
    expect(text(sealedWithNew!.metadata!['encryption-key-id'])).toBe('k2026');
  });

  it('refuses payloads of an unknown key, without a key id, or tampered with', async () => {
    const [sealed] = await codec.encode([payloadOf('secret')]);
    const other = new PayloadEncryptionCodec(new SecretBox(SecretBox.generateKeySpec('elsewhere')));
    await expect(other.decode([sealed!])).rejects.toThrow(/unknown key id "k2025"/);
    const withoutKeyId: Payload = { metadata: { encoding: sealed!.metadata!.encoding! }, data: sealed!.data! };
    await expect(codec.decode([withoutKeyId])).rejects.toThrow(/lacks its "encryption-key-id"/);
    const tampered = Buffer.from(sealed!.data!);
    tampered[tampered.length - 1]! ^= 1;
    await expect(codec.decode([{ ...sealed!, data: tampered }])).rejects.toThrow();
  });
});
