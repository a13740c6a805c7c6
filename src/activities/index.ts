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
import { createWebhookActivities } from './webhooks.js';
import type { GenerationResult, ReplyTurn } from '../workflows/contracts.js';

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
    generateReply: typingRightAfter(
      (turn) => generation.generateReply(turn),
      (turn) => delivery.sendTypingIndicator(turn),
    ),
    ...delivery,
    ...createWebhookActivities({ collections, secretBox, outbound: config.outbound }),
    ...createConversationStateActivities({ collections, events, metrics }),
    ...createAgentActivities({
      collections,
      secretBox,
      outbound: config.outbound,
      events,
      maxActionRunsPerConversationPerDay: config.aiLimits.maxActionRunsPerConversationPerDay,
    }),
  });
}

export type ConversationActivities = ReturnType<typeof createActivities>;

/** How long showing "typing…" may hold up a generated reply before the workflow shows it itself. */
const TYPING_WITHIN_GENERATION_MS = 5_000;

/**
 * A reply that goes out without a delay shows "typing…" from the generation's own activity: one
 * activity (and workflow task) less per turn. Best effort, and never a reason to generate again: on
 * any failure (or past TYPING_WITHIN_GENERATION_MS) the result says nothing was shown and the
 * workflow shows it with its own activity, as it does after a reply delay.
 */
function typingRightAfter(
  generateReply: (turn: ReplyTurn) => Promise<GenerationResult>,
  sendTypingIndicator: (turn: ReplyTurn) => Promise<void>,
) {
  return async (turn: ReplyTurn): Promise<GenerationResult> => {
    const result = await generateReply(turn);
    // A follow-up may go out on another conversation's channel (dynamic channel switching).
    if (result.outcome !== 'generated' || result.replyDelaySeconds > 0 || turn.followup) return result;
    const firstMessageId = result.parts && result.parts.length > 1 ? result.parts[0]!.messageId : turn.replyMessageId;
    let timer: NodeJS.Timeout | undefined;
    const shown = await Promise.race([
      sendTypingIndicator({ ...turn, replyMessageId: firstMessageId }).then(() => true),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), TYPING_WITHIN_GENERATION_MS))),
    ])
      .catch(() => false)
      .finally(() => clearTimeout(timer));
    return shown ? { ...result, typingShownFor: firstMessageId } : result;
  };
}
