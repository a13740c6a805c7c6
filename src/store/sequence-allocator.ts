import { isDuplicateKeyError, type Collections } from './database.js';

interface Waiter {
  resolve(value: number): void;
  reject(error: unknown): void;
}

/**
 * Hands out per-organization numbers (contact #1, #2, …; conversation #1, #2, …) from the counters
 * collection. Callers in this process asking for the same counter while an increment is in flight
 * wait and are then served together by one `$inc` of their count: one round trip per batch, and no
 * two callers of this process ever race on a counter. That matters on FerretDB 1.24, whose `$inc` is
 * not atomic (a burst of new contacts got the same numbers); on MongoDB it is, and callers in other
 * processes are covered by the unique number index and `insertUnlessExists`' retry.
 */
export class SequenceAllocator {
  /** Per counter: the callers waiting for the increment after the one in flight. */
  private readonly waiting = new Map<string, Waiter[]>();

  constructor(private readonly counters: Collections['counters']) {}

  next(name: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const queue = this.waiting.get(name);
      if (queue) {
        queue.push({ resolve, reject });
        return;
      }
      this.waiting.set(name, [{ resolve, reject }]);
      void this.drain(name);
    });
  }

  private async drain(name: string): Promise<void> {
    for (;;) {
      const batch = this.waiting.get(name)!;
      if (batch.length === 0) {
        this.waiting.delete(name);
        return;
      }
      this.waiting.set(name, []);
      try {
        const last = await this.increment(name, batch.length);
        batch.forEach((waiter, index) => waiter.resolve(last - batch.length + 1 + index));
      } catch (error) {
        batch.forEach((waiter) => waiter.reject(error));
      }
    }
  }

  /** Adds `count` to the counter and returns its new value. Two first upserts can race; the loser increments. */
  private async increment(name: string, count: number): Promise<number> {
    const increment = () =>
      this.counters.findOneAndUpdate(
        { _id: name },
        { $inc: { seq: count } },
        { upsert: true, returnDocument: 'after' },
      );
    const counter = await increment().catch((error: unknown) => {
      if (!isDuplicateKeyError(error)) throw error;
      return increment();
    });
    return counter!.seq;
  }
}
