import { ApplicationFailure } from '@temporalio/activity';
import { decideReply, type EffectiveAiConfig } from '../domain/ai-config.js';
import { aiLogRecord } from '../domain/ai-log.js';
import type { AiLog, Conversation } from '../domain/model.js';
import { buildPrompt, HISTORY_LIMIT } from '../domain/prompt.js';
import { typingDurationMs, type TypingPace } from '../domain/typing.js';
import { isDuplicateKeyError, type Collections } from '../store/database.js';
import { conversationEvent, type EventPublisher } from './event-publisher.js';
import type { AiSettingsService } from '../usecases/ai-settings.js';
import { callProvider, markOutOfFunds, providerRequest } from './llm-client.js';

export interface ReplyTurn {
  organizationId: string;
  conversationId: string;
  /** The inbound messages this reply answers. */
  triggerMessageIds: string[];
  /** Fixed by the workflow before the call: the AI log's key and the outbound message's id. */
  replyMessageId: string;
}

export type GenerationResult =
  | { outcome: 'generated'; text: string; aiLogId: string; replyDelaySeconds: number; typingMs: number }
  | { outcome: 'skipped'; reason: string; aiLogId: string }
  | { outcome: 'failed'; reason: string; aiLogId: string };

export const NO_API_KEY_REASON = 'no API key configured';
export const ECHO_MODEL = 'echo';

export interface ReplyGenerationDeps {
  collections: Pick<Collections, 'messages' | 'aiLogs' | 'organizations' | 'conversations' | 'contacts'>;
  aiSettings: AiSettingsService;
  typing: TypingPace;
  events: EventPublisher;
}

/** An AI log row for this turn; its id is the reply message id, so there is at most one per reply. */
function aiLogFor(
  turn: ReplyTurn,
  config: Pick<EffectiveAiConfig, 'modelName' | 'baseUrl'>,
  fields: Partial<AiLog>,
): AiLog {
  return aiLogRecord(
    {
      _id: turn.replyMessageId,
      origin: 'conversation',
      organizationId: turn.organizationId,
      conversationId: turn.conversationId,
      replyMessageId: turn.replyMessageId,
      triggerMessageIds: turn.triggerMessageIds,
      model: config.modelName,
      baseUrl: config.baseUrl,
    },
    fields,
  );
}

function resultOf(log: AiLog): GenerationResult {
  return log.outcome === 'generated'
    ? {
        outcome: 'generated',
        text: log.reply ?? '',
        aiLogId: log._id,
        replyDelaySeconds: log.replyDelaySeconds ?? 0,
        typingMs: log.typingMs ?? 0,
      }
    : { outcome: log.outcome, reason: log.reason ?? log.outcome, aiLogId: log._id };
}

