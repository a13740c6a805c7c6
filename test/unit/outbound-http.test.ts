import { describe, expect, it } from 'vitest';
import { checkHookUrl, postSigned } from '../../src/lib/outbound-http.js';

describe('outbound hook URL guard', () => {
  it.each([
    'http://127.0.0.1:4000/hook',
    'http://localhost/hook',
    'http://10.1.2.3/hook',
    'http://192.168.0.10/hook',
    'http://172.20.0.1/hook',
    'http://169.254.169.254/latest/meta-data',
    'http://[::1]/hook',
    'http://[fd00::1]/hook',
    'http://[::ffff:127.0.0.1]/hook',
  ])('refuses %s outside development', async (url) => {
    expect(await checkHookUrl(url, false)).toMatch(/private address/);
  });

  it('accepts a public address, and private ones when allowed', async () => {
    expect(await checkHookUrl('https://93.184.215.14/hook', false)).toBeNull();
    expect(await checkHookUrl('http://127.0.0.1:4000/hook', true)).toBeNull();
  });

  it('refuses other schemes and embedded credentials', async () => {
    expect(await checkHookUrl('ftp://example.com/x', true)).toMatch(/http/);
    expect(await checkHookUrl('https://user:pw@example.com/x', true)).toMatch(/credentials/);
  });

  it('does not send to a private address at delivery time either', async () => {
    await expect(
      postSigned(
        { url: 'http://127.0.0.1:9/hook', secret: 'whsec_dGVzdHRlc3R0ZXN0dGVzdA==', deliveryId: 'd1', payload: {} },
        { timeoutMs: 1000, allowPrivateNetwork: false },
      ),
    ).rejects.toThrow(/private address/);
  });
});
