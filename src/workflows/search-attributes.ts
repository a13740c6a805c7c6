import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes of the conversation workflow, so operators can filter runs in the
 * Temporal UI (e.g. `organizationId = "…" AND botState = "paused"`). The dev server registers
 * them at start; a production cluster needs `temporal operator search-attribute create` once
 * (see docs/operations.md).
 */
export const searchAttributes = {
  organizationId: defineSearchAttributeKey('organizationId', SearchAttributeType.KEYWORD),
  conversationId: defineSearchAttributeKey('conversationId', SearchAttributeType.KEYWORD),
  contactId: defineSearchAttributeKey('contactId', SearchAttributeType.KEYWORD),
  channelAccountId: defineSearchAttributeKey('channelAccountId', SearchAttributeType.KEYWORD),
  /** active | paused | sleeping | closed — what the bot does with the next inbound message. */
  botState: defineSearchAttributeKey('botState', SearchAttributeType.KEYWORD),
};

/** `name=Type` pairs as the Temporal CLI's `--search-attribute` flag takes them. */
export function searchAttributeRegistrations(): string[] {
  return Object.values(searchAttributes).map((key) => `${key.name}=Keyword`);
}
