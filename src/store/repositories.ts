import type { EnvironmentAiSettings } from '../domain/ai-config.js';
import type { SecretBox } from '../lib/secret-box.js';
import { AgentActionRunRepository } from './agent-action-runs.js';
import { AgentActionRepository } from './agent-actions.js';
import { AgentRepository } from './agents.js';
import { AiLogRepository } from './ai-logs.js';
import { AiSettingsRepository } from './ai-settings.js';
import { ApiKeyRepository } from './api-keys.js';
import { AuditLog } from './audit-log.js';
import { CalendarRepository } from './calendars.js';
import { ChannelAccountRepository } from './channel-accounts.js';
import { ConfigurationVersions } from './configuration-versions.js';
import { ContactRepository } from './contacts.js';
import { ConversationRepository } from './conversations.js';
import type { Collections } from './database.js';
import { KnowledgeBaseRepository } from './knowledge-bases.js';
import { MessageRepository } from './messages.js';
import { OrganizationRepository } from './organizations.js';
import type { ApiRecentReads } from './recent-reads.js';
import { SuggestionRepository } from './suggestions.js';
import { TokenBudgets } from './token-budgets.js';
import { WebhookDeliveryRepository, WebhookSubscriptionRepository } from './webhooks.js';

export interface RepositoryOptions {
  secretBox: SecretBox;
  /** The `AI_*` environment layer AI settings resolve over. */
  aiDefaults: EnvironmentAiSettings;
  /** `AI_DAILY_TOKEN_BUDGET` (0: none). */
  dailyTokenBudget: number;
  /** What the API process read a moment ago; absent (the worker): every read asks the store. */
  recentReads?: ApiRecentReads | undefined;
}

/**
 * Every repository over one database's collections, built once per process (the API's use cases,
 * the worker's activities) and handed to what needs them. Building does no I/O.
 */
export function createRepositories(
  collections: Collections,
  { secretBox, aiDefaults, dailyTokenBudget, recentReads }: RepositoryOptions,
) {
  const configuration = new ConfigurationVersions(collections.organizations);
  return {
    agents: new AgentRepository(collections.agents, configuration),
    agentActions: new AgentActionRepository(collections.agentActions, configuration),
    agentActionRuns: new AgentActionRunRepository(collections.agentActionRuns),
    aiLogs: new AiLogRepository(collections.aiLogs),
    aiSettings: new AiSettingsRepository(collections, secretBox, aiDefaults, configuration),
    apiKeys: new ApiKeyRepository(collections.apiKeys, recentReads?.apiKeys),
    auditLog: new AuditLog(collections.auditLog),
    calendars: new CalendarRepository(collections.calendars),
    channelAccounts: new ChannelAccountRepository(
      collections.channelAccounts,
      configuration,
      recentReads?.channelAccounts,
    ),
    contacts: new ContactRepository(collections.contacts, configuration, recentReads?.contacts),
    conversations: new ConversationRepository(collections.conversations, configuration, recentReads?.chatConversations),
    knowledgeBases: new KnowledgeBaseRepository(collections),
    messages: new MessageRepository(collections.messages),
    organizations: new OrganizationRepository(collections.organizations),
    suggestions: new SuggestionRepository(collections.suggestions),
    tokenBudgets: new TokenBudgets(collections, dailyTokenBudget),
    webhookDeliveries: new WebhookDeliveryRepository(collections.webhookDeliveries),
    webhookSubscriptions: new WebhookSubscriptionRepository(
      collections.webhookSubscriptions,
      configuration,
      recentReads?.subscriptions,
    ),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
