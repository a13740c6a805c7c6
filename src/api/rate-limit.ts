import type { Context } from 'koa';
import type { MongoClient } from 'mongodb';
import { RateLimiterMongo, RateLimiterRes } from 'rate-limiter-flexible';
import { ServiceError } from '../domain/errors.js';
import { RATE_LIMITS_COLLECTION } from '../store/database.js';

export interface RateLimit {
  /** Names the counter (one per route). */
  name: string;
  points: number;
  durationSeconds: number;
}

/**
 * Request limits shared by every API process: counters live in MongoDB (rate-limiter-flexible),
 * keyed by route and organization. Every answer of a limited route carries `X-RateLimit-Limit` and
 * `X-RateLimit-Remaining`; past the limit it is 429 with `Retry-After` (seconds).
 */
export class RateLimits {
  private readonly limiters = new Map<string, RateLimiterMongo>();

  constructor(
    private readonly mongo: MongoClient,
    private readonly dbName: string,
  ) {}

  async consume(ctx: Context, limit: RateLimit, key: string): Promise<void> {
    try {
      const result = await this.limiter(limit).consume(key);
      this.setHeaders(ctx, limit, result);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      this.setHeaders(ctx, limit, rejection);
      const retryAfter = String(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
      throw new ServiceError(429, 'too_many_requests', 'Too Many Requests', undefined, { 'retry-after': retryAfter });
    }
  }

  private setHeaders(ctx: Context, limit: RateLimit, result: RateLimiterRes): void {
    ctx.set('x-ratelimit-limit', String(limit.points));
    ctx.set('x-ratelimit-remaining', String(Math.max(0, result.remainingPoints)));
  }

  private limiter(limit: RateLimit): RateLimiterMongo {
    let limiter = this.limiters.get(limit.name);
    if (!limiter) {
      limiter = new RateLimiterMongo({
        storeClient: this.mongo,
        dbName: this.dbName,
        tableName: RATE_LIMITS_COLLECTION,
        // ensureIndexes creates them once (the TTL one only where the server supports it).
        disableIndexesCreation: true,
        keyPrefix: limit.name,
        points: limit.points,
        duration: limit.durationSeconds,
      });
      this.limiters.set(limit.name, limiter);
    }
    return limiter;
  }
}
