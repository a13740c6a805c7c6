import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { TrustedProxies } from '../../src/lib/trusted-proxies.js';

describe('TrustedProxies', () => {
  const proxies = new TrustedProxies('10.0.0.0/8, 192.0.2.10, fd00::/8');

  it('believes X-Forwarded-For only from a trusted peer, read from the right up to the first untrusted hop', () => {
    expect(proxies.clientAddress('203.0.113.9', '198.51.100.1')).toBe('203.0.113.9');
    expect(proxies.clientAddress('10.1.2.3', '198.51.100.1')).toBe('198.51.100.1');
    // The client wrote the leftmost entry itself; the proxies appended the rest.
    expect(proxies.clientAddress('10.1.2.3', '6.6.6.6, 198.51.100.1, 192.0.2.10')).toBe('198.51.100.1');
    expect(proxies.clientAddress('::ffff:10.1.2.3', '198.51.100.1')).toBe('198.51.100.1');
    expect(proxies.clientAddress('fd00::1', '2001:db8::5')).toBe('2001:db8::5');
    // Nothing forwarded, or garbage: the last address a trusted hop vouches for.
    expect(proxies.clientAddress('10.1.2.3', undefined)).toBe('10.1.2.3');
    expect(proxies.clientAddress('10.1.2.3', 'not-an-address')).toBe('10.1.2.3');
  });

  it('trusts nobody when unset', () => {
    const none = new TrustedProxies(undefined);
    expect(none.configured).toBe(false);
    expect(none.trusts('127.0.0.1')).toBe(false);
    expect(none.clientAddress('127.0.0.1', '198.51.100.1')).toBe('127.0.0.1');
  });

  it('refuses a malformed list at start-up, naming the entry', () => {
    expect(() => loadConfig({ TRUSTED_PROXIES: '10.0.0.0/33' })).toThrow(/TRUSTED_PROXIES.*10\.0\.0\.0\/33/s);
    expect(() => loadConfig({ TRUSTED_PROXIES: 'proxy.internal' })).toThrow(/proxy\.internal/);
    expect(loadConfig({ TRUSTED_PROXIES: '127.0.0.1' }).http.trustedProxies.trusts('127.0.0.1')).toBe(true);
  });
});
