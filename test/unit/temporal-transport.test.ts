import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { temporalConnectionOptions } from '../../src/lib/temporal-transport.js';

const pem = (label: string, body: string) => `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
const ca = pem('CERTIFICATE', 'Y2EtY2VydA==');
const cert = pem('CERTIFICATE', 'Y2xpZW50LWNlcnQ=');
const key = pem('PRIVATE KEY', 'Y2xpZW50LWtleQ==');

const dir = mkdtempSync(join(tmpdir(), 'temporal-tls-'));
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

const optionsFrom = (env: Record<string, string>) =>
  temporalConnectionOptions(loadConfig({ TEMPORAL_ADDRESS: 'ns.acct.tmprl.cloud:7233', ...env }).temporal);

const configError = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the configuration was accepted');
};

describe('Temporal connection options from the environment', () => {
  it('connects in plaintext with the address only by default (the local stack)', () => {
    expect(optionsFrom({})).toEqual({ address: 'ns.acct.tmprl.cloud:7233', tls: false });
  });

  it('reads the server CA, the mTLS client certificate and key from files, with the server name override', () => {
    expect(
      optionsFrom({
        TEMPORAL_TLS_CA: file('ca.pem', ca),
        TEMPORAL_TLS_CERT: file('client.pem', cert),
        TEMPORAL_TLS_KEY: file('client.key', key),
        TEMPORAL_TLS_SERVER_NAME: 'temporal.internal',
      }),
    ).toEqual({
      address: 'ns.acct.tmprl.cloud:7233',
      tls: {
        serverRootCACertificate: Buffer.from(ca),
        clientCertPair: { crt: Buffer.from(cert), key: Buffer.from(key) },
        serverNameOverride: 'temporal.internal',
      },
    });
  });

  it('takes the same certificates inline as PEM text', () => {
    expect(optionsFrom({ TEMPORAL_TLS_CERT: cert, TEMPORAL_TLS_KEY: key }).tls).toEqual({
      clientCertPair: { crt: Buffer.from(cert), key: Buffer.from(key) },
    });
  });

  it('sends an API key over TLS with the system CAs (Temporal Cloud), or without TLS only when told', () => {
    expect(optionsFrom({ TEMPORAL_API_KEY: 'tcld-key' })).toEqual({
      address: 'ns.acct.tmprl.cloud:7233',
      tls: {},
      apiKey: 'tcld-key',
    });
    expect(optionsFrom({ TEMPORAL_API_KEY: 'tcld-key', TEMPORAL_TLS: 'false' }).tls).toBe(false);
    expect(optionsFrom({ TEMPORAL_TLS: 'true' }).tls).toEqual({});
  });

  it('stops at start with a message naming the variable: missing file, not PEM, half a key pair, TLS off with TLS settings', () => {
    expect(configError({ TEMPORAL_TLS_CA: join(dir, 'missing.pem') })).toMatch(
      /TEMPORAL_TLS_CA: cannot read ".*missing\.pem" \(ENOENT\)/,
    );
    expect(configError({ TEMPORAL_TLS_CERT: file('garbage.pem', 'not a certificate') })).toMatch(
      /TEMPORAL_TLS_CERT: is not PEM/,
    );
    expect(configError({ TEMPORAL_TLS_CERT: cert })).toMatch(/TEMPORAL_TLS_KEY: mTLS needs both/);
    expect(configError({ TEMPORAL_TLS_KEY: key })).toMatch(/TEMPORAL_TLS_CERT: mTLS needs both/);
    expect(configError({ TEMPORAL_TLS: 'false', TEMPORAL_TLS_CA: ca })).toMatch(
      /TEMPORAL_TLS: is false but TEMPORAL_TLS_CA is set/,
    );
  });

  it('validates the codec endpoint CORS origins', () => {
    expect(
      loadConfig({ TEMPORAL_CODEC_CORS_ORIGINS: 'https://temporal.example.com, http://127.0.0.1:8233/' }).codecServer,
    ).toEqual({ corsOrigins: ['https://temporal.example.com', 'http://127.0.0.1:8233'] });
    expect(configError({ TEMPORAL_CODEC_CORS_ORIGINS: 'https://temporal.example.com/ui' })).toMatch(
      /TEMPORAL_CODEC_CORS_ORIGINS.*must be an origin/,
    );
  });
});
