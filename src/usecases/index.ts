import type { Config } from '../config.js';
import type { Logger } from '../lib/logger.js';
import type { SecretBox } from '../lib/secret-box.js';
import type { ConversationEngine } from '../engine/conversation-engine.js';
import type { EventPublisher } from '../engine/event-publisher.js';
import { SequenceAllocator } from '../store/sequence-allocator.js';
import type { Collections } from '../store/database.js';
import type { ApiRecentReads } from '../store/recent-reads.js';
import { createRepositories } from '../store/repositories.js';
import { GetAiBudget, SetAiBudget } from './ai-budget.js';
import {
  CreateAgentAction,
  DeleteAgentAction,
  GetAgentAction,
  ListAgentActions,
  UpdateAgentAction,
  UpdateFollowupSettings,
} from './agent-actions.js';
import { CreateAgent, DeleteAgent, GetAgent, SearchAgents, UpdateAgent } from './agents.js';
import {
  GetAiSettingsLayer,
  GetChatAiSettings,
  ResolveAiConfig,
  SetChatAiSettings,
  UpdateAiSettingsLayer,
} from './ai-settings.js';
import { TestAiReply } from './ai-test.js';
import { AuthenticateApiKey, CreateApiKey, ListApiKeys, RevokeApiKey } from './api-keys.js';
import { ReadAuditLog } from './audit-log.js';
import {
  CreateCalendar,
  DeleteCalendar,
  GetCalendar,
  ListCalendars,
  RotateCalendarSigningSecret,
} from './calendars.js';
import {
  CreateChannelAccount,
  GetChannelAccount,
  ListChannelAccounts,
  RotateChannelAccountToken,
  UpdateChannelAccount,
} from './channel-accounts.js';
import { GetContact, UpdateContact } from './contacts.js';
import {
  FilterConversations,
  GetProviderStatus,
  ResetProviderStatus,
  SendHumanMessage,
} from './conversation-commands.js';
import { ChangeConversationControls, SetContactConversationStatus } from './conversation-controls.js';
import { ExplainGeneration } from './generation-details.js';
import { IngestInboundMessage } from './ingest-inbound-message.js';
import { CreateKnowledgeBase, DeleteKnowledgeBase, GetKnowledgeBase, ListKnowledgeBases } from './knowledge-bases.js';
import { GetConversation, ListConversations, ReadAiTurns, ReadTranscript } from './read-conversations.js';
import { ReceiveChannelWebhook, VerifyChannelWebhookSubscription } from './receive-channel-webhook.js';
import { ApproveSuggestion, DismissSuggestion, ListSuggestions } from './suggestions.js';
import {
  GetTakeoverWebhook,
  RemoveTakeoverWebhook,
  RotateTakeoverWebhookSecret,
  SaveTakeoverWebhook,
} from './takeover-webhooks.js';
import {
  ListWebhookDeliveries,
  ListWebhookSubscriptions,
  SubscribeWebhook,
  UnsubscribeWebhook,
} from './webhook-subscriptions.js';

/** What the use cases are built from (the API's dependencies, without the HTTP parts). */
export interface UseCaseDeps {
  config: Pick<Config, 'aiLimits' | 'aiDefaults' | 'outbound'>;
  logger: Logger;
  collections: Collections;
  engine: ConversationEngine;
  /** Webhook events the API itself causes (`message.received`). */
  events: EventPublisher;
  secretBox: SecretBox;
  /** What this API process read a moment ago; every repository that changes it forgets it here. */
  recentReads: ApiRecentReads;
}

/**
 * The repositories over the collections, and the use cases on them: built once per API process.
 * Building does no I/O, so the OpenAPI document can be generated without a database.
 */
