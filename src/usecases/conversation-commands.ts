import { randomUUID } from 'node:crypto';
import { notFound } from '../domain/errors.js';
import type { Conversation, Organization } from '../domain/model.js';
import type { ConversationEngine } from '../engine/conversation-engine.js';
import type { ConversationRepository } from '../store/conversations.js';
import type { OrganizationRepository } from '../store/organizations.js';
import type { Actor } from '../workflows/definitions.js';

export interface SendHumanMessageCommand {
  organizationId: string;
  conversationId: string;
  text: string;
  /** A human agent (`manual`, who is `sentBy`) or the business's automation (`workflow`). */
  source: 'manual' | 'workflow';
  sentBy: Actor;
}

/**
 * A human agent's (or an automation's) message into a conversation: its workflow stores and sends
 * it (retried, sent once). Answers the message id.
 */
export class SendHumanMessage {
  constructor(
    private readonly conversations: ConversationRepository,
    private readonly engine: ConversationEngine,
  ) {}

  async execute(command: SendHumanMessageCommand): Promise<{ messageId: string }> {
    const conversation = await this.conversations.findInOrganization(command.organizationId, command.conversationId);
    if (!conversation) throw notFound('Conversation');
    const messageId = randomUUID();
    await this.engine.requestOutboundMessage(conversation, {
      messageId,
      text: command.text,
      ...(command.source === 'manual' ? { author: 'human', sentBy: command.sentBy } : { author: 'workflow' }),
    });
    return { messageId };
  }
}

export interface FilterConversationsCommand {
  organizationId: string;
  equal: Partial<Record<keyof Conversation, unknown>>;
  sort: Partial<Record<keyof Conversation, 1 | -1>>;
  offset: number;
  limit: number;
}

/** Seed 001's listing: the organization's conversations whose fields equal the given values. */
export class FilterConversations {
  constructor(private readonly conversations: ConversationRepository) {}

  execute({ organizationId, equal, ...options }: FilterConversationsCommand): Promise<Conversation[]> {
    return this.conversations.listWhereEqual(organizationId, equal, options);
  }
}

/** The organization's provider status (`insufficient_funds` after the provider said so). */
export class GetProviderStatus {
  constructor(private readonly organizations: OrganizationRepository) {}

  async execute({ organizationId }: { organizationId: string }): Promise<Organization['providerStatus']> {
    const organization = await this.organizations.findById(organizationId);
    return organization?.providerStatus ?? 'ok';
  }
}

/** Back to `ok` (after topping up the provider account): enabling AI is allowed again. */
export class ResetProviderStatus {
  constructor(private readonly organizations: OrganizationRepository) {}

  execute({ organizationId }: { organizationId: string }): Promise<void> {
    return this.organizations.setProviderStatus(organizationId, 'ok');
  }
}
