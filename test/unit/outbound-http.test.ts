import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkHookUrl,
  isPublicAddress,
  OutboundTargetRefused,
  postSigned,
  type ResolveHost,
} from '../../src/lib/outbound-http.js';
import { sendJson, startRecordingServer } from '../support/recording-server.js';

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

describe('outbound guard: global unicast only, checked on the address connected to', () => {
  it.each([
    ['NAT64 64:ff9b::/96', 'http://[64:ff9b::7f00:1]/hook'],
    ['local-use NAT64 64:ff9b:1::/48', 'http://[64:ff9b:1::a00:1]/hook'],
    ['6to4 2002::/16', 'http://[2002:7f00:1::1]/hook'],
    ['Teredo 2001::/32', 'http://[2001::1]/hook'],
    ['IPv6 documentation 2001:db8::/32', 'http://[2001:db8::1]/hook'],
    ['IPv6 multicast', 'http://[ff02::1]/hook'],
    ['IPv6 link-local', 'http://[fe80::1]/hook'],
    ['IPv4-compatible IPv6 (outside 2000::/3)', 'http://[::7f00:1]/hook'],
    ['IPv4-mapped private', 'http://[::ffff:10.0.0.1]/hook'],
    ['IPv4-mapped loopback (hex form)', 'http://[::ffff:7f00:1]/hook'],
    ['benchmarking 198.18.0.0/15', 'http://198.19.255.1/hook'],
    ['multicast 224.0.0.0/4', 'http://224.0.0.251/hook'],
    ['reserved 240.0.0.0/4', 'http://240.0.0.1/hook'],
    ['broadcast', 'http://255.255.255.255/hook'],
    ['CGNAT 100.64.0.0/10', 'http://100.64.0.1/hook'],
    ['this network 0.0.0.0/8', 'http://0.0.0.0/hook'],
    ['IETF protocol assignments 192.0.0.0/24', 'http://192.0.0.8/hook'],
    ['TEST-NET-3', 'http://203.0.113.5/hook'],
  ])('refuses %s', async (_range, url) => {
    expect(await checkHookUrl(url, false)).toMatch(/private address/);
  });

  it.each(['8.8.8.8', '93.184.215.14', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    'accepts the global unicast address %s',
    (address) => expect(isPublicAddress(address)).toBe(true),
  );

  it('refuses a host name whose answer holds one private address among public ones', async () => {
    const resolve: ResolveHost = () =>
      Promise.resolve([
        { address: '93.184.215.14', family: 4 },
        { address: '10.0.0.7', family: 4 },
      ]);
    expect(await checkHookUrl('https://mixed.example/hook', false, resolve)).toMatch(/private address/);
  });

  describe('against a live receiver', () => {
    let receiver: Awaited<ReturnType<typeof startRecordingServer>>;
    let elsewhere: Awaited<ReturnType<typeof startRecordingServer>>;
    const post = (url: string, policy: Parameters<typeof postSigned>[1]) =>
      postSigned({ url, secret: 'whsec_dGVzdHRlc3R0ZXN0dGVzdA==', deliveryId: 'd1', payload: { n: 1 } }, policy);

    beforeAll(async () => {
      elsewhere = await startRecordingServer((_request, response) => sendJson(response, 200, { leaked: true }));
      receiver = await startRecordingServer((_request, response) => {
        response.writeHead(302, { location: `${elsewhere.url}/internal` });
        response.end();
      });
    });
    afterAll(async () => {
      await receiver.close();
      await elsewhere.close();
    });

    it('DNS rebinding: a name that was public when saved and is 127.0.0.1 at connect time is refused', async () => {
      const answers = ['93.184.215.14', '127.0.0.1'];
      const resolve: ResolveHost = () => Promise.resolve([{ address: answers.shift() ?? '127.0.0.1', family: 4 }]);
      const port = new URL(receiver.url).port;
      const url = `http://rebind.example:${port}/hook`;
      expect(await checkHookUrl(url, false, resolve)).toBeNull();
      await expect(post(url, { timeoutMs: 2000, allowPrivateNetwork: false, resolve })).rejects.toBeInstanceOf(
        OutboundTargetRefused,
      );
      expect(answers).toEqual([]);
      expect(receiver.requests).toHaveLength(0);
    });

    it('a redirect is the answer, never followed (even where private targets are allowed)', async () => {
      const response = await post(`${receiver.url}/hook`, { timeoutMs: 2000, allowPrivateNetwork: true });
      expect(response.status).toBe(302);
      expect(receiver.requests).toHaveLength(1);
      expect(elsewhere.requests).toHaveLength(0);
    });
  });
});
