import { Connection } from '@temporalio/client';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect as connectTcp } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createServer as createTlsServer, type Server as TlsServer, type TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { temporalConnectionOptions } from '../../src/lib/temporal-transport.js';
import { eventually } from '../support/eventually.js';
import { startHarness, type Harness } from '../support/harness.js';

const runFile = promisify(execFile);

/** A test CA, a server certificate valid for `temporal.test` only, and a client certificate (openssl). */
function makeCertificates(dir: string) {
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const newKey = (name: string) =>
    openssl('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', `${name}.key`);
  newKey('ca');
  openssl('req', '-x509', '-new', '-key', 'ca.key', '-subj', '/CN=convo-pilot test CA', '-days', '2', '-out', 'ca.pem');
  const signedByCa = (name: string, subject: string, extensions: string) => {
    newKey(name);
    openssl('req', '-new', '-key', `${name}.key`, '-subj', subject, '-out', `${name}.csr`);
    writeFileSync(join(dir, `${name}.ext`), `${extensions}\n`);
    const signing = ['-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2'];
    openssl('x509', '-req', '-in', `${name}.csr`, ...signing, '-extfile', `${name}.ext`, '-out', `${name}.pem`);
  };
  signedByCa('server', '/CN=temporal.test', 'subjectAltName=DNS:temporal.test');
  signedByCa('client', '/CN=convo-pilot', 'extendedKeyUsage=clientAuth');
  const path = (file: string) => join(dir, file);
  return {
    ca: path('ca.pem'),
    serverCert: path('server.pem'),
    serverKey: path('server.key'),
    clientCert: path('client.pem'),
    clientKey: path('client.key'),
  };
}

/**
 * A secured Temporal: TLS in front of the test stack's dev server (which has no TLS of its own),
 * requiring a client certificate signed by the test CA, as a self-hosted cluster with mTLS does.
 */
async function startMtlsFrontend(upstream: string, certificates: ReturnType<typeof makeCertificates>) {
  const [upstreamHost, upstreamPort] = upstream.split(':');
  const clients: string[] = [];
  const server: TlsServer = createTlsServer(
    {
      cert: readFileSync(certificates.serverCert),
      key: readFileSync(certificates.serverKey),
      ca: readFileSync(certificates.ca),
      requestCert: true,
      rejectUnauthorized: true,
      ALPNProtocols: ['h2'],
    },
    (socket: TLSSocket) => {
      clients.push(String(socket.getPeerCertificate().subject.CN));
      const backend = connectTcp(Number(upstreamPort), upstreamHost);
      socket.pipe(backend).pipe(socket);
      const close = () => {
        socket.destroy();
        backend.destroy();
      };
      socket.once('error', close).once('close', close);
      backend.once('error', close).once('close', close);
    },
  );
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const port = (server.address() as { port: number }).port;
  return { address: `127.0.0.1:${port}`, clients, close: () => new Promise((done) => server.close(done)) };
}

describe('Temporal over mTLS (TEMPORAL_TLS_*)', () => {
  let dir: string;
  let certificates: ReturnType<typeof makeCertificates>;
  let frontend: Awaited<ReturnType<typeof startMtlsFrontend>>;
  let h: Harness;
  let tlsEnv: Record<string, string>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'temporal-mtls-'));
    certificates = makeCertificates(dir);
    frontend = await startMtlsFrontend(inject('stack').temporalAddress, certificates);
    tlsEnv = {
      TEMPORAL_ADDRESS: frontend.address,
      TEMPORAL_TLS_CA: certificates.ca,
      TEMPORAL_TLS_CERT: certificates.clientCert,
      TEMPORAL_TLS_KEY: certificates.clientKey,
      // The certificate names temporal.test, not the address connected to.
      TEMPORAL_TLS_SERVER_NAME: 'temporal.test',
    };
    h = await startHarness(tlsEnv);
  });
  afterAll(async () => {
    await h?.close();
    await frontend?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs a conversation turn with the API and the worker both connected through mTLS', async () => {
    const account = await h.createChannelAccount();
    h.llm.script({ reply: 'Hello over TLS.' });
    const accepted = await h.inbound(account.id, { message_id: 'wamid.tls-1', from: { id: '4930111' }, text: 'Hi' });
    expect(accepted.status).toBe(202);
    await eventually(() => h.hook.sends().length === 1, { what: 'the reply' });
    expect(h.hook.sends()[0]!.message.text).toBe('Hello over TLS.');
    // The API's client connection and the worker's native connection, each with the client certificate.
    expect(frontend.clients.length).toBeGreaterThanOrEqual(2);
    expect(new Set(frontend.clients)).toEqual(new Set(['convo-pilot']));
  });

  it('and the admin CLI through the same settings', async () => {
    // Asynchronously: the TLS frontend runs in this process and must keep serving meanwhile.
    const { stdout, stderr } = await runFile(
      process.execPath,
      ['--import', 'tsx', resolve('src/admin-cli.ts'), 'register-search-attributes'],
      { env: { ...process.env, ...tlsEnv }, timeout: 120_000 },
    );
    expect(stderr).toBe('');
    expect(stdout).toMatch(/search attributes already registered|registered:/);
  });

  it('cannot connect without the client certificate, or when the server name does not match', async () => {
    const attempt = (env: Record<string, string>) =>
      Connection.connect({
        ...temporalConnectionOptions(loadConfig(env).temporal),
        connectTimeout: '3 seconds',
      }).then((connection) => connection.close());
    const without = (...names: string[]) =>
      Object.fromEntries(Object.entries(tlsEnv).filter(([name]) => !names.includes(name)));
    await expect(attempt(without('TEMPORAL_TLS_CERT', 'TEMPORAL_TLS_KEY'))).rejects.toThrow();
    await expect(attempt(without('TEMPORAL_TLS_SERVER_NAME'))).rejects.toThrow();
  });
});
