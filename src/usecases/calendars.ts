import type { Calendar } from '../domain/agent.js';
import { conflict, notFound } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import { assertOutboundTarget } from '../lib/outbound-http.js';
import type { Collections } from '../store/database.js';

/** Calendars that APPOINTMENT_BOOKING actions book against. */
export class Calendars {
  constructor(
    private readonly collections: Pick<Collections, 'calendars' | 'agentActions'>,
    private readonly allowPrivateNetwork: boolean,
  ) {}

  /**
   * The booking URL is called by the service, so it passes the same private-network guard as hooks;
   * the booking page URL is only sent to contacts as a link.
   */
  async create(
    organizationId: string,
    command: { name: string; bookingUrl: string; bookingPageUrl: string | null },
  ): Promise<Calendar> {
    await assertOutboundTarget(command.bookingUrl, this.allowPrivateNetwork, 'booking_url');
    const calendar: Calendar = { _id: newId(), organizationId, ...command, createdAt: new Date() };
    await this.collections.calendars.insertOne(calendar);
    return calendar;
  }

  list(organizationId: string): Promise<Calendar[]> {
    return this.collections.calendars.find({ organizationId }).sort({ createdAt: -1, _id: 1 }).limit(1000).toArray();
  }

  async find(organizationId: string, calendarId: string): Promise<Calendar> {
    const calendar = await this.collections.calendars.findOne({ _id: calendarId, organizationId });
    if (!calendar) throw notFound('Calendar');
    return calendar;
  }

  /** Refused (409) while a booking action uses the calendar: the action would book into nothing. */
  async delete(organizationId: string, calendarId: string): Promise<void> {
    await this.find(organizationId, calendarId);
    const users = await this.collections.agentActions
      .find(
        { organizationId, type: 'APPOINTMENT_BOOKING', 'details.calendarId': calendarId },
        { projection: { _id: 1 } },
      )
      .limit(20)
      .toArray();
    if (users.length) {
      throw conflict(
        `Calendar is used by APPOINTMENT_BOOKING actions: ${users.map((action) => action._id).join(', ')}`,
      );
    }
    await this.collections.calendars.deleteOne({ _id: calendarId, organizationId });
  }
}
