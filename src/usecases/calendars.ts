import type { Calendar } from '../domain/agent.js';
import { conflict, notFound } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import { generateSigningSecret } from '../lib/outbound-http.js';
import { assertOutboundTarget } from './outbound-targets.js';
import type { SecretBox } from '../lib/secret-box.js';
import type { Collections } from '../store/database.js';
import { sealedSecretFields, secretLocation } from '../store/sealed-secrets.js';

/**
 * Calendars that APPOINTMENT_BOOKING actions book against. Each has its own signing secret for the
 * booking calls, returned once at creation or rotation.
 */
export class Calendars {
  constructor(
    private readonly collections: Pick<Collections, 'calendars' | 'agentActions'>,
    private readonly secretBox: SecretBox,
    private readonly allowPrivateNetwork: boolean,
  ) {}

  /**
   * The booking URL is called by the service, so it passes the same private-network guard as hooks;
   * the booking page URL is only sent to contacts as a link.
   */
  async create(
    organizationId: string,
    command: { name: string; bookingUrl: string; bookingPageUrl: string | null },
  ): Promise<{ calendar: Calendar; signingSecret: string }> {
    await assertOutboundTarget(command.bookingUrl, this.allowPrivateNetwork, 'booking_url');
    const calendarId = newId();
    const signingSecret = generateSigningSecret();
    const calendar: Calendar = {
      _id: calendarId,
      organizationId,
      ...command,
      signingSecret: this.sealSigningSecret(calendarId, signingSecret),
      createdAt: new Date(),
    };
    await this.collections.calendars.insertOne(calendar);
    return { calendar, signingSecret };
  }

  /** A new signing secret for the booking calls; the previous one (or, for an older calendar, the channel's hook secret) stops signing. */
  async rotateSigningSecret(organizationId: string, calendarId: string): Promise<string> {
    await this.find(organizationId, calendarId);
    const signingSecret = generateSigningSecret();
    await this.collections.calendars.updateOne(
      { _id: calendarId, organizationId },
      { $set: { signingSecret: this.sealSigningSecret(calendarId, signingSecret) } },
    );
    return signingSecret;
  }

  private sealSigningSecret(calendarId: string, secret: string) {
    return this.secretBox.seal(secret, secretLocation(sealedSecretFields.calendarSigningSecret, calendarId));
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
