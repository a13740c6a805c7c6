import type { MongoClient } from 'mongodb';
import { RateLimiterMongo, type RateLimiterRes } from 'rate-limiter-flexible';
import { RATE_LIMITS_COLLECTION } from './database.js';

/** A named limit: `points` requests per `durationSeconds`, per counter key. */
export interface RateLimitCounter {
  name: string;
  points: number;
  durationSeconds: number;
}

/**
 * The request counters every API process shares, in MongoDB (rate-limiter-flexible's layout in
 * `rate_limits`): one limiter per named limit, keyed by who is counted.
 */
export class RateLimitCounters {
  private readonly limiters = new Map<string, RateLimiterMongo>();

  constructor(
    private readonly mongo: MongoClient,
    private readonly dbName: string,
  ) {}

  /** Counts one request; rejects with the limiter's `RateLimiterRes` once the limit is exhausted. */
  consume(limit: RateLimitCounter, key: string): Promise<RateLimiterRes> {
    return this.limiter(limit).consume(key);
  }

  private limiter(limit: RateLimitCounter): RateLimiterMongo {
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
