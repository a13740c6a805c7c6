import type { Calendar } from '../domain/agent.js';
import { conflict, notFound } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import { generateSigningSecret } from '../lib/outbound-http.js';
import type { SecretBox } from '../lib/secret-box.js';
import type { AgentActionRepository } from '../store/agent-actions.js';
import type { CalendarRepository } from '../store/calendars.js';
import { sealedSecretFields, secretLocation } from '../store/sealed-secrets.js';
import { assertOutboundTarget } from './outbound-targets.js';

// Calendars that APPOINTMENT_BOOKING actions book against. Each has its own signing secret for the
// booking calls, returned once at creation or rotation.

export interface CalendarRef {
  organizationId: string;
  calendarId: string;
}

async function requireCalendar(calendars: CalendarRepository, { organizationId, calendarId }: CalendarRef) {
  const calendar = await calendars.findInOrganization(organizationId, calendarId);
  if (!calendar) throw notFound('Calendar');
  return calendar;
}

const sealSigningSecret = (secretBox: SecretBox, calendarId: string, secret: string) =>
  secretBox.seal(secret, secretLocation(sealedSecretFields.calendarSigningSecret, calendarId));

export interface CreateCalendarCommand {
  organizationId: string;
  name: string;
  bookingUrl: string;
  bookingPageUrl: string | null;
}

/**
 * The booking URL is called by the service, so it passes the same private-network guard as hooks;
 * the booking page URL is only sent to contacts as a link.
 */
export class CreateCalendar {
  constructor(
    private readonly calendars: CalendarRepository,
    private readonly secretBox: SecretBox,
    private readonly allowPrivateNetwork: boolean,
  ) {}

  async execute({
    organizationId,
    ...fields
  }: CreateCalendarCommand): Promise<{ calendar: Calendar; signingSecret: string }> {
    await assertOutboundTarget(fields.bookingUrl, this.allowPrivateNetwork, 'booking_url');
    const calendarId = newId();
    const signingSecret = generateSigningSecret();
    const calendar: Calendar = {
      _id: calendarId,
      organizationId,
      ...fields,
      signingSecret: sealSigningSecret(this.secretBox, calendarId, signingSecret),
      createdAt: new Date(),
    };
    await this.calendars.insert(calendar);
    return { calendar, signingSecret };
  }
}

/** A new signing secret for the booking calls; the previous one (or, for an older calendar, the channel's hook secret) stops signing. */
export class RotateCalendarSigningSecret {
  constructor(
    private readonly calendars: CalendarRepository,
    private readonly secretBox: SecretBox,
  ) {}

  async execute(ref: CalendarRef): Promise<string> {
    await requireCalendar(this.calendars, ref);
    const signingSecret = generateSigningSecret();
    await this.calendars.setSigningSecret(
      ref.organizationId,
      ref.calendarId,
      sealSigningSecret(this.secretBox, ref.calendarId, signingSecret),
    );
    return signingSecret;
  }
}

/** The organization's calendars, newest first. */
export class ListCalendars {
  constructor(private readonly calendars: CalendarRepository) {}

  execute({ organizationId }: { organizationId: string }): Promise<Calendar[]> {
    return this.calendars.listForOrganization(organizationId);
  }
}

/** One calendar of the organization, or 404. */
export class GetCalendar {
  constructor(private readonly calendars: CalendarRepository) {}

  execute(ref: CalendarRef): Promise<Calendar> {
    return requireCalendar(this.calendars, ref);
  }
}

/** Refused (409) while a booking action uses the calendar: the action would book into nothing. */
export class DeleteCalendar {
  constructor(
    private readonly calendars: CalendarRepository,
    private readonly actions: AgentActionRepository,
  ) {}

  async execute(ref: CalendarRef): Promise<void> {
    await requireCalendar(this.calendars, ref);
    const users = await this.actions.bookingIdsUsingCalendar(ref.organizationId, ref.calendarId, 20);
    if (users.length) throw conflict(`Calendar is used by APPOINTMENT_BOOKING actions: ${users.join(', ')}`);
    await this.calendars.delete(ref.organizationId, ref.calendarId);
  }
}
