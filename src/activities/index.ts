import type { Config } from '../config.js';
import { createLogger, type Logger } from '../lib/logger.js';
import type { WorkerMetrics } from '../lib/metrics.js';
import type { SecretBox } from '../lib/secret-box.js';
import type { ReplyTurn } from '../workflows/contracts.js';
import type { Repositories } from '../store/repositories.js';
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
  /** The worker's repositories (`createRepositories`, without the API's recent reads). */
  store: Repositories;
  secretBox: SecretBox;
  config: Pick<Config, 'aiLimits' | 'typing' | 'outbound' | 'log'>;
  events: EventPublisher;
  metrics: WorkerMetrics;
  /** Where failures' details go (a provider's answer, for instance); default: a logger from `config.log`. */
  logger?: Logger;
}

/** All activities the workflows call, built from their dependencies (one set per worker). */
export function createActivities({ store, secretBox, config, events, metrics, logger }: ActivityDeps) {
  const readsOf = conversationReadsOf(store);
  const { showTypingBriefly, ...delivery } = createChannelDeliveryActivities({
    store,
    readsOf,
    secretBox,
    outbound: config.outbound,
    events,
    metrics,
  });
  const agents = createAgentActivities({
    store,
    readsOf,
    secretBox,
    outbound: config.outbound,
    events,
    maxActionRunsPerConversationPerDay: config.aiLimits.maxActionRunsPerConversationPerDay,
  });
  const conversationState = createConversationStateActivities({ store, events, metrics });
  const generation = createReplyGenerationActivities({
    store,
    readsOf,
    typing: config.typing,
    events,
    metrics,
    outbound: config.outbound,
    logger: logger ?? createLogger(config.log.level, 'worker', config.log.pretty),
    limits: config.aiLimits,
  });
  // The turn's neighbouring steps ride along with the generation (see turn-steps.ts).
  const generateTurn = typingRightAfter(
    withAgentLookup(
      (turn, reads) => generation.generateReply(turn, reads),
      (lookup, reads) => agents.resolveConversationAgent(lookup, reads),
      (unanswered) => conversationState.recordUnansweredMessages(unanswered),
    ),
    showTypingBriefly,
  );
  return withHeartbeats({
    ...generation,
    generateReply: async (turn: ReplyTurn) => {
      const reads = readsOf(turn);
      const result = await generateTurn(turn, reads);
      if (result.outcome !== 'generated') return result;
      // For the send that follows at once (see `ReplyDelivery`).
      const configurationVersion = await reads.configurationVersion();
      return configurationVersion === null ? result : { ...result, configurationVersion };
    },
    ...delivery,
    ...createWebhookActivities({ store, secretBox, outbound: config.outbound }),
    ...conversationState,
    ...agents,
  });
}

export type ConversationActivities = ReturnType<typeof createActivities>;
