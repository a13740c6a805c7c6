import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** A secret as stored in MongoDB: AES-256-GCM ciphertext plus the id of the key that sealed it. */
export interface SealedSecret {
  keyId: string;
  iv: string;
  tag: string;
  ciphertext: string;
}

/**
 * Encrypts secrets at rest (provider API keys, hook signing secrets). Keys come from the
 * environment as `id:base64` pairs; the first seals, all open, so rotating means prepending a key.
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
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId)!, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return {
      keyId: this.currentKeyId,
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      ciphertext: ciphertext.toString('base64'),
    };
  }

  open(sealed: SealedSecret): string {
    const key = this.keys.get(sealed.keyId);
    if (!key) throw new Error(`Secret sealed with unknown key id "${sealed.keyId}"; add it to SECRETS_KEYS`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]).toString(
      'utf8',
    );
  }
}
