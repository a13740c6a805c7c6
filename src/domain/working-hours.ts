import { DateTime } from 'luxon';
import type { WorkingDay } from './agent.js';

/** How far ahead to look for an open interval: a whole week, plus the day we start in. */
const DAYS_AHEAD = 8;

/**
 * The first moment at or after `from` that lies inside one of the working intervals, evaluated in
 * the IANA `zone` (never the worker's own zone): a follow-up due Friday 18:30 with Mon–Fri 9–17
 * lands Monday 09:00 local time, whatever the UTC offset is on Monday (DST changes included).
 * Null when no interval is configured on any day.
 */
export function nextWorkingTime(from: Date, workingHours: WorkingDay[], zone: string): Date | null {
  const start = DateTime.fromJSDate(from, { zone });
  if (!start.isValid) throw new Error(`invalid time zone ${zone}`);
  for (let offset = 0; offset < DAYS_AHEAD; offset++) {
    const day = start.startOf('day').plus({ days: offset });
    // Luxon's weekday is 1 (Monday) … 7 (Sunday); the seed's dayOfTheWeek is 0 (Sunday) … 6.
    const intervals = workingHours.find((d) => d.dayOfTheWeek === day.weekday % 7)?.intervals ?? [];
    const sorted = [...intervals].sort((a, b) => a.startHour * 60 + a.startMinute - (b.startHour * 60 + b.startMinute));
    for (const interval of sorted) {
      // A local time skipped by a DST change (02:30 on the spring-forward night) moves forward, as luxon does.
      const opens = day.set({ hour: interval.startHour, minute: interval.startMinute });
      const closes =
        interval.endHour === 24
          ? day.plus({ days: 1 })
          : day.set({ hour: interval.endHour, minute: interval.endMinute });
      if (start < opens) return opens.toJSDate();
      if (start < closes) return start.toJSDate();
    }
  }
  return null;
}

/** Whether an IANA zone name is known to this runtime. */
export function isValidTimeZone(zone: string): boolean {
  return DateTime.local({ zone }).isValid;
}
