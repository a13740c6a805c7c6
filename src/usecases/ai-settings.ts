import {
  resolveAiConfig,
  type AiSettings,
  type ChatAiSettings,
  type EffectiveAiConfig,
  type EffectiveAiConfigSources,
  type EnvironmentAiSettings,
} from '../domain/ai-config.js';
import type { AiSettingsDocument, StoredAiSettings } from '../domain/model.js';
import type { SecretBox } from '../lib/secret-box.js';
import type { Collections } from '../store/database.js';
import { findChannelAccount } from './channel-accounts.js';

/** Where a settings layer lives: the organization's global layer or one channel account's. */
export type AiSettingsScope = { kind: 'global' } | { kind: 'account'; channelAccountId: string };

/** A change to a layer: a value sets the field, `null` clears it (the next layer applies again). */
export type AiSettingsPatch = { [K in keyof AiSettings]?: AiSettings[K] | null };

export interface ResolvedAiConfig {
  config: EffectiveAiConfig;
  sources: EffectiveAiConfigSources;
}

const documentId = (organizationId: string, scope: AiSettingsScope) =>
  scope.kind === 'global' ? `global:${organizationId}` : `account:${scope.channelAccountId}`;

const chatDocumentId = (channelAccountId: string, chatId: string) => `${channelAccountId}:${chatId}`;

/**
 * Reads and writes the AI settings layers of seed 002 and resolves the configuration in force for a
 * chat. API keys are sealed before they are stored and opened only to resolve a configuration.
 */
export class AiSettingsService {
  constructor(
    private readonly collections: Pick<Collections, 'aiSettings' | 'chatAiSettings' | 'channelAccounts'>,
    private readonly secretBox: SecretBox,
    private readonly environment: EnvironmentAiSettings,
  ) {}

  async getLayer(organizationId: string, scope: AiSettingsScope): Promise<AiSettingsDocument | null> {
    await this.assertScopeExists(organizationId, scope);
    return this.collections.aiSettings.findOne({ _id: documentId(organizationId, scope), organizationId });
  }

  async updateLayer(
    organizationId: string,
    scope: AiSettingsScope,
    patch: AiSettingsPatch,
  ): Promise<AiSettingsDocument> {
    await this.assertScopeExists(organizationId, scope);
    const set: Record<string, unknown> = { updatedAt: new Date() };
    const unset: Record<string, ''> = {};
    for (const [field, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      if (value === null) unset[`settings.${field}`] = '';
      else set[`settings.${field}`] = field === 'apiKey' ? this.secretBox.seal(value as string) : value;
    }
    const updated = await this.collections.aiSettings.findOneAndUpdate(
      { _id: documentId(organizationId, scope), organizationId },
      {
        $set: set,
        ...(Object.keys(unset).length ? { $unset: unset } : {}),
        $setOnInsert: { scope: scope.kind, channelAccountId: scope.kind === 'account' ? scope.channelAccountId : null },
      },
      { upsert: true, returnDocument: 'after' },
    );
    return updated!;
  }

  async getChat(organizationId: string, channelAccountId: string, chatId: string): Promise<ChatAiSettings | null> {
    await this.assertScopeExists(organizationId, { kind: 'account', channelAccountId });
    const stored = await this.collections.chatAiSettings.findOne({
      _id: chatDocumentId(channelAccountId, chatId),
      organizationId,
    });
    return stored ? { mode: stored.mode, customSystemPrompt: stored.customSystemPrompt } : null;
  }

  async setChat(
    organizationId: string,
    channelAccountId: string,
    chatId: string,
    settings: ChatAiSettings,
  ): Promise<ChatAiSettings> {
    await this.assertScopeExists(organizationId, { kind: 'account', channelAccountId });
    await this.collections.chatAiSettings.updateOne(
      { _id: chatDocumentId(channelAccountId, chatId), organizationId },
      { $set: { ...settings, channelAccountId, chatId, updatedAt: new Date() } },
      { upsert: true },
    );
    return settings;
  }

  /** The configuration in force for a chat (or for an account, or the organization, when not given). */
  async resolve(
    organizationId: string,
    channelAccountId: string | null,
    chatId: string | null,
  ): Promise<ResolvedAiConfig> {
    const [global, account, chat] = await Promise.all([
      this.collections.aiSettings.findOne({ _id: documentId(organizationId, { kind: 'global' }), organizationId }),
      channelAccountId
        ? this.collections.aiSettings.findOne({
            _id: documentId(organizationId, { kind: 'account', channelAccountId }),
            organizationId,
          })
        : null,
      channelAccountId && chatId
        ? this.collections.chatAiSettings.findOne({ _id: chatDocumentId(channelAccountId, chatId), organizationId })
        : null,
    ]);
    return resolveAiConfig({
      environment: this.environment,
      global: global ? this.open(global.settings) : null,
      account: account ? this.open(account.settings) : null,
      chat: chat ? { mode: chat.mode, customSystemPrompt: chat.customSystemPrompt } : null,
    });
  }

  /** A layer as resolution takes it (a layer whose fields were all cleared has no `settings`). */
  private open({ apiKey, ...rest }: StoredAiSettings = {}): Partial<AiSettings> {
    return apiKey ? { ...rest, apiKey: this.secretBox.open(apiKey) } : rest;
  }

  /** 404 unless the scope is global or a channel account of this organization. */
  async assertScopeExists(organizationId: string, scope: AiSettingsScope): Promise<void> {
    if (scope.kind === 'account')
      await findChannelAccount(this.collections.channelAccounts, organizationId, scope.channelAccountId);
  }
}
