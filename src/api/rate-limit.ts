import type { Context } from 'koa';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { ServiceError } from '../domain/errors.js';
import type { RateLimitCounters } from '../store/rate-limit-counters.js';

export interface RateLimit {
  /** Names the counter (one per route and scope). */
  name: string;
  points: number;
  durationSeconds: number;
  /** Whose requests share a counter: the whole organization's, or one channel account's. */
  per: 'organization' | 'channelAccount';
}

/** How a route is limited: each limit counts every request; the first one exhausted refuses it. */
export interface RouteRateLimit {
  limits: RateLimit[];
  /** Every answer carries `X-RateLimit-Limit` / `X-RateLimit-Remaining` (where the surface documents them). */
  headers: boolean;
}

/** Who is counted: the organization, and the channel account the request acts for, when it names one. */
export interface RateLimitSubject {
  organizationId: string;
  channelAccountId: string | null;
}

/**
 * Request limits shared by every API process: counters live in MongoDB (rate-limiter-flexible),
 * keyed by limit and organization (or channel account). The more specific limits are counted first,
 * so an account over its own limit is refused without spending its organization's points. Past a
 * limit it is 429 with `Retry-After` (seconds), rendered in the route's surface.
 */
export class RateLimits {
  constructor(private readonly counters: RateLimitCounters) {}

  async consume(ctx: Context, { limits, headers }: RouteRateLimit, subject: RateLimitSubject): Promise<void> {
    const counted: { limit: RateLimit; result: RateLimiterRes }[] = [];
    const bySpecificity = [...limits].sort((a, b) => (a.per === b.per ? 0 : a.per === 'channelAccount' ? -1 : 1));
    for (const limit of bySpecificity) {
      const key = counterKey(limit, subject);
      if (key === null) continue;
      try {
        counted.push({ limit, result: await this.counters.consume(limit, key) });
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        if (headers) setHeaders(ctx, limit, rejection);
        const retryAfter = String(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
        throw new ServiceError(429, 'too_many_requests', 'Too Many Requests', undefined, { 'retry-after': retryAfter });
      }
    }
    // The headers speak of the limit closest to being reached.
    const tightest = counted.sort((a, b) => a.result.remainingPoints - b.result.remainingPoints)[0];
    if (headers && tightest) setHeaders(ctx, tightest.limit, tightest.result);
  }
}

/** The organization's counter, or one of its accounts' (null: the request names no account). */
function counterKey(limit: RateLimit, { organizationId, channelAccountId }: RateLimitSubject): string | null {
  if (limit.per === 'organization') return organizationId;
  return channelAccountId === null ? null : `${organizationId}:${channelAccountId}`;
}

function setHeaders(ctx: Context, limit: RateLimit, result: RateLimiterRes): void {
  ctx.set('x-ratelimit-limit', String(limit.points));
  ctx.set('x-ratelimit-remaining', String(Math.max(0, result.remainingPoints)));
}
