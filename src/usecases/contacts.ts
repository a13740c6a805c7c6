import { notFound } from '../domain/errors.js';
import type { Contact } from '../domain/model.js';
import type { ContactRepository } from '../store/contacts.js';

/** A contact of the organization (404 for another organization's). */
export class GetContact {
  constructor(private readonly contacts: ContactRepository) {}

  async execute({ organizationId, contactId }: { organizationId: string; contactId: string }): Promise<Contact> {
    const contact = await this.contacts.findInOrganization(organizationId, contactId);
    if (!contact) throw notFound('Contact');
    return contact;
  }
}

export interface UpdateContactCommand {
  organizationId: string;
  contactId: string;
  change: { blocked?: boolean | undefined; timezone?: string | null | undefined };
}

/** Blocks or unblocks a contact, or sets its time zone; the contact after the change. */
export class UpdateContact {
  constructor(private readonly contacts: ContactRepository) {}

  async execute({ organizationId, contactId, change }: UpdateContactCommand): Promise<Contact> {
    const contact = await this.contacts.update(organizationId, contactId, change);
    if (!contact) throw notFound('Contact');
    return contact;
  }
}
