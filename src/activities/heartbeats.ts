import { activityInfo, heartbeat } from '@temporalio/activity';

type AnyActivity = (...args: never[]) => Promise<unknown>;

/**
 * Makes every activity heartbeat while it runs, when its caller set a `heartbeatTimeout`. A worker
 * killed mid-activity then shows as a missed heartbeat within seconds, and the attempt is retried on
 * another worker, instead of after the whole start-to-close timeout (11 minutes for a provider call).
 */
export function withHeartbeats<Activities extends Record<string, AnyActivity>>(activities: Activities): Activities {
  const wrapped = Object.entries(activities).map(([name, activity]) => [
    name,
    async (...args: never[]) => {
      const { heartbeatTimeoutMs } = activityInfo();
      if (!heartbeatTimeoutMs) return activity(...args);
      const beat = setInterval(() => heartbeat(), Math.max(100, heartbeatTimeoutMs / 3));
      try {
        return await activity(...args);
      } finally {
        clearInterval(beat);
      }
    },
  ]);
  return Object.fromEntries(wrapped) as Activities;
}
