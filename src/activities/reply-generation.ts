import { ApplicationFailure } from '@temporalio/activity';
import type { Config } from '../config.js';
import type { AiLog } from '../domain/model.js';
import { buildPrompt, HISTORY_LIMIT } from '../domain/prompt.js';
import { isDuplicateKeyError, type Collections } from '../store/database.js';
import { complete, ProviderError } from './llm-client.js';

export interface ReplyTurn {
  organizationId: string;
  conversationId: string;
  /** The inbound messages this reply answers. */
  triggerMessageIds: string[];
  /** Fixed by the workflow before the call: the AI log's key and the outbound message's id. */
  replyMessageId: string;
}

export type GenerationResult =
  | { outcome: 'generated'; text: string; aiLogId: string }
  | { outcome: 'skipped' | 'failed'; reason: string; aiLogId: string };

export const NO_API_KEY_REASON = 'no API key configured';

export interface ReplyGenerationDeps {
  collections: Pick<Collections, 'messages' | 'aiLogs' | 'organizations'>;
  aiDefaults: Config['aiDefaults'];
}

/** An AI log row for this turn; its id is the reply message id, so there is at most one per reply. */
function aiLogFor(turn: ReplyTurn, config: ReplyGenerationDeps['aiDefaults'], fields: Partial<AiLog>): AiLog {
  return {
    _id: turn.replyMessageId,
    organizationId: turn.organizationId,
    conversationId: turn.conversationId,
    replyMessageId: turn.replyMessageId,
    triggerMessageIds: turn.triggerMessageIds,
    outcome: 'skipped',
    reason: null,
    model: config.model,
    baseUrl: config.baseUrl,
    prompt: [],
    reply: null,
    usage: null,
    latencyMs: null,
    createdAt: new Date(),
    ...fields,
  };
}

function resultOf(log: AiLog): GenerationResult {
  return log.outcome === 'generated'
    ? { outcome: 'generated', text: log.reply ?? '', aiLogId: log._id }
    : { outcome: log.outcome, reason: log.reason ?? log.outcome, aiLogId: log._id };
}

export function createReplyGenerationActivities({ collections, aiDefaults }: ReplyGenerationDeps) {
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
     * System prompt + last messages → provider → AI log. Idempotent on `replyMessageId`: once a log
     * exists, retries return it instead of calling the provider again.
     */
    async generateReply(turn: ReplyTurn): Promise<GenerationResult> {
      const { organizationId, conversationId, replyMessageId } = turn;
      const logged = await collections.aiLogs.findOne({ _id: replyMessageId, organizationId });
      if (logged) return resultOf(logged);

      const config = aiDefaults;
      const history = await collections.messages
        .find({ organizationId, conversationId }, { projection: { direction: 1, text: 1 } })
        .sort({ createdAt: -1 })
        .limit(HISTORY_LIMIT)
        .toArray();
      const prompt = buildPrompt(config.systemPrompt, history);
      const log = (fields: Partial<AiLog>) => aiLogFor(turn, config, { prompt, ...fields });

      if (!config.apiKey) return writeLog(log({ outcome: 'skipped', reason: NO_API_KEY_REASON }));

      const startedAt = Date.now();
      try {
        const completion = await complete({
          baseUrl: config.baseUrl,
          apiKey: config.apiKey,
          model: config.model,
          messages: prompt,
          temperature: config.temperature,
          maxTokens: config.maxTokens,
          timeoutSeconds: config.timeoutSeconds,
        });
        return writeLog(
          log({
            outcome: 'generated',
            model: completion.model,
            reply: completion.text,
            usage: completion.usage,
            latencyMs: Date.now() - startedAt,
          }),
        );
      } catch (error) {
        if (!(error instanceof ProviderError) || error.retryable) {
          // Timeouts, 5xx, rate limits: Temporal retries with backoff.
          throw ApplicationFailure.retryable(
            error instanceof Error ? error.message : String(error),
            'ProviderUnavailable',
          );
        }
        if (error.insufficientQuota) {
          await collections.organizations.updateOne(
            { _id: organizationId },
            { $set: { providerStatus: 'insufficient_funds' } },
          );
        }
        return writeLog(log({ outcome: 'failed', reason: error.message, latencyMs: Date.now() - startedAt }));
      }
    },

    /** Called by the workflow once retries are exhausted, so the failure is inspectable in the AI log. */
    async recordGenerationFailure(turn: ReplyTurn & { reason: string }): Promise<GenerationResult> {
      const logged = await collections.aiLogs.findOne({
        _id: turn.replyMessageId,
        organizationId: turn.organizationId,
      });
      if (logged) return resultOf(logged);
      return writeLog(aiLogFor(turn, aiDefaults, { outcome: 'failed', reason: turn.reason }));
    },
  };
}
