import { describe, expect, it } from 'vitest';
import type { WorkingDay } from '../../src/domain/agent.js';
import { isValidTimeZone, nextWorkingTime } from '../../src/domain/working-hours.js';

const nineToFive = { startHour: 9, startMinute: 0, endHour: 17, endMinute: 0 };
const weekdays: WorkingDay[] = [1, 2, 3, 4, 5].map((dayOfTheWeek) => ({ dayOfTheWeek, intervals: [nineToFive] }));

describe('nextWorkingTime', () => {
  it('keeps a time inside an interval', () => {
    // Wednesday 2026-11-25 10:15 in Berlin (UTC+1).
    const inside = new Date('2026-11-25T09:15:00Z');
    expect(nextWorkingTime(inside, weekdays, 'Europe/Berlin')).toEqual(inside);
  });

  it('moves Friday 18:30 to Monday 09:00 local time', () => {
    // Friday 2026-11-27 18:30 in New York (UTC−5) → Monday 2026-11-30 09:00 EST = 14:00Z.
    const friday = new Date('2026-11-27T23:30:00Z');
    expect(nextWorkingTime(friday, weekdays, 'America/New_York')).toEqual(new Date('2026-11-30T14:00:00Z'));
  });

  it('follows the offset change across a DST weekend', () => {
    // New York springs forward on Sunday 2027-03-14: Friday 18:30 EST → Monday 09:00 EDT = 13:00Z.
    const friday = new Date('2027-03-12T23:30:00Z');
    expect(nextWorkingTime(friday, weekdays, 'America/New_York')).toEqual(new Date('2027-03-15T13:00:00Z'));
    // Berlin falls back on Sunday 2026-10-25: Friday 18:30 CEST → Monday 09:00 CET = 08:00Z.
    const berlinFriday = new Date('2026-10-23T16:30:00Z');
    expect(nextWorkingTime(berlinFriday, weekdays, 'Europe/Berlin')).toEqual(new Date('2026-10-26T08:00:00Z'));
  });

  it('takes the next interval of the same day and the zone of the contact, not the machine', () => {
    const split: WorkingDay[] = [
      {
        dayOfTheWeek: 2,
        intervals: [
          { startHour: 14, startMinute: 30, endHour: 18, endMinute: 0 },
          { startHour: 8, startMinute: 0, endHour: 12, endMinute: 0 },
        ],
      },
    ];
    // Tuesday 2026-11-24 12:30 in Tokyo (UTC+9) → 14:30 local = 05:30Z.
    expect(nextWorkingTime(new Date('2026-11-24T03:30:00Z'), split, 'Asia/Tokyo')).toEqual(
      new Date('2026-11-24T05:30:00Z'),
    );
    // After the last interval of the only working day: a week later at 08:00 local.
    expect(nextWorkingTime(new Date('2026-11-24T09:30:00Z'), split, 'Asia/Tokyo')).toEqual(
      new Date('2026-11-30T23:00:00Z'),
    );
  });

  it('treats an interval ending at 24:00 as open until midnight', () => {
    const lateShift: WorkingDay[] = [
      { dayOfTheWeek: 6, intervals: [{ startHour: 20, startMinute: 0, endHour: 24, endMinute: 0 }] },
    ];
    const saturday2330 = new Date('2026-11-28T23:30:00Z');
    expect(nextWorkingTime(saturday2330, lateShift, 'UTC')).toEqual(saturday2330);
  });

  it('is null without any interval and rejects unknown zones', () => {
    expect(nextWorkingTime(new Date(), [{ dayOfTheWeek: 1, intervals: [] }], 'UTC')).toBeNull();
    expect(() => nextWorkingTime(new Date(), weekdays, 'Mars/Olympus')).toThrow(/time zone/);
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});
