import { activityInfo, ApplicationFailure } from '@temporalio/activity';
import { agentSystemPrompt, type Agent } from '../domain/agent.js';
import { agentTools } from '../domain/agent-tools.js';
import { decideReply, NO_API_KEY_REASON, type EffectiveAiConfig } from '../domain/ai-config.js';
import { aiLogRecord } from '../domain/ai-log.js';
import type { AiLog, ConversationRoute, Message } from '../domain/model.js';
import type { ConversationKey, GenerationResult, ReplyTurn } from '../workflows/contracts.js';
import {
  buildPrompt,
  fitPrompt,
  HISTORY_LIMIT,
  PROMPT_TOO_LARGE_REASON,
  promptCharacters,
  withToolRounds,
} from '../domain/prompt.js';
import { BUDGET_EXCEEDED_REASON, type TokenBudgetStatus } from '../domain/token-budget.js';
import { replyParts, resolveTypingStyle, typingDurationMs, type TypingPace } from '../domain/typing.js';
import type { WorkerMetrics } from '../lib/metrics.js';
import type { Logger } from '../lib/logger.js';
import type { Repositories } from '../store/repositories.js';
import type { ConversationReads } from './conversation-reads.js';
import type { EventPublisher, KnownSubscriptions } from '../engine/event-publisher.js';
import { conversationEvent } from './event-publisher.js';
import { knowledgeSection, retrieveChunks } from './knowledge-retrieval.js';
import { callProvider, ECHO_MODEL, providerRequest } from '../lib/llm-client.js';

const FOLLOWUP_INSTRUCTION =
  'The contact has not answered your last message. Write one short, friendly follow-up that invites a reply.';

export interface ReplyGenerationDeps {
  store: Pick<
    Repositories,
    | 'messages'
    | 'aiLogs'
    | 'aiSettings'
    | 'organizations'
    | 'conversations'
    | 'knowledgeBases'
    | 'suggestions'
    | 'tokenBudgets'
  >;
  readsOf: (key: ConversationKey) => ConversationReads;
  /** The service's typing pace; a channel account or agent may set its own. */
  typing: TypingPace;
  events: EventPublisher;
  metrics: Pick<WorkerMetrics, 'repliesSkipped' | 'repliesFailed' | 'providerErrors' | 'tokens'>;
  /** Whether an organization's provider URL may be a private address. */
  outbound: { allowPrivateNetwork: boolean };
  logger: Logger;
  limits: ReplyLimits;
}

/** What one reply may take from the provider (see `AI_MAX_*` in README). */
export interface ReplyLimits {
  /** Rounds of tool calls per reply; the next request is asked for text only. */
  maxToolRounds: number;
  /** Tool calls run per round; the model's further calls in that round are dropped. */
  maxToolCallsPerRound: number;
  /** Characters of prompt per request; the oldest history goes first, then the turn is skipped. */
  maxPromptCharacters: number;
}

/**
 * The operator's notice that the organization spent its tokens for the day: one event per
 * organization and UTC day (its id), whichever turn meets the budget first or again.
 */
