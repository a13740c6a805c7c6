import type { Calendar } from '../domain/agent.js';
import type { SealedSecret } from '../lib/secret-box.js';
import type { Collections } from './database.js';

/** Calendars (`calendars`) that booking actions book against, always within one organization. */
export class CalendarRepository {
  constructor(private readonly collection: Collections['calendars']) {}

  findInOrganization(organizationId: string, calendarId: string): Promise<Calendar | null> {
    return this.collection.findOne({ _id: calendarId, organizationId });
  }

  /** The organization's calendars, newest first (at most 1000). */
  listForOrganization(organizationId: string): Promise<Calendar[]> {
    return this.collection.find({ organizationId }).sort({ createdAt: -1, _id: 1 }).limit(1000).toArray();
  }

  async insert(calendar: Calendar): Promise<void> {
    await this.collection.insertOne(calendar);
  }

  async setSigningSecret(organizationId: string, calendarId: string, signingSecret: SealedSecret): Promise<void> {
    await this.collection.updateOne({ _id: calendarId, organizationId }, { $set: { signingSecret } });
  }

  async delete(organizationId: string, calendarId: string): Promise<void> {
    await this.collection.deleteOne({ _id: calendarId, organizationId });
  }
}
