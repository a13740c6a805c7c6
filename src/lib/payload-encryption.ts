import { METADATA_ENCODING_KEY, ValueError, type Payload, type PayloadCodec } from '@temporalio/common';
import proto from '@temporalio/proto';
import type { SecretBox } from './secret-box.js';

const { Payload: PayloadMessage } = proto.temporal.api.common.v1;

/** The `encoding` metadata of an encrypted payload (the value Temporal's samples and tools use). */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
/** Metadata naming the SECRETS_KEYS entry that sealed the payload, so rotated keys still decrypt. */
export const ENCRYPTION_KEY_ID_METADATA = 'encryption-key-id';

const utf8 = (text: string) => Buffer.from(text, 'utf8');
const text = (bytes: Uint8Array | null | undefined) => (bytes ? Buffer.from(bytes).toString('utf8') : undefined);

/**
 * Encrypts every payload the client and the worker hand to Temporal (workflow and activity inputs
 * and results, signals, updates, queries) with AES-256-GCM under the SECRETS_KEYS ring, so message
 * texts and prompts never sit in plaintext in Temporal's histories. The whole payload, metadata
 * included, is sealed; only the encoding and the key id stay readable.
 *
 * A codec runs outside the workflow sandbox, on the bytes, so the workflow code and its determinism
 * are untouched. Payloads without the encrypted encoding (histories from before the codec, search
 * attributes) pass through decode unchanged.
 */
export class PayloadEncryptionCodec implements PayloadCodec {
  constructor(private readonly keys: SecretBox) {}

  // The codec interface is asynchronous; AES-GCM here is not. The executor turns a throw into a rejection.
  encode(payloads: Payload[]): Promise<Payload[]> {
    return new Promise((resolve) => resolve(payloads.map((payload) => this.seal(payload))));
  }

  decode(payloads: Payload[]): Promise<Payload[]> {
    return new Promise((resolve) => resolve(payloads.map((payload) => this.open(payload))));
  }

  private seal(payload: Payload): Payload {
    const { keyId, sealed } = this.keys.sealBytes(PayloadMessage.encode(payload).finish());
    return {
      metadata: { [METADATA_ENCODING_KEY]: utf8(ENCRYPTED_ENCODING), [ENCRYPTION_KEY_ID_METADATA]: utf8(keyId) },
      data: sealed,
    };
  }

  private open(payload: Payload): Payload {
    if (text(payload.metadata?.[METADATA_ENCODING_KEY]) !== ENCRYPTED_ENCODING) return payload;
    const keyId = text(payload.metadata?.[ENCRYPTION_KEY_ID_METADATA]);
    if (!keyId) throw new ValueError(`An encrypted payload lacks its "${ENCRYPTION_KEY_ID_METADATA}" metadata`);
    if (!payload.data) throw new ValueError('An encrypted payload has no data');
    return PayloadMessage.decode(this.keys.openBytes(keyId, payload.data));
  }
}
