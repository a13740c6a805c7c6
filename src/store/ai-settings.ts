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
import type { ConfigurationVersions } from './configuration-versions.js';
import type { Collections } from './database.js';
import { sealedSecretFields, secretLocation } from './sealed-secrets.js';

/** Where a settings layer lives: the organization's global layer or one channel account's. */
export type AiSettingsScope = { kind: 'global' } | { kind: 'account'; channelAccountId: string };

/** The global and the account layer of an organization's AI settings (null: not set). */
export type AiSettingsLayers = [global: Partial<AiSettings> | null, account: Partial<AiSettings> | null];

export interface ResolvedAiConfig {
  config: EffectiveAiConfig;
  sources: EffectiveAiConfigSources;
}

export const aiSettingsDocumentId = (organizationId: string, scope: AiSettingsScope) =>
  scope.kind === 'global' ? `global:${organizationId}` : `account:${scope.channelAccountId}`;

export const chatAiSettingsDocumentId = (channelAccountId: string, chatId: string) => `${channelAccountId}:${chatId}`;

/**
 * The AI settings layers of seed 002 (`ai_settings`, `chat_ai_settings`) and the configuration in
 * force for a chat. API keys are sealed before they are stored and opened only to resolve a
 * configuration. Used by the settings use cases and by reply generation alike; every change moves
 * the organization's configuration version.
 */
export class AiSettingsRepository {
  constructor(
    private readonly collections: Pick<Collections, 'aiSettings' | 'chatAiSettings'>,
    private readonly secretBox: SecretBox,
    private readonly environment: EnvironmentAiSettings,
    private readonly configuration: ConfigurationVersions,
  ) {}

  findLayer(organizationId: string, scope: AiSettingsScope): Promise<AiSettingsDocument | null> {
    return this.collections.aiSettings.findOne({ _id: aiSettingsDocumentId(organizationId, scope), organizationId });
  }

  /** Sets and clears fields of a layer (created on first change); the layer after the change. */
  async updateLayer(
    organizationId: string,
    scope: AiSettingsScope,
    set: Record<string, unknown>,
    unset: Record<string, ''>,
  ): Promise<AiSettingsDocument> {
    const updated = await this.collections.aiSettings.findOneAndUpdate(
      { _id: aiSettingsDocumentId(organizationId, scope), organizationId },
      {
        $set: set,
        ...(Object.keys(unset).length ? { $unset: unset } : {}),
        $setOnInsert: { scope: scope.kind, channelAccountId: scope.kind === 'account' ? scope.channelAccountId : null },
      },
      { upsert: true, returnDocument: 'after' },
    );
    await this.configuration.changed(organizationId);
    return updated!;
  }

  async findChat(organizationId: string, channelAccountId: string, chatId: string): Promise<ChatAiSettings | null> {
    const stored = await this.collections.chatAiSettings.findOne({
      _id: chatAiSettingsDocumentId(channelAccountId, chatId),
      organizationId,
    });
    return stored ? { mode: stored.mode, customSystemPrompt: stored.customSystemPrompt } : null;
  }

  async saveChat(
    organizationId: string,
    channelAccountId: string,
    chatId: string,
    settings: ChatAiSettings,
  ): Promise<void> {
    await this.collections.chatAiSettings.updateOne(
      { _id: chatAiSettingsDocumentId(channelAccountId, chatId), organizationId },
      { $set: { ...settings, channelAccountId, chatId, updatedAt: new Date() } },
      { upsert: true },
    );
    await this.configuration.changed(organizationId);
  }

  /** The organization's global layer and the account's (when given), opened. */
  async layers(organizationId: string, channelAccountId: string | null): Promise<AiSettingsLayers> {
    const globalId = aiSettingsDocumentId(organizationId, { kind: 'global' });
    const accountId = channelAccountId && aiSettingsDocumentId(organizationId, { kind: 'account', channelAccountId });
    // Both layers in one round trip (a reply turn resolves them every time).
    const found = await this.collections.aiSettings
      .find({ _id: { $in: accountId ? [globalId, accountId] : [globalId] }, organizationId })
      .toArray();
    const global = found.find((layer) => layer._id === globalId);
    const account = accountId ? found.find((layer) => layer._id === accountId) : undefined;
    return [global ? this.open(global) : null, account ? this.open(account) : null];
  }

  /** The configuration in force for a chat (or for an account, or the organization, when not given). */
  async resolve(
    organizationId: string,
    channelAccountId: string | null,
    chatId: string | null,
  ): Promise<ResolvedAiConfig> {
    const [layers, chat] = await Promise.all([
      this.layers(organizationId, channelAccountId),
      channelAccountId && chatId ? this.findChat(organizationId, channelAccountId, chatId) : null,
    ]);
    return this.resolveWith(layers, chat);
  }

  /** The configuration in force over layers already read (`layers`, `findChat`). */
  resolveWith([global, account]: AiSettingsLayers, chat: ChatAiSettings | null): ResolvedAiConfig {
    return resolveAiConfig({ environment: this.environment, global, account, chat });
  }

  /** The service-wide layer (`AI_*` environment variables). */
  get environmentSettings(): EnvironmentAiSettings {
    return this.environment;
  }

  sealApiKey(apiKey: string, documentId: string) {
    return this.secretBox.seal(apiKey, secretLocation(sealedSecretFields.aiSettingsApiKey, documentId));
  }

  /** A layer as resolution takes it (a layer whose fields were all cleared has no `settings`). */
  private open({ _id, settings = {} }: AiSettingsDocument): Partial<AiSettings> {
    const { apiKey, ...rest }: StoredAiSettings = settings;
    return apiKey
      ? { ...rest, apiKey: this.secretBox.open(apiKey, secretLocation(sealedSecretFields.aiSettingsApiKey, _id)) }
      : rest;
  }
}