export function createReplyGenerationActivities({ collections, aiSettings, typing, events }: ReplyGenerationDeps) {
  /**
   * Writes the log once (a retried activity whose first attempt already wrote it reads that one)
   * and announces it: `ai.reply.generated` or `ai.reply.failed`, idempotent by event id, so a retry
   * after a crash between the two still emits the event exactly once.
   */
  async function writeLog(log: AiLog, conversation: Conversation | null): Promise<GenerationResult> {
    let stored = log;
    try {
      await collections.aiLogs.insertOne(log);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      stored = (await collections.aiLogs.findOne({ _id: log._id }))!;
    }
    const result = resultOf(stored);
    if (!conversation || result.outcome === 'skipped') return result;
    const data =
      result.outcome === 'generated'
        ? { text: result.text, ai_log_id: stored._id, trigger_message_ids: stored.triggerMessageIds }
        : { stage: 'generation', reason: result.reason };
    const type = result.outcome === 'generated' ? 'ai.reply.generated' : 'ai.reply.failed';
    await events.publish(
      conversationEvent(conversation, type, stored.replyMessageId, { message_id: stored.replyMessageId, ...data }),
    );
    return result;
  }

  return {
    /**
     * One reply turn, in the seed's order: re-evaluate the rules with the configuration in force
     * now (chat → account → global → environment), build system prompt + last 20 messages, call the
     * provider (or echo), write the AI log. Idempotent on `replyMessageId`: once a log exists,
     * retries return it instead of calling the provider again.
     */
    async generateReply(turn: ReplyTurn): Promise<GenerationResult> {
      const { organizationId, conversationId, replyMessageId } = turn;
      const conversation = await collections.conversations.findOne({ _id: conversationId, organizationId });
      if (!conversation) throw ApplicationFailure.nonRetryable(`conversation ${conversationId} not found`, 'NotFound');
      const logged = await collections.aiLogs.findOne({ _id: replyMessageId, organizationId });
      if (logged) return writeLog(logged, conversation);

      const [{ config }, contact, history] = await Promise.all([
        aiSettings.resolve(organizationId, conversation.channelAccountId, conversation.chatId),
        collections.contacts.findOne({ _id: conversation.contactId, organizationId }),
        collections.messages
          .find({ organizationId, conversationId }, { projection: { direction: 1, text: 1 } })
          .sort({ createdAt: -1 })
          .limit(HISTORY_LIMIT)
          .toArray(),
      ]);
      const prompt = buildPrompt(config.systemPrompt, history);
      const log = (fields: Partial<AiLog>) => aiLogFor(turn, config, { prompt, ...fields });
      const generated = (reply: string, fields: Partial<AiLog>) =>
        writeLog(
          log({
            outcome: 'generated',
            reply,
            replyDelaySeconds: config.replyDelaySeconds,
            typingMs: typingDurationMs(reply, typing),
            ...fields,
          }),
          conversation,
        );

      const decision = decideReply(config, { type: conversation.chatType, contactBlocked: contact?.blocked ?? false });
      if (!decision.reply) return writeLog(log({ outcome: 'skipped', reason: decision.reason }), conversation);

      if (config.echoMode) {
        const triggers = await collections.messages
          .find({ _id: { $in: turn.triggerMessageIds }, organizationId })
          .sort({ createdAt: 1 })
          .toArray();
        const text = triggers.map((message) => message.text).join('\n');
        if (!text.trim()) return writeLog(log({ outcome: 'skipped', reason: 'nothing to echo' }), conversation);
        return generated(text, { model: ECHO_MODEL, latencyMs: 0 });
      }

      if (!config.apiKey) return writeLog(log({ outcome: 'skipped', reason: NO_API_KEY_REASON }), conversation);

      const result = await callProvider(providerRequest({ ...config, apiKey: config.apiKey }, prompt), () =>
        markOutOfFunds(collections.organizations, organizationId),
      );
      if (!result.ok) {
        // Timeouts, 5xx, rate limits: Temporal retries with backoff. Others are final and logged.
        if (result.error.retryable) throw ApplicationFailure.retryable(result.error.message, 'ProviderUnavailable');
        return writeLog(
          log({ outcome: 'failed', reason: result.error.message, latencyMs: result.latencyMs }),
          conversation,
        );
      }
      return generated(result.completion.text, {
        model: result.completion.model,
        usage: result.completion.usage,
        latencyMs: result.latencyMs,
      });
    },

    /** Called by the workflow once retries are exhausted, so the failure is inspectable in the AI log. */
    async recordGenerationFailure(turn: ReplyTurn & { reason: string }): Promise<GenerationResult> {
      const conversation = await collections.conversations.findOne({
        _id: turn.conversationId,
        organizationId: turn.organizationId,
      });
      const logged = await collections.aiLogs.findOne({
        _id: turn.replyMessageId,
        organizationId: turn.organizationId,
      });
      if (logged) return writeLog(logged, conversation);
      const { config } = await aiSettings.resolve(
        turn.organizationId,
        conversation?.channelAccountId ?? null,
        conversation?.chatId ?? null,
      );
      return writeLog(aiLogFor(turn, config, { outcome: 'failed', reason: turn.reason }), conversation);
    },
  };
}
