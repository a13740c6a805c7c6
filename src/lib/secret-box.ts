import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * A secret as stored in MongoDB: AES-256-GCM ciphertext plus the id of the key that sealed it.
 * Format 2 (`v: 2`) binds the ciphertext to where it is stored (additional authenticated data);
 * format 1 (no `v`, sealed before AAD existed) opens without it until `reseal-secrets` rewrites it.
 */
export interface SealedSecret {
  v?: 2;
  keyId: string;
  iv: string;
  tag: string;
  ciphertext: string;
}

/**
 * Where a sealed secret is stored: the collection, the document's `_id` and the field. Sealed with
 * it as AAD, a secret copied to another record or field no longer opens.
 */
export interface SecretLocation {
  collection: string;
  id: string;
  field: string;
}

const FORMAT = 2;

/** NUL-separated, so no two locations share an encoding (ids and field names never contain NUL). */
const additionalData = (location: SecretLocation | undefined) =>
  Buffer.from(location ? `convo-pilot:v${FORMAT}\0${location.collection}\0${location.id}\0${location.field}` : '');

/**
 * Encrypts secrets at rest (provider API keys, hook signing secrets) and Temporal payloads. Keys come
 * from the environment as `id:base64` pairs; the first seals, all open, so rotating means prepending a
 * key (then `npm run admin -- reseal-secrets` moves every stored secret to it).
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

  /** Seals with the first key, bound to `location` (every stored secret passes where it is stored). */
  seal(plaintext: string, location?: SecretLocation): SealedSecret {
    const { keyId, iv, tag, ciphertext } = this.encrypt(Buffer.from(plaintext, 'utf8'), additionalData(location));
    return {
      v: FORMAT,
      keyId,
      iv: iv.toString('base64'),
      tag: tag.toString('base64'),
      ciphertext: ciphertext.toString('base64'),
    };
  }

  /** Opens a secret sealed for `location` (or a format-1 one, which carries no location). */
  open(sealed: SealedSecret, location?: SecretLocation): string {
    const { keyId, iv, tag, ciphertext } = sealed;
    const decode = (field: string) => Buffer.from(field, 'base64');
    const aad = sealed.v === FORMAT ? additionalData(location) : Buffer.alloc(0);
    return this.decrypt(keyId, decode(iv), decode(tag), decode(ciphertext), aad).toString('utf8');
  }

  /** Sealed with an older key or in format 1: `reseal-secrets` rewrites it. */
  isOutdated(sealed: SealedSecret): boolean {
    return sealed.keyId !== this.currentKeyId || sealed.v !== FORMAT;
  }

  /** Binary form (Temporal payloads): `iv ‖ tag ‖ ciphertext` in one buffer, the key id kept beside it. */
  sealBytes(plaintext: Uint8Array): { keyId: string; sealed: Buffer } {
    const { keyId, iv, tag, ciphertext } = this.encrypt(plaintext, Buffer.alloc(0));
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
      Buffer.alloc(0),
    );
  }

  private encrypt(plaintext: Uint8Array, aad: Buffer) {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId)!, iv);
    cipher.setAAD(aad);
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return { keyId: this.currentKeyId, iv, tag: cipher.getAuthTag(), ciphertext };
  }

  private decrypt(keyId: string, iv: Buffer, tag: Buffer, ciphertext: Buffer, aad: Buffer): Buffer {
    const key = this.keys.get(keyId);
    if (!key) throw new Error(`Secret sealed with unknown key id "${keyId}"; add it to SECRETS_KEYS`);
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  }
}