export function createUseCases({ config, logger, collections, engine, events, secretBox, recentReads }: UseCaseDeps) {
  const { allowPrivateNetwork } = config.outbound;
  const store = createRepositories(collections, {
    secretBox,
    aiDefaults: config.aiDefaults,
    dailyTokenBudget: config.aiLimits.dailyTokenBudget,
    recentReads,
  });
  const {
    organizations,
    apiKeys,
    channelAccounts,
    contacts,
    conversations,
    messages,
    aiLogs,
    auditLog,
    suggestions,
    knowledgeBases,
    agents: agentRepository,
    agentActions,
    calendars,
    webhookSubscriptions,
    tokenBudgets: budgets,
    aiSettings,
  } = store;
  const changeConversationControls = new ChangeConversationControls(organizations, conversations, engine);
  const getChannelAccount = new GetChannelAccount(channelAccounts);
  const getAgent = new GetAgent(agentRepository, agentActions);
  const ingestRepositories = { channelAccounts, contacts, conversations, messages };
  const channelAccountDeps = { store, secretBox, allowPrivateNetwork };
  return {
    authenticateApiKey: new AuthenticateApiKey(apiKeys),
    createApiKey: new CreateApiKey(apiKeys, auditLog),
    listApiKeys: new ListApiKeys(apiKeys),
    revokeApiKey: new RevokeApiKey(apiKeys, auditLog),
    createChannelAccount: new CreateChannelAccount(channelAccountDeps),
    listChannelAccounts: new ListChannelAccounts(channelAccounts),
    getChannelAccount,
    updateChannelAccount: new UpdateChannelAccount(channelAccountDeps),
    rotateChannelAccountToken: new RotateChannelAccountToken(store),
    // The generic ingest route and the native channels' webhooks each number contacts and
    // conversations with their own allocator.
    ingestInboundMessage: new IngestInboundMessage(
      { ...ingestRepositories, sequences: new SequenceAllocator(collections.counters) },
      engine,
      events,
    ),
    verifyChannelWebhookSubscription: new VerifyChannelWebhookSubscription(channelAccounts, secretBox),
    receiveChannelWebhook: new ReceiveChannelWebhook(
      { channelAccounts, conversations, messages },
      engine,
      secretBox,
      new IngestInboundMessage(
        { ...ingestRepositories, sequences: new SequenceAllocator(collections.counters) },
        engine,
        events,
      ),
    ),
    listConversations: new ListConversations(conversations, contacts),
    getConversation: new GetConversation(conversations, contacts, channelAccounts, agentRepository, engine),
    readTranscript: new ReadTranscript(conversations, messages),
    readAiTurns: new ReadAiTurns(conversations, aiLogs),
    saveTakeoverWebhook: new SaveTakeoverWebhook(
      getChannelAccount,
      channelAccounts,
      auditLog,
      secretBox,
      allowPrivateNetwork,
    ),
    getTakeoverWebhook: new GetTakeoverWebhook(getChannelAccount, secretBox),
    rotateTakeoverWebhookSecret: new RotateTakeoverWebhookSecret(
      getChannelAccount,
      channelAccounts,
      auditLog,
      secretBox,
    ),
    removeTakeoverWebhook: new RemoveTakeoverWebhook(getChannelAccount, channelAccounts, auditLog),
    subscribeWebhook: new SubscribeWebhook(
      getChannelAccount,
      webhookSubscriptions,
      auditLog,
      secretBox,
      allowPrivateNetwork,
    ),
    unsubscribeWebhook: new UnsubscribeWebhook(webhookSubscriptions, auditLog),
    listSuggestions: new ListSuggestions(conversations, suggestions),
    approveSuggestion: new ApproveSuggestion(conversations, suggestions, engine),
    dismissSuggestion: new DismissSuggestion(conversations, suggestions),
    createKnowledgeBase: new CreateKnowledgeBase(knowledgeBases),
    listKnowledgeBases: new ListKnowledgeBases(knowledgeBases),
    getKnowledgeBase: new GetKnowledgeBase(knowledgeBases),
    deleteKnowledgeBase: new DeleteKnowledgeBase(knowledgeBases, agentRepository),
    createCalendar: new CreateCalendar(calendars, secretBox, allowPrivateNetwork),
    rotateCalendarSigningSecret: new RotateCalendarSigningSecret(calendars, secretBox),
    listCalendars: new ListCalendars(calendars),
    getCalendar: new GetCalendar(calendars),
    deleteCalendar: new DeleteCalendar(calendars, agentActions),
    readAuditLog: new ReadAuditLog(auditLog),
    explainGeneration: new ExplainGeneration(aiLogs, messages, agentRepository),
    getContact: new GetContact(contacts),
    updateContact: new UpdateContact(contacts),
    changeConversationControls,
    setContactConversationStatus: new SetContactConversationStatus(contacts, conversations, changeConversationControls),
    filterConversations: new FilterConversations(conversations),
    sendHumanMessage: new SendHumanMessage(conversations, engine),
    getProviderStatus: new GetProviderStatus(organizations),
    resetProviderStatus: new ResetProviderStatus(organizations),
    getAiBudget: new GetAiBudget(budgets),
    setAiBudget: new SetAiBudget(budgets),
    getAiSettingsLayer: new GetAiSettingsLayer(aiSettings, channelAccounts),
    updateAiSettingsLayer: new UpdateAiSettingsLayer(aiSettings, channelAccounts, auditLog),
    resolveAiConfig: new ResolveAiConfig(aiSettings, channelAccounts),
    getChatAiSettings: new GetChatAiSettings(aiSettings, channelAccounts),
    setChatAiSettings: new SetChatAiSettings(aiSettings, channelAccounts, auditLog),
    createAgent: new CreateAgent(agentRepository, knowledgeBases, auditLog),
    searchAgents: new SearchAgents(agentRepository, agentActions),
    getAgent,
    updateAgent: new UpdateAgent(agentRepository, knowledgeBases, auditLog, getAgent),
    deleteAgent: new DeleteAgent(agentRepository, agentActions, conversations, auditLog),
    createAgentAction: new CreateAgentAction(agentRepository, agentActions, calendars),
    listAgentActions: new ListAgentActions(agentRepository, agentActions),
    getAgentAction: new GetAgentAction(agentRepository, agentActions),
    updateAgentAction: new UpdateAgentAction(agentRepository, agentActions, calendars),
    deleteAgentAction: new DeleteAgentAction(agentRepository, agentActions),
    updateFollowupSettings: new UpdateFollowupSettings(agentRepository, agentActions),
    // The AI test counts the tokens it spends against the same budgets.
    testAiReply: new TestAiReply(
      { channelAccounts, conversations, messages, aiLogs, organizations, aiSettings },
      engine,
      { allowPrivateNetwork, logger },
      { budgets, maxPromptCharacters: config.aiLimits.maxPromptCharacters },
    ),
    listWebhookSubscriptions: new ListWebhookSubscriptions(getChannelAccount, webhookSubscriptions),
    listWebhookDeliveries: new ListWebhookDeliveries(getChannelAccount, store.webhookDeliveries),
  };
}

export type UseCases = ReturnType<typeof createUseCases>;