function budgetExceededEvent(conversation: ConversationRoute, budget: TokenBudgetStatus) {
  return conversationEvent(conversation, 'ai.budget.exceeded', `budget-${budget.day}`, {
    organization_id: conversation.organizationId,
    day: budget.day,
    daily_token_budget: budget.budget,
    tokens_used: budget.used,
    resets_at: budget.resetsAt.toISOString(),
  });
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

/** The result a written log stands for (a retried activity answers it again). */
type LoggedResult = Exclude<GenerationResult, { outcome: 'tool_calls' }>;

function resultOf(log: AiLog): LoggedResult {
  if (log.outcome === 'generated' && log.agentMode === 'SUGGESTIVE') return { outcome: 'suggested', aiLogId: log._id };
  return log.outcome === 'generated'
    ? {
        outcome: 'generated',
        text: log.reply ?? '',
        aiLogId: log._id,
        replyDelaySeconds: log.replyDelaySeconds ?? 0,
        typingMs: log.typingMs ?? 0,
        ...(log.parts ? { parts: log.parts } : {}),
      }
    : { outcome: log.outcome, reason: log.reason ?? log.outcome, aiLogId: log._id };
}

export function createReplyGenerationActivities({
  store,
  readsOf,
  typing,
  events,
  metrics,
  outbound,
  logger,
  limits,
}: ReplyGenerationDeps) {
  const {
    messages,
    aiLogs,
    aiSettings,
    organizations,
    conversations,
    knowledgeBases,
    suggestions,
    tokenBudgets: budgets,
  } = store;
  /** A SUGGESTIVE agent's reply waits for a human: stored once (its id is the log's) and announced. */
  async function storeSuggestion(
    log: AiLog,
    conversation: ConversationRoute,
    subscriptions: KnownSubscriptions | undefined,
  ): Promise<void> {
    await suggestions.insertOnce({
      _id: log._id,
      organizationId: log.organizationId,
      conversationId: conversation._id,
      agentId: log.agentId ?? '',
      text: log.reply ?? '',
      status: 'pending',
      createdAt: log.createdAt,
      decidedAt: null,
      sentMessageId: null,
    });
    await events.publish(
      conversationEvent(conversation, 'agent.suggestion.created', log._id, {
        suggestion_id: log._id,
        agent_id: log.agentId,
        text: log.reply,
      }),
      subscriptions,
    );
  }

  /** What the agent may not answer: images and audio unless it is allowed to (the other triggers still count). */
  function answerable(agent: Agent | null, triggers: Pick<Message, 'kind'>[]): boolean {
    if (!agent) return true;
    return triggers.some(
      (message) =>
        (message.kind !== 'image' || agent.respondToImages) && (message.kind !== 'audio' || agent.respondToAudio),
    );
  }

  /**
   * Writes the log once (a retried activity whose first attempt already wrote it reads that one)
   * and announces it: `ai.reply.generated` or `ai.reply.failed`, idempotent by event id, so a retry
   * after a crash between the two still emits the event exactly once.
   */
  async function writeLog(
    log: AiLog,
    conversation: ConversationRoute | null,
    subscriptions?: KnownSubscriptions,
  ): Promise<LoggedResult> {
    const { inserted, stored } = await aiLogs.insertOrFind(log);
    if (inserted) {
      // Counted with the log's first write: a retry that finds it does not count the turn again.
      if (log.outcome === 'skipped') metrics.repliesSkipped.inc({ reason: log.reason ?? 'unknown' });
      if (log.outcome === 'failed') metrics.repliesFailed.inc({ stage: 'generation' });
    }
    const result = resultOf(stored);
    if (!conversation || result.outcome === 'skipped') return result;
    if (result.outcome === 'suggested') {
      await storeSuggestion(stored, conversation, subscriptions);
      return result;
    }
    const data =
      result.outcome === 'generated'
        ? { text: result.text, ai_log_id: stored._id, trigger_message_ids: stored.triggerMessageIds }
        : { stage: 'generation', reason: result.reason };
    const type = result.outcome === 'generated' ? 'ai.reply.generated' : 'ai.reply.failed';
    await events.publish(
      conversationEvent(conversation, type, stored.replyMessageId, { message_id: stored.replyMessageId, ...data }),
      subscriptions,
    );
    return result;
  }

  /**
   * The messages the turn answers, oldest first: found in the history just read (they are among the
   * latest messages unless a burst outgrew it), else read by id.
   */
  async function triggersOf(
    turn: ReplyTurn,
    history: Awaited<ReturnType<Repositories['messages']['recentOfConversation']>>,
  ) {
    const wanted = new Set(turn.triggerMessageIds);
    const inHistory = history.filter((message) => wanted.has(message._id)).reverse();
    if (inHistory.length === wanted.size) return inHistory;
    return messages.byIdsInConversation(turn.organizationId, turn.conversationId, turn.triggerMessageIds);
  }

  return {
    /**
     * One reply turn, in the seed's order: re-evaluate the rules with the configuration in force
     * now (chat → account → global → environment), build system prompt + last 20 messages, call the
     * provider (or echo), write the AI log. Idempotent on `replyMessageId`: once a log exists,
     * retries return it instead of calling the provider again. `reads`: shared with the steps that
     * ride along (turn-steps.ts).
     */
    async generateReply(turn: ReplyTurn, reads = readsOf(turn)): Promise<GenerationResult> {
      const { organizationId, conversationId, replyMessageId } = turn;
      const conversation = await reads.route();
      const write = (log: AiLog) => writeLog(log, conversation, reads.subscriptions);
      // Only a retry can find its log (an earlier attempt wrote it, then could not answer); the first
      // attempt skips the lookup, a scan of the largest collection on FerretDB.
      const logged =
        activityInfo().attempt > 1 ? await aiLogs.findInOrganization(organizationId, replyMessageId) : null;
      if (logged) return write(logged);

      const configuration = await reads.configuration();
      const [{ config }, contact, history, agent] = await Promise.all([
        configuration.aiConfig(conversation.channelAccountId, conversation.chatId),
        reads.contact(),
        messages.recentOfConversation(organizationId, conversationId, HISTORY_LIMIT),
        turn.agentId ? configuration.findInOrganization(organizationId, turn.agentId) : null,
      ]);
      const triggers = await triggersOf(turn, history);
      const knowledgeChunks = agent
        ? await retrieveChunks(
            knowledgeBases,
            organizationId,
            agent.knowledgeBaseIds,
            triggers.map((m) => m.text).join('\n'),
          )
        : [];
      const systemPrompt = agent ? agentSystemPrompt(agent) + knowledgeSection(knowledgeChunks) : config.systemPrompt;
      const prompt = [
        ...buildPrompt(systemPrompt, history),
        ...(turn.followup ? [{ role: 'system' as const, content: FOLLOWUP_INSTRUCTION }] : []),
      ];
      const log = (fields: Partial<AiLog>) =>
        aiLogFor(turn, config, {
          prompt,
          agentId: agent?._id ?? null,
          agentMode: agent?.mode ?? null,
          source: turn.followup ? 'workflow' : 'conversation',
          knowledgeChunks,
          actionLogs: turn.actionLogs ?? [],
          ...fields,
        });
      /** Logs the reply with how it is to be sent: after the delay, typed, in parts if split. */
      const generated = async (reply: string, fields: Partial<AiLog>) => {
        const account = await reads.account();
        const style = resolveTypingStyle(agent, account, typing);
        const parts = replyParts(replyMessageId, reply, style);
        const typingMs = parts
          ? parts.reduce((total, part) => total + part.typingMs, 0)
          : typingDurationMs(reply, style.pace);
        return write(
          log({
            outcome: 'generated',
            reply,
            replyDelaySeconds: config.replyDelaySeconds,
            typingMs,
            ...(parts ? { parts } : {}),
            ...fields,
          }),
        );
      };

      const decision = decideReply(config, { type: conversation.chatType, contactBlocked: contact?.blocked ?? false });
      if (!decision.reply) return write(log({ outcome: 'skipped', reason: decision.reason }));
      if (!turn.followup && !answerable(agent, triggers)) {
        return write(log({ outcome: 'skipped', reason: 'the agent does not answer this kind of message' }));
      }
      if (turn.fixedReply) return generated(turn.fixedReply, { latencyMs: 0 });

      if (config.echoMode) {
        const text = triggers.map((message) => message.text).join('\n');
        if (!text.trim()) return write(log({ outcome: 'skipped', reason: 'nothing to echo' }));
        return generated(text, { model: ECHO_MODEL, latencyMs: 0 });
      }

      // No key, or the service's key for a URL or model it does not serve: said in the log, never sent.
      if (config.provider.problem || !config.apiKey) {
        const reason = config.provider.problem?.reason ?? NO_API_KEY_REASON;
        return write(log({ outcome: 'skipped', reason }));
      }

      const budget = await budgets.status(organizationId, { organization: await reads.organization() });
      if (budget.exceeded) {
        await events.publish(budgetExceededEvent(conversation, budget), reads.subscriptions);
        return write(log({ outcome: 'skipped', reason: BUDGET_EXCEEDED_REASON }));
      }

      // Tools only for an agent that acts on its own, and never in a follow-up or past the last round.
      const rounds = turn.toolRounds ?? [];
      const toolMessages = withToolRounds([], rounds);
      const fitted = fitPrompt(prompt, limits.maxPromptCharacters, promptCharacters(toolMessages));
      if (!fitted) return write(log({ outcome: 'skipped', reason: PROMPT_TOO_LARGE_REASON }));
      const tools =
        agent?.mode === 'AUTO_PILOT' && !turn.followup && rounds.length < limits.maxToolRounds
          ? agentTools(await configuration.agentActions(agent._id))
          : [];
      const result = await callProvider(
        providerRequest({ ...config, apiKey: config.apiKey }, outbound, [...fitted, ...toolMessages], tools),
        {
          onOutOfFunds: () => organizations.markOutOfFunds(organizationId),
          logger,
        },
      );
      if (!result.ok) {
        const { insufficientQuota, retryable } = result.error;
        metrics.providerErrors.inc({
          kind: insufficientQuota ? 'insufficient_quota' : retryable ? 'retryable' : 'final',
        });
        // Timeouts, 5xx, rate limits: Temporal retries with backoff. Others are final and logged.
        if (result.error.retryable) throw ApplicationFailure.retryable(result.error.message, 'ProviderUnavailable');
        return write(log({ outcome: 'failed', reason: result.error.message, latencyMs: result.latencyMs }));
      }
      const { completion } = result;
      await budgets.record(organizationId, completion.usage?.totalTokens ?? 0);
      if (completion.usage) {
        metrics.tokens.inc({ model: completion.model, type: 'prompt' }, completion.usage.promptTokens);
        metrics.tokens.inc({ model: completion.model, type: 'completion' }, completion.usage.completionTokens);
      }
      // Nothing is logged yet: the workflow runs the calls (one activity each) and asks again with their answers.
      if (completion.toolCalls.length > 0 && tools.length > 0)
        return { outcome: 'tool_calls', calls: completion.toolCalls.slice(0, limits.maxToolCallsPerRound) };
      if (!completion.text) throw ApplicationFailure.retryable('provider returned no text', 'ProviderUnavailable');
      return generated(completion.text, {
        prompt: fitted,
        model: completion.model,
        usage: completion.usage,
        latencyMs: result.latencyMs,
      });
    },

    /** Called by the workflow once retries are exhausted, so the failure is inspectable in the AI log. */
    async recordGenerationFailure(turn: ReplyTurn & { reason: string }): Promise<GenerationResult> {
      const conversation = await conversations.findInOrganization(turn.organizationId, turn.conversationId);
      const logged = await aiLogs.findInOrganization(turn.organizationId, turn.replyMessageId);
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
