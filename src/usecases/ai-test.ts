import { callProvider, ECHO_MODEL, providerRequest } from '../lib/llm-client.js';
import type { OrganizationRepository } from '../store/organizations.js';
import { NO_API_KEY_REASON } from '../domain/ai-config.js';
import { badRequest, notFound, ServiceError } from '../domain/errors.js';
import { aiLogRecord } from '../domain/ai-log.js';
import { newId } from '../domain/ids.js';
import type { AiLog } from '../domain/model.js';
import { buildPrompt, fitPrompt, HISTORY_LIMIT, PROMPT_TOO_LARGE_REASON } from '../domain/prompt.js';
import { BUDGET_EXCEEDED_REASON } from '../domain/token-budget.js';
import type { ConversationEngine } from '../engine/conversation-engine.js';
import type { Logger } from '../lib/logger.js';
import type { AiLogRepository } from '../store/ai-logs.js';
import type { AiSettingsRepository } from '../store/ai-settings.js';
import type { ChannelAccountRepository } from '../store/channel-accounts.js';
import type { ConversationRepository } from '../store/conversations.js';
import type { MessageRepository } from '../store/messages.js';
import type { TokenBudgets } from '../store/token-budgets.js';
import { requireChannelAccount } from './channel-accounts.js';

export interface AiTestCommand {
  organizationId: string;
  channelAccountId: string | null;
  chatId: string | null;
  message: string;
  /** Also send the reply into the chat (through its conversation workflow). */
  sendToChat: boolean;
}

export interface AiTestResult {
  reply: string;
  model: string;
  usage: AiLog['usage'];
  latencyMs: number;
  aiLogId: string;
  /** Set when the reply was handed to the conversation for sending. */
  sentMessageId: string | null;
}

/**
 * The AI test routes of seed 002: what the AI answers to `message` with the configuration in force
 * for the account/chat (the chat's recent history included), logged in the AI log as a test.
 * Synchronous and without retries: a provider failure is reported, not retried.
 */
export class TestAiReply {
  constructor(
    private readonly store: {
      channelAccounts: ChannelAccountRepository;
      conversations: ConversationRepository;
      messages: MessageRepository;
      aiLogs: AiLogRepository;
      organizations: OrganizationRepository;
      aiSettings: AiSettingsRepository;
    },
    private readonly engine: ConversationEngine,
    private readonly provider: { allowPrivateNetwork: boolean; logger: Logger },
    private readonly limits: { budgets: TokenBudgets; maxPromptCharacters: number },
  ) {}

  async execute(command: AiTestCommand): Promise<AiTestResult> {
    const { organizationId, channelAccountId, chatId } = command;
    const { conversations, messages, aiLogs, organizations, aiSettings } = this.store;
    // Another organization's account is indistinguishable from none.
    if (channelAccountId) await requireChannelAccount(this.store.channelAccounts, organizationId, channelAccountId);
    if (chatId && !channelAccountId) throw badRequest('chat_id needs an account');
    if (command.sendToChat && !chatId) throw badRequest('send_to_chat needs chat_id');
    const { config } = await aiSettings.resolve(organizationId, channelAccountId, chatId);
    const conversation =
      channelAccountId && chatId ? await conversations.findByChat({ organizationId, channelAccountId, chatId }) : null;
    if (command.sendToChat && !conversation) throw notFound('Chat');
    const history = conversation
      ? await messages.recentOfConversation(organizationId, conversation._id, HISTORY_LIMIT - 1)
      : [];
    const prompt = fitPrompt(
      buildPrompt(config.systemPrompt, [{ direction: 'inbound', text: command.message }, ...history]),
      this.limits.maxPromptCharacters,
    );
    if (!prompt) {
      throw new ServiceError(
        422,
        PROMPT_TOO_LARGE_REASON,
        'The system prompt and the message exceed the prompt size limit',
      );
    }

    const logId = newId();
    const log = (fields: Partial<AiLog>) =>
      aiLogRecord(
        {
          _id: logId,
          origin: 'test',
          organizationId,
          conversationId: conversation?._id ?? null,
          replyMessageId: logId,
          triggerMessageIds: [],
          model: config.modelName,
          baseUrl: config.baseUrl,
        },
        { outcome: 'generated', prompt, ...fields },
      );

    let result: Omit<AiTestResult, 'aiLogId' | 'sentMessageId'>;
    if (config.echoMode) {
      result = { reply: command.message, model: ECHO_MODEL, usage: null, latencyMs: 0 };
    } else if (config.provider.problem || !config.apiKey) {
      // The same refusal as a real turn's (skipped, with the reason), as a 422 naming it.
      const { code, reason } = config.provider.problem ?? { code: 'no_api_key', reason: NO_API_KEY_REASON };
      await aiLogs.insert(log({ outcome: 'skipped', reason }));
      throw new ServiceError(422, code, `Cannot test: ${reason}`);
    } else {
      const budget = await this.limits.budgets.status(organizationId);
      if (budget.exceeded) {
        await aiLogs.insert(log({ outcome: 'skipped', reason: BUDGET_EXCEEDED_REASON }));
        const retryAfter = Math.ceil((budget.resetsAt.getTime() - Date.now()) / 1000);
        throw new ServiceError(
          429,
          BUDGET_EXCEEDED_REASON,
          'The organization spent its daily token budget',
          undefined,
          {
            'retry-after': String(Math.max(1, retryAfter)),
          },
        );
      }
      const outcome = await callProvider(providerRequest({ ...config, apiKey: config.apiKey }, this.provider, prompt), {
        onOutOfFunds: () => organizations.markOutOfFunds(organizationId),
        logger: this.provider.logger,
      });
      if (!outcome.ok) {
        await aiLogs.insert(log({ outcome: 'failed', reason: outcome.error.message, latencyMs: outcome.latencyMs }));
        throw new ServiceError(502, 'provider_error', outcome.error.message, {
          provider_status: outcome.error.status,
          insufficient_quota: outcome.error.insufficientQuota,
        });
      }
      const { completion, latencyMs } = outcome;
      await this.limits.budgets.record(organizationId, completion.usage?.totalTokens ?? 0);
      result = { reply: completion.text, model: completion.model, usage: completion.usage, latencyMs };
    }
    await aiLogs.insert(
      log({ reply: result.reply, model: result.model, usage: result.usage, latencyMs: result.latencyMs }),
    );

    let sentMessageId: string | null = null;
    if (command.sendToChat && conversation) {
      sentMessageId = logId;
      await this.engine.requestOutboundMessage(conversation, {
        messageId: sentMessageId,
        text: result.reply,
        author: 'ai',
      });
    }
    return { ...result, aiLogId: logId, sentMessageId };
  }
}
