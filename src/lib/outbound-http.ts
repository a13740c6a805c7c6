import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { badRequest } from '../domain/errors.js';

/** Addresses an outbound hook must not reach in production: loopback, private, link-local, CGNAT, ULA. */
const privateNetworks = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const) {
  privateNetworks.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::1', 128],
  ['::', 128],
  ['fc00::', 7],
  ['fe80::', 10],
] as const) {
  privateNetworks.addSubnet(network, prefix, 'ipv6');
}

export class OutboundTargetRefused extends Error {}

/** The IPv4 address inside an IPv4-mapped IPv6 one (`::ffff:127.0.0.1`, which URLs write `::ffff:7f00:1`). */
function mappedIpv4(address: string): string | null {
  const match = /^::ffff:(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(address);
  if (!match) return null;
  if (match[1]) return match[1];
  const high = parseInt(match[2]!, 16);
  const low = parseInt(match[3]!, 16);
  return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
}

function isPrivateAddress(address: string, family: number): boolean {
  const ipv4 = family === 4 ? address : mappedIpv4(address);
  return ipv4 ? privateNetworks.check(ipv4, 'ipv4') : privateNetworks.check(address, 'ipv6');
}

async function assertPublicTarget(url: URL): Promise<void> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await lookup(host, { all: true });
  for (const { address, family } of addresses) {
    if (isPrivateAddress(address, family)) {
      throw new OutboundTargetRefused(`${url.host} resolves to a private address (${address})`);
    }
  }
}

export interface SignedPost {
  url: string;
  /** Standard Webhooks secret (`whsec_…`). */
  secret: string;
  /** `webhook-id`: identical on every retry of the same delivery, so receivers can deduplicate. */
  deliveryId: string;
  payload: unknown;
  method?: 'POST' | 'PUT' | 'PATCH';
  headers?: Record<string, string>;
}

export interface OutboundPolicy {
  timeoutMs: number;
  allowPrivateNetwork: boolean;
}

export interface OutboundResponse {
  status: number;
  body: string;
}

/** Sends JSON signed the Standard Webhooks way (webhook-id, webhook-timestamp, webhook-signature). */
export async function postSigned(request: SignedPost, policy: OutboundPolicy): Promise<OutboundResponse> {
  const url = new URL(request.url);
  if (!policy.allowPrivateNetwork) await assertPublicTarget(url);
  const body = JSON.stringify(request.payload);
  const timestamp = new Date();
  const signature = new Webhook(request.secret).sign(request.deliveryId, timestamp, body);
  const response = await fetch(url, {
    method: request.method ?? 'POST',
    headers: {
      ...request.headers,
      'content-type': 'application/json',
      'user-agent': 'convo-pilot',
      'idempotency-key': request.deliveryId,
      'webhook-id': request.deliveryId,
      'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
      'webhook-signature': signature,
    },
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(policy.timeoutMs),
  });
  return { status: response.status, body: await response.text() };
}

export function generateSigningSecret(): string {
  return `whsec_${Buffer.from(crypto.getRandomValues(new Uint8Array(24))).toString('base64')}`;
}

/**
 * Validates an outbound target (hook, webhook, provider URL) when it is configured, as a 400 naming
 * the body field; the same guard runs again at send time, which catches DNS changes.
 */
export async function assertOutboundTarget(raw: string, allowPrivateNetwork: boolean, field: string): Promise<void> {
  const problem = await checkHookUrl(raw, allowPrivateNetwork);
  if (problem) throw badRequest('Invalid request body', [{ in: 'request body', path: field, message: problem }]);
}

/** What is wrong with an outbound URL, or null. */
export async function checkHookUrl(raw: string, allowPrivateNetwork: boolean): Promise<string | null> {
  const url = new URL(raw);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an http(s) URL';
  if (url.username || url.password) return 'must not carry credentials; use the signature to authenticate';
  if (allowPrivateNetwork) return null;
  try {
    await assertPublicTarget(url);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : 'cannot be resolved';
  }
}
