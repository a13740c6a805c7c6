import type { Config } from '../config.js';
import { createLogger, type Logger } from '../lib/logger.js';
import type { WorkerMetrics } from '../lib/metrics.js';
import type { SecretBox } from '../lib/secret-box.js';
import { AiSettingsRepository } from '../store/ai-settings.js';
import { ChannelAccountRepository } from '../store/channel-accounts.js';
import { ContactRepository } from '../store/contacts.js';
import { ConversationRepository } from '../store/conversations.js';
import { MessageRepository } from '../store/messages.js';
import type { ReplyTurn } from '../workflows/contracts.js';
import type { Collections } from '../store/database.js';
import { TokenBudgets } from '../store/token-budgets.js';
import { createAgentActivities } from './agents.js';
import { createChannelDeliveryActivities } from './channel-delivery.js';
import { conversationReadsOf } from './conversation-reads.js';
import { createConversationStateActivities } from './conversation-state.js';
import type { EventPublisher } from '../engine/event-publisher.js';
import { withHeartbeats } from './heartbeats.js';
import { createReplyGenerationActivities } from './reply-generation.js';
import { typingRightAfter, withAgentLookup } from './turn-steps.js';
import { createWebhookActivities } from './webhooks.js';

export interface ActivityDeps {
  collections: Collections;
  secretBox: SecretBox;
  config: Pick<Config, 'aiDefaults' | 'aiLimits' | 'typing' | 'outbound' | 'log'>;
  events: EventPublisher;
  metrics: WorkerMetrics;
  /** Where failures' details go (a provider's answer, for instance); default: a logger from `config.log`. */
  logger?: Logger;
}

/** All activities the workflows call, built from their dependencies (one set per worker). */
export function createActivities({ collections, secretBox, config, events, metrics, logger }: ActivityDeps) {
  const aiSettings = new AiSettingsRepository(collections, secretBox, config.aiDefaults);
  const readsOf = conversationReadsOf({
    conversations: new ConversationRepository(collections.conversations),
    channelAccounts: new ChannelAccountRepository(collections.channelAccounts),
    contacts: new ContactRepository(collections.contacts),
    messages: new MessageRepository(collections.messages),
  });
  const delivery = createChannelDeliveryActivities({
    collections,
    readsOf,
    secretBox,
    outbound: config.outbound,
    events,
    metrics,
  });
  const agents = createAgentActivities({
    collections,
    readsOf,
    secretBox,
    outbound: config.outbound,
    events,
    maxActionRunsPerConversationPerDay: config.aiLimits.maxActionRunsPerConversationPerDay,
  });
  const conversationState = createConversationStateActivities({ collections, events, metrics });
  const generation = createReplyGenerationActivities({
    collections,
    readsOf,
    aiSettings,
    typing: config.typing,
    events,
    metrics,
    outbound: config.outbound,
    logger: logger ?? createLogger(config.log.level, 'worker', config.log.pretty),
    budgets: new TokenBudgets(collections, config.aiLimits.dailyTokenBudget),
    limits: config.aiLimits,
  });
  // The turn's neighbouring steps ride along with the generation (see turn-steps.ts).
  const generateTurn = typingRightAfter(
    withAgentLookup(
      (turn, reads) => generation.generateReply(turn, reads),
      (lookup, reads) => agents.resolveConversationAgent(lookup, reads),
      (unanswered) => conversationState.recordUnansweredMessages(unanswered),
    ),
    (turn, reads) => delivery.sendTypingIndicator(turn, reads),
  );
  return withHeartbeats({
    ...generation,
    generateReply: (turn: ReplyTurn) => generateTurn(turn, readsOf(turn)),
    ...delivery,
    ...createWebhookActivities({ collections, secretBox, outbound: config.outbound }),
    ...conversationState,
    ...agents,
  });
}

export type ConversationActivities = ReturnType<typeof createActivities>;
