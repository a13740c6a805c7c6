import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A secret as stored in MongoDB: AES-256-GCM ciphertext plus the id of the key that sealed it. */
export interface SealedSecret {
  keyId: string;
  iv: string;
  tag: string;
  ciphertext: string;
}

/**
 * Encrypts secrets at rest (provider API keys, hook signing secrets) and Temporal payloads. Keys come
 * from the environment as `id:base64` pairs; the first seals, all open, so rotating means prepending a key.
 */
export class SecretBox {
  private readonly keys: Map<string, Buffer>;
  private readonly currentKeyId: string;

  constructor(keySpec: string | undefined) {
    if (!keySpec) {
      throw new Error('SECRETS_KEYS is not set; create one with `npm run admin -- generate-secrets-key`');
    }
    const entries = keySpec.split(',').map((pair) => {
      const [id, encoded] = pair.trim().split(':');
      const key = Buffer.from(encoded ?? '', 'base64');
      if (!id || key.length !== 32) {
        throw new Error('SECRETS_KEYS must be "keyId:base64" pairs of 32-byte keys, separated by commas');
      }
      return [id, key] as const;
    });
    this.keys = new Map(entries);
    this.currentKeyId = entries[0]![0];
  }

  static generateKeySpec(keyId = 'local'): string {
    return `${keyId}:${randomBytes(32).toString('base64')}`;
  }

  seal(plaintext: string): SealedSecret {
    const { keyId, iv, tag, ciphertext } = this.encrypt(Buffer.from(plaintext, 'utf8'));
    return {
      keyId,
      iv: iv.toString('base64'),
      tag: tag.toString('base64'),
      ciphertext: ciphertext.toString('base64'),
    };
  }

  open(sealed: SealedSecret): string {
    const { keyId, iv, tag, ciphertext } = sealed;
    const decode = (field: string) => Buffer.from(field, 'base64');
    return this.decrypt(keyId, decode(iv), decode(tag), decode(ciphertext)).toString('utf8');
  }

  /** Binary form (Temporal payloads): `iv ‖ tag ‖ ciphertext` in one buffer, the key id kept beside it. */
  sealBytes(plaintext: Uint8Array): { keyId: string; sealed: Buffer } {
    const { keyId, iv, tag, ciphertext } = this.encrypt(plaintext);
    return { keyId, sealed: Buffer.concat([iv, tag, ciphertext]) };
  }

  openBytes(keyId: string, sealed: Uint8Array): Buffer {
    const bytes = Buffer.from(sealed);
    if (bytes.length < IV_BYTES + TAG_BYTES) throw new Error('Sealed bytes are too short to be AES-256-GCM output');
    return this.decrypt(
      keyId,
      bytes.subarray(0, IV_BYTES),
      bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES),
      bytes.subarray(IV_BYTES + TAG_BYTES),
    );
  }

  private encrypt(plaintext: Uint8Array) {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId)!, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return { keyId: this.currentKeyId, iv, tag: cipher.getAuthTag(), ciphertext };
  }

  private decrypt(keyId: string, iv: Buffer, tag: Buffer, ciphertext: Buffer): Buffer {
    const key = this.keys.get(keyId);
    if (!key) throw new Error(`Secret sealed with unknown key id "${keyId}"; add it to SECRETS_KEYS`);
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  }
}
