import type { Config } from '../config.js';
import { createLogger, type Logger } from '../lib/logger.js';
import type { WorkerMetrics } from '../lib/metrics.js';
import type { SecretBox } from '../lib/secret-box.js';
import { AiSettingsRepository } from '../store/ai-settings.js';
import type { Collections } from '../store/database.js';
import { TokenBudgets } from '../store/token-budgets.js';
import { createAgentActivities } from './agents.js';
import { createChannelDeliveryActivities } from './channel-delivery.js';
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
  const delivery = createChannelDeliveryActivities({
    collections,
    secretBox,
    outbound: config.outbound,
    events,
    metrics,
  });
  const agents = createAgentActivities({
    collections,
    secretBox,
    outbound: config.outbound,
    events,
    maxActionRunsPerConversationPerDay: config.aiLimits.maxActionRunsPerConversationPerDay,
  });
  const conversationState = createConversationStateActivities({ collections, events, metrics });
  const generation = createReplyGenerationActivities({
    collections,
    aiSettings,
    typing: config.typing,
    events,
    metrics,
    outbound: config.outbound,
    logger: logger ?? createLogger(config.log.level, 'worker', config.log.pretty),
    budgets: new TokenBudgets(collections, config.aiLimits.dailyTokenBudget),
    limits: config.aiLimits,
  });
  return withHeartbeats({
    ...generation,
    // The turn's neighbouring steps ride along with the generation (see turn-steps.ts).
    generateReply: typingRightAfter(
      withAgentLookup(
        (turn) => generation.generateReply(turn),
        (lookup) => agents.resolveConversationAgent(lookup),
        (unanswered) => conversationState.recordUnansweredMessages(unanswered),
      ),
      (turn) => delivery.sendTypingIndicator(turn),
    ),
    ...delivery,
    ...createWebhookActivities({ collections, secretBox, outbound: config.outbound }),
    ...conversationState,
    ...agents,
  });
}

export type ConversationActivities = ReturnType<typeof createActivities>;
