import { BlockList, isIP } from 'node:net';

/**
 * The reverse proxies (load balancers) whose `X-Forwarded-For` is believed: `TRUSTED_PROXIES`, a
 * comma-separated list of addresses and CIDR ranges. Anyone else could write any address there.
 */
export class TrustedProxies {
  private readonly ranges = new BlockList();
  readonly configured: boolean;

  constructor(spec: string | undefined) {
    const entries = (spec ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    for (const entry of entries) {
      const [address = '', prefixText] = entry.split('/');
      const family = isIP(address);
      const prefix = prefixText === undefined ? (family === 6 ? 128 : 32) : Number(prefixText);
      if (!family || !Number.isInteger(prefix) || prefix < 0 || prefix > (family === 6 ? 128 : 32)) {
        throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range`);
      }
      this.ranges.addSubnet(address, prefix, family === 6 ? 'ipv6' : 'ipv4');
    }
    this.configured = entries.length > 0;
  }

  trusts(address: string): boolean {
    const plain = unmapIpv4(address);
    const family = isIP(plain);
    return family !== 0 && this.ranges.check(plain, family === 6 ? 'ipv6' : 'ipv4');
  }

  /**
   * The client's address: the peer itself unless it is a trusted proxy; then `X-Forwarded-For` read
   * from the right (each proxy appends the address it saw), skipping trusted proxies, up to the
   * first address a trusted proxy did not vouch for. Entries further left were written by the client.
   */
  clientAddress(peer: string, forwardedFor: string | undefined): string {
    const chain = [...(forwardedFor ?? '').split(','), peer].map((hop) => unmapIpv4(hop.trim())).filter(Boolean);
    for (let index = chain.length - 1; index > 0; index -= 1) {
      const hop = chain[index]!;
      if (!this.trusts(hop)) return hop;
      if (!isIP(chain[index - 1]!)) return hop;
    }
    return chain[0] ?? unmapIpv4(peer);
  }
}

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) → `10.0.0.1`. */
function unmapIpv4(address: string): string {
  const match = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return match ? match[1]! : address;
}
