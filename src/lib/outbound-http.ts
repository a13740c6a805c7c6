import type { LookupAddress } from 'node:dns';
import { lookup as lookupHost } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { Webhook } from 'standardwebhooks';
import { Agent, fetch as undiciFetch } from 'undici';

export class OutboundTargetRefused extends Error {}

/** IPv6 global unicast (RFC 4291); the special ranges inside it (6to4, Teredo, documentation, …) are refused below. */
const ipv6GlobalUnicast = ipaddr.parseCIDR('2000::/3');

/**
 * Whether an outbound request may reach this address: global unicast only. Everything else is
 * refused without listing it (loopback, private, link-local, CGNAT, multicast, reserved, benchmarking,
 * NAT64 `64:ff9b::/96`, 6to4 `2002::/16`, …); an IPv4-mapped IPv6 address is judged as its IPv4 one.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv4') return parsed.range() === 'unicast';
  const ipv6 = parsed as ipaddr.IPv6;
  if (ipv6.isIPv4MappedAddress()) return ipv6.toIPv4Address().range() === 'unicast';
  return ipv6.match(ipv6GlobalUnicast) && ipv6.range() === 'unicast';
}

/** Resolves a host name to all its addresses (injectable: the DNS-rebinding test answers differently each time). */
export type ResolveHost = (hostname: string) => Promise<LookupAddress[]>;
const resolveWithSystemDns: ResolveHost = (hostname) => lookupHost(hostname, { all: true });

const withoutBrackets = (host: string) => host.replace(/^\[|\]$/g, '');

function assertPublicAddresses(host: string, addresses: LookupAddress[]): void {
  // The resolved address is not named: it may describe the service's internal network.
  if (addresses.some(({ address }) => !isPublicAddress(address))) {
    throw new OutboundTargetRefused(`${host} resolves to a private address`);
  }
}

async function assertPublicTarget(url: URL, resolve: ResolveHost = resolveWithSystemDns): Promise<void> {
  const host = withoutBrackets(url.hostname);
  assertPublicAddresses(url.host, isIP(host) ? [{ address: host, family: isIP(host) }] : await resolve(host));
}

/**
 * The `lookup` the socket connects with: the addresses checked are the addresses connected to, so a
 * name that resolved to a public address when it was saved (or a moment ago) and to 127.0.0.1 now
 * is refused (DNS rebinding).
 */
function publicOnlyLookup(resolve: ResolveHost): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname)
      .then((addresses) => {
        assertPublicAddresses(hostname, addresses);
        const usable = options.family ? addresses.filter(({ family }) => family === options.family) : addresses;
        const first = usable[0];
        if (!first) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
        if (options.all) callback(null, usable);
        else callback(null, first.address, first.family);
      })
      .catch((error: NodeJS.ErrnoException) => callback(error, ''));
  };
}

/** A dispatcher whose sockets connect only to public addresses (see `publicOnlyLookup`). */
const publicOnlyAgent = (resolve: ResolveHost) => new Agent({ connect: { lookup: publicOnlyLookup(resolve) } });

/** net.connect does not call `lookup` for an address literal: such a URL is checked before any request. */
function assertPublicLiteral(url: URL): void {
  const host = withoutBrackets(url.hostname);
  if (isIP(host) && !isPublicAddress(host)) throw new OutboundTargetRefused(`${url.host} is a private address`);
}

/** The refusal behind a failed fetch (`fetch failed` wraps the connector's error as its cause). */
function refusalIn(error: unknown): OutboundTargetRefused | null {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if (cause instanceof OutboundTargetRefused) return cause;
  }
  return null;
}

export interface OutboundGuard {
  /** Loopback and private targets are allowed (local development and tests opt in). */
  allowPrivateNetwork: boolean;
  resolve?: ResolveHost;
}

let sharedAgents: { guarded: Agent; open: Agent } | undefined;

/**
 * `fetch` for every request to a URL someone configured (hooks, webhooks, calendars, LLM providers):
 * redirects are never followed (a 3xx is the answer), and unless private targets are allowed, the
 * address actually connected to must be public. A refusal rejects with `OutboundTargetRefused`.
 */
export function outboundFetch(guard: OutboundGuard): typeof fetch {
  sharedAgents ??= { guarded: publicOnlyAgent(resolveWithSystemDns), open: new Agent() };
  const dispatcher = guard.allowPrivateNetwork
    ? sharedAgents.open
    : guard.resolve
      ? publicOnlyAgent(guard.resolve)
      : sharedAgents.guarded;
  const guardedFetch = async (input: string | URL | Request, init?: RequestInit) => {
    if (!guard.allowPrivateNetwork) assertPublicLiteral(new URL(input instanceof Request ? input.url : input));
    try {
      return await undiciFetch(input as Parameters<typeof undiciFetch>[0], {
        ...(init as Parameters<typeof undiciFetch>[1]),
        redirect: 'manual',
        dispatcher,
      });
    } catch (error) {
      throw refusalIn(error) ?? error;
    }
  };
  return guardedFetch;
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
  /** For the caller to read; never echoed into an error, a log line or a delivery record. */
  body: string;
}

/** Sends JSON signed the Standard Webhooks way (webhook-id, webhook-timestamp, webhook-signature). */
export async function postSigned(
  request: SignedPost,
  policy: OutboundPolicy & Pick<OutboundGuard, 'resolve'>,
): Promise<OutboundResponse> {
  const body = JSON.stringify(request.payload);
  const timestamp = new Date();
  const signature = new Webhook(request.secret).sign(request.deliveryId, timestamp, body);
  const response = await outboundFetch(policy)(request.url, {
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
    signal: AbortSignal.timeout(policy.timeoutMs),
  });
  return { status: response.status, body: await response.text() };
}

export function generateSigningSecret(): string {
  return `whsec_${Buffer.from(crypto.getRandomValues(new Uint8Array(24))).toString('base64')}`;
}

/** What is wrong with an outbound URL, or null. */
export async function checkHookUrl(
  raw: string,
  allowPrivateNetwork: boolean,
  resolve?: ResolveHost,
): Promise<string | null> {
  const url = new URL(raw);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an http(s) URL';
  if (url.username || url.password) return 'must not carry credentials; use the signature to authenticate';
  if (allowPrivateNetwork) return null;
  try {
    await assertPublicTarget(url, resolve);
    return null;
  } catch (error) {
    return error instanceof OutboundTargetRefused ? error.message : `${url.host} cannot be resolved`;
  }
}
