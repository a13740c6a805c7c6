import { ApplicationFailure } from '@temporalio/activity';
import { decideReply, type EffectiveAiConfig } from '../domain/ai-config.js';
import { aiLogRecord } from '../domain/ai-log.js';
import type { AiLog } from '../domain/model.js';
import { buildPrompt, HISTORY_LIMIT } from '../domain/prompt.js';
import { typingDurationMs, type TypingPace } from '../domain/typing.js';
import { isDuplicateKeyError, type Collections } from '../store/database.js';
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

export function createReplyGenerationActivities({ collections, aiSettings, typing }: ReplyGenerationDeps) {
  /** Writes the log once; a retried activity whose first attempt already wrote it reads that one. */
  async function writeLog(log: AiLog): Promise<GenerationResult> {
    try {
      await collections.aiLogs.insertOne(log);
      return resultOf(log);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const existing = await collections.aiLogs.findOne({ _id: log._id });
      return resultOf(existing!);
    }
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
      const logged = await collections.aiLogs.findOne({ _id: replyMessageId, organizationId });
      if (logged) return resultOf(logged);

      const conversation = await collections.conversations.findOne({ _id: conversationId, organizationId });
      if (!conversation) throw ApplicationFailure.nonRetryable(`conversation ${conversationId} not found`, 'NotFound');
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
        );

      const decision = decideReply(config, { type: conversation.chatType, contactBlocked: contact?.blocked ?? false });
      if (!decision.reply) return writeLog(log({ outcome: 'skipped', reason: decision.reason }));

      if (config.echoMode) {
        const triggers = await collections.messages
          .find({ _id: { $in: turn.triggerMessageIds }, organizationId })
          .sort({ createdAt: 1 })
          .toArray();
        const text = triggers.map((message) => message.text).join('\n');
        if (!text.trim()) return writeLog(log({ outcome: 'skipped', reason: 'nothing to echo' }));
        return generated(text, { model: ECHO_MODEL, latencyMs: 0 });
      }

      if (!config.apiKey) return writeLog(log({ outcome: 'skipped', reason: NO_API_KEY_REASON }));

      const result = await callProvider(providerRequest({ ...config, apiKey: config.apiKey }, prompt), () =>
        markOutOfFunds(collections.organizations, organizationId),
      );
      if (!result.ok) {
        // Timeouts, 5xx, rate limits: Temporal retries with backoff. Others are final and logged.
        if (result.error.retryable) throw ApplicationFailure.retryable(result.error.message, 'ProviderUnavailable');
        return writeLog(log({ outcome: 'failed', reason: result.error.message, latencyMs: result.latencyMs }));
      }
      return generated(result.completion.text, {
        model: result.completion.model,
        usage: result.completion.usage,
        latencyMs: result.latencyMs,
      });
    },

    /** Called by the workflow once retries are exhausted, so the failure is inspectable in the AI log. */
    async recordGenerationFailure(turn: ReplyTurn & { reason: string }): Promise<GenerationResult> {
      const logged = await collections.aiLogs.findOne({
        _id: turn.replyMessageId,
        organizationId: turn.organizationId,
      });
      if (logged) return resultOf(logged);
      const conversation = await collections.conversations.findOne({
        _id: turn.conversationId,
        organizationId: turn.organizationId,
      });
      const { config } = await aiSettings.resolve(
        turn.organizationId,
        conversation?.channelAccountId ?? null,
        conversation?.chatId ?? null,
      );
      return writeLog(aiLogFor(turn, config, { outcome: 'failed', reason: turn.reason }));
    },
  };
}
