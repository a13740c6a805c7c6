import { notFound, ServiceError } from '../domain/errors.js';
import type { Contact, Conversation } from '../domain/model.js';
import type { ConversationEngine } from '../engine/conversation-engine.js';
import type { ContactRepository } from '../store/contacts.js';
import type { ConversationRepository } from '../store/conversations.js';
import type { OrganizationRepository } from '../store/organizations.js';
import type { Actor, ConversationControls } from '../workflows/definitions.js';

/** Seed 000's answer when AI cannot be enabled because the provider is out of funds. */
const INSUFFICIENT_FUNDS_MESSAGE = 'No se puede activar la IA. Fondos insuficientes en OpenAI.';

/** A conversation of the organization, by id (seed 001) or by number (seed 000), or one already found. */
export type ConversationTarget = { id: string } | { number: number } | { found: Conversation };

export interface ChangeConversationControlsCommand {
  organizationId: string;
  conversation: ConversationTarget;
  change:
    | { aiEnabled: boolean }
    | { botActive: boolean }
    | { status: 'open' | 'closed'; closing?: { category: string | null; summary: string | null } | undefined };
  actor: Actor;
}

/**
 * What human agents change on a conversation, whichever API they come through: seed 000's
 * toggle-ai, seed 001's bot-control, seed 003's open/close. Every change goes to the conversation's
 * workflow (a signal) and answers with the controls once the workflow applied it. Enabling AI is refused
 * (402) while the organization's provider is out of funds; disabling never is. Pausing is a human
 * takeover: the takeover webhook fires.
 */
export class ChangeConversationControls {
  constructor(
    private readonly organizations: OrganizationRepository,
    private readonly conversations: ConversationRepository,
    private readonly engine: ConversationEngine,
  ) {}

  async execute({
    organizationId,
    conversation: target,
    change,
    actor,
  }: ChangeConversationControlsCommand): Promise<ConversationControls> {
    const conversation = await this.find(organizationId, target);
    if ('aiEnabled' in change && change.aiEnabled) {
      const organization = await this.organizations.findById(conversation.organizationId);
      if (organization?.providerStatus === 'insufficient_funds') {
        throw new ServiceError(402, 'INSUFFICIENT_FUNDS', INSUFFICIENT_FUNDS_MESSAGE);
      }
    }
    if ('status' in change) {
      const { status, closing } = change;
      return this.engine.changeControls(conversation, { status, ...(closing ? { closing } : {}), actor });
    }
    return this.engine.changeControls(conversation, { ...change, actor });
  }

  private async find(organizationId: string, target: ConversationTarget): Promise<Conversation> {
    if ('found' in target) return target.found;
    const conversation =
      'number' in target
        ? await this.conversations.findByNumber(organizationId, target.number)
        : await this.conversations.findInOrganization(organizationId, target.id);
    if (!conversation) throw notFound('Conversation');
    return conversation;
  }
}

/** How seed 003 names a contact: `id:` (number or id), `email:` or `phone:` as its channel gave them. */
export type ContactIdentifier =
  { kind: 'id'; value: string } | { kind: 'email'; value: string } | { kind: 'phone'; value: string };

export interface SetContactConversationStatusCommand {
  organizationId: string;
  contact: ContactIdentifier;
  status: 'open' | 'closed';
  closing: { category: string | null; summary: string | null } | undefined;
  actor: Actor;
}

/**
 * Seed 003: opens or closes the contact's most recently active conversation. The contact is found
 * by the email or phone its channel gave, never by values an AI model wrote (those are kept apart
 * as unverified: anyone writing to the bot could claim them). Answers the contact's number.
 */
export class SetContactConversationStatus {
  constructor(
    private readonly contacts: ContactRepository,
    private readonly conversations: ConversationRepository,
    private readonly controls: ChangeConversationControls,
  ) {}

  async execute(command: SetContactConversationStatusCommand): Promise<{ contactNumber: number }> {
    const { organizationId } = command;
    const contacts = await this.findContacts(organizationId, command.contact);
    if (contacts.length === 0) throw notFound('Contact');
    const conversation = await this.conversations.latestOfContacts(
      organizationId,
      contacts.map((contact) => contact._id),
    );
    if (!conversation) throw notFound('Conversation');
    const contact = contacts.find((candidate) => candidate._id === conversation.contactId)!;
    await this.controls.execute({
      organizationId,
      conversation: { found: conversation },
      change: { status: command.status, closing: command.closing },
      actor: command.actor,
    });
    return { contactNumber: contact.number };
  }

  private findContacts(organizationId: string, identifier: ContactIdentifier): Promise<Contact[]> {
    switch (identifier.kind) {
      case 'id':
        return this.contacts.findByNumberOrId(organizationId, identifier.value);
      case 'email':
        return this.contacts.findByEmail(organizationId, identifier.value);
      case 'phone':
        return this.contacts.findByPhone(organizationId, identifier.value);
    }
  }
}
