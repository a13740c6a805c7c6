/** Days as daily limits count them: UTC, so every process and every organization agree. */

/** The UTC day a time falls in, `YYYY-MM-DD`: budgets reset at 00:00 UTC. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** When the next UTC day starts (a spent budget is available again). */
export function nextUtcDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() + 1));
}
