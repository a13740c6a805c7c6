import type { TLSConfig } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { PayloadEncryptionCodec } from './payload-encryption.js';
import type { SecretBox } from './secret-box.js';

/** How to reach Temporal, as validated from the environment (config.ts: TEMPORAL_ADDRESS, TEMPORAL_TLS_*, TEMPORAL_API_KEY). */
export interface TemporalTransport {
  address: string;
  tls: {
    enabled: boolean;
    /** PEM bytes of the CA that signed the server's certificate; system CAs when absent. */
    serverCa?: Buffer;
    /** mTLS client certificate and key (PEM bytes), both or neither. */
    clientCert?: Buffer;
    clientKey?: Buffer;
    serverName?: string;
  };
  apiKey?: string;
}

/**
 * The connection options of every process that talks to Temporal: the API's and the admin CLI's
 * `Connection` and the worker's `NativeConnection` take the same shape, so all three connect alike.
 * `tls` is always explicit: the SDK would otherwise switch TLS on by itself when an API key is set.
 */
export function temporalConnectionOptions({ address, tls, apiKey }: TemporalTransport): {
  address: string;
  tls: TLSConfig | false;
  apiKey?: string;
} {
  const tlsConfig: TLSConfig | false = tls.enabled && {
    ...(tls.serverCa ? { serverRootCACertificate: tls.serverCa } : {}),
    ...(tls.clientCert && tls.clientKey ? { clientCertPair: { crt: tls.clientCert, key: tls.clientKey } } : {}),
    ...(tls.serverName ? { serverNameOverride: tls.serverName } : {}),
  };
  return { address, tls: tlsConfig, ...(apiKey ? { apiKey } : {}) };
}

/**
 * The data converter of every Temporal client and worker of the service: payloads are encrypted
 * with the SECRETS_KEYS ring on the way to Temporal and decrypted on the way back. Client and worker
 * must share it, or one side cannot read what the other wrote.
 */
export function temporalDataConverter(keys: SecretBox): DataConverter {
  return { payloadCodecs: [new PayloadEncryptionCodec(keys)] };
}
