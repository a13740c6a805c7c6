import type { Context, Middleware } from 'koa';
import { ServiceError } from '../domain/errors.js';
import type { Logger } from '../lib/logger.js';

/**
 * Each API surface keeps the error body its documentation promises. A surface claims a path prefix;
 * the error middleware renders every failure under that prefix, including unknown routes, its way.
 */
export interface ErrorSurface {
  pathPrefix: string;
  /** How this surface classifies a failure, when its documentation differs (e.g. 422 for an invalid body). */
  adapt?(error: ServiceError): ServiceError;
  render(error: ServiceError): unknown;
}

/** convo-pilot's own `/v1` API (and the default): `{ "error": { "code", "message", "details" } }`. */
export const v1Surface: ErrorSurface = {
  pathPrefix: '/',
  render: (error) => ({
    error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) },
  }),
};

const clientErrorCodes: Record<number, string> = {
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

function asServiceError(error: unknown): ServiceError {
  if (error instanceof ServiceError) return error;
  // Errors Koa and its middleware raise for the client's request (malformed JSON, payload too large).
  const status = (error as { status?: unknown }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new ServiceError(status, clientErrorCodes[status] ?? 'bad_request', (error as Error).message);
  }
  return new ServiceError(500, 'internal_error', 'Unexpected error occurred');
}

/**
 * The router's answer to a method a path does not have: 405, or 501 for a method it does not know
 * at all (TRACE, …), which for a client is the same mistake. Either way 405 with the `Allow` header
 * the router set (RFC 9110).
 */
function methodNotAllowed(ctx: Context): ServiceError | null {
  if ((ctx.status !== 405 && ctx.status !== 501) || ctx.body !== undefined) return null;
  return new ServiceError(405, 'method_not_allowed', 'Method Not Allowed', undefined, {
    allow: ctx.response.get('Allow'),
  });
}

/** First in the chain: every failure becomes its surface's documented body; no stack trace leaves. */
export function errorHandler(surfaces: ErrorSurface[], logger: Logger): Middleware {
  const bySpecificity = [...surfaces].sort((a, b) => b.pathPrefix.length - a.pathPrefix.length);
  return async (ctx, next) => {
    try {
      await next();
      const wrongMethod = methodNotAllowed(ctx);
      if (wrongMethod) throw wrongMethod;
      if (ctx.status === 404 && ctx.body === undefined) {
        throw new ServiceError(404, 'not_found', `No route for ${ctx.method} ${ctx.path}`);
      }
    } catch (error) {
      const surface = bySpecificity.find((s) => ctx.path.startsWith(s.pathPrefix)) ?? v1Surface;
      const raised = asServiceError(error);
      const httpError = surface.adapt?.(raised) ?? raised;
      if (httpError.status >= 500) {
        logger.error(
          { err: httpError.cause ?? error, method: ctx.method, path: ctx.path, ip: ctx.ip },
          'request failed',
        );
      }
      ctx.status = httpError.status;
      ctx.set(httpError.headers);
      ctx.body = surface.render(httpError);
    }
  };
}
