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
 * keyed by limit and organization (or channel account). A route's limits are counted at once (one
 * round trip); a request one of them refuses gives back what the others counted, so an account over
 * its own limit spends none of its organization's points. Past a limit it is 429 with `Retry-After`
 * (seconds), rendered in the route's surface.
 */
export class RateLimits {
  constructor(private readonly counters: RateLimitCounters) {}

  async consume(ctx: Context, { limits, headers }: RouteRateLimit, subject: RateLimitSubject): Promise<void> {
    const counters = limits.flatMap((limit) => {
      const key = counterKey(limit, subject);
      return key === null ? [] : [{ limit, key }];
    });
    const outcomes = await Promise.allSettled(counters.map(({ limit, key }) => this.counters.consume(limit, key)));
    const counted: { limit: RateLimit; key: string; result: RateLimiterRes }[] = [];
    const refused: { limit: RateLimit; result: RateLimiterRes }[] = [];
    outcomes.forEach((outcome, i) => {
      const { limit, key } = counters[i]!;
      if (outcome.status === 'fulfilled') counted.push({ limit, key, result: outcome.value });
      else if (outcome.reason instanceof RateLimiterRes) refused.push({ limit, result: outcome.reason });
      else throw outcome.reason;
    });
    // The answer speaks of the most specific limit refused, else of the one closest to being reached.
    const [refusal] = refused.sort((a, b) => specificity(b.limit) - specificity(a.limit));
    if (refusal) {
      await Promise.all(counted.map(({ limit, key }) => this.counters.giveBack(limit, key)));
      if (headers) setHeaders(ctx, refusal.limit, refusal.result);
      const retryAfter = String(Math.max(1, Math.ceil(refusal.result.msBeforeNext / 1000)));
      throw new ServiceError(429, 'too_many_requests', 'Too Many Requests', undefined, { 'retry-after': retryAfter });
    }
    const [tightest] = counted.sort((a, b) => a.result.remainingPoints - b.result.remainingPoints);
    if (headers && tightest) setHeaders(ctx, tightest.limit, tightest.result);
  }
}

const specificity = (limit: RateLimit) => (limit.per === 'channelAccount' ? 1 : 0);

/** The organization's counter, or one of its accounts' (null: the request names no account). */
function counterKey(limit: RateLimit, { organizationId, channelAccountId }: RateLimitSubject): string | null {
  if (limit.per === 'organization') return organizationId;
  return channelAccountId === null ? null : `${organizationId}:${channelAccountId}`;
}

function setHeaders(ctx: Context, limit: RateLimit, result: RateLimiterRes): void {
  ctx.set('x-ratelimit-limit', String(limit.points));
  ctx.set('x-ratelimit-remaining', String(Math.max(0, result.remainingPoints)));
}
