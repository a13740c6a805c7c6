import type { Middleware } from 'koa';
import { ServiceError } from '../domain/errors.js';

/**
 * Every route that takes a body reads JSON. A body in another type (`text/plain`, a form) is refused
 * with 415 in the surface's error shape before anything runs, instead of being parsed as nothing and
 * answered 200 with nothing changed. A request without a body is left to the route.
 */
export function requireJsonBodies(): Middleware {
  return async (ctx, next) => {
    // `is` answers null when there is no body at all, false when there is one of another type. An
    // empty body (`Content-Length: 0`, as clients send on a DELETE) is no body, whatever its type.
    const empty = ctx.request.length === 0;
    if (!empty && ctx.request.is('application/json', 'application/*+json') === false) {
      throw new ServiceError(
        415,
        'unsupported_media_type',
        `The body must be application/json (got ${ctx.request.type || 'no content type'})`,
      );
    }
    await next();
  };
}
