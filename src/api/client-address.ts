import type { Middleware } from 'koa';
import type { TrustedProxies } from '../lib/trusted-proxies.js';

const forwardingHeaders = ['x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-host'];

/**
 * First in the chain: `ctx.ip` (rate limits, logs, the audit log) is the connecting peer, or, when
 * the peer is a trusted proxy, the client it forwards for. Forwarding headers from anyone else are
 * dropped, so neither `ctx.ip` nor `ctx.protocol`/`ctx.host` can be spoofed by a client.
 */
export function clientAddress(proxies: TrustedProxies): Middleware {
  return (ctx, next) => {
    const peer = ctx.req.socket.remoteAddress ?? '';
    if (proxies.trusts(peer)) {
      ctx.request.ip = proxies.clientAddress(peer, ctx.get('x-forwarded-for'));
    } else {
      for (const header of forwardingHeaders) delete ctx.req.headers[header];
      ctx.request.ip = proxies.clientAddress(peer, undefined);
    }
    return next();
  };
}
