import {
  resolveAiConfig,
  type AiSettings,
  type ChatAiSettings,
  type EffectiveAiConfig,
  type EffectiveAiConfigSources,
  type EnvironmentAiSettings,
} from '../domain/ai-config.js';
import { ServiceError } from '../domain/errors.js';
import type { AiSettingsDocument, StoredAiSettings } from '../domain/model.js';
import type { SecretBox } from '../lib/secret-box.js';
import type { AuditActor } from '../domain/audit.js';
import { AuditLog } from '../store/audit-log.js';
import type { Collections } from '../store/database.js';
import { sealedSecretFields, secretLocation } from '../store/sealed-secrets.js';
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
    private readonly collections: Pick<Collections, 'aiSettings' | 'chatAiSettings' | 'channelAccounts' | 'auditLog'>,
    private readonly secretBox: SecretBox,
    private readonly environment: EnvironmentAiSettings,
  ) {
    this.auditLog = new AuditLog(collections.auditLog);
  }

  private readonly auditLog: AuditLog;

  async getLayer(organizationId: string, scope: AiSettingsScope): Promise<AiSettingsDocument | null> {
    await this.assertScopeExists(organizationId, scope);
    return this.collections.aiSettings.findOne({ _id: documentId(organizationId, scope), organizationId });
  }

  async updateLayer(
    organizationId: string,
    scope: AiSettingsScope,
    patch: AiSettingsPatch,
    actor: AuditActor,
  ): Promise<AiSettingsDocument> {
    await this.assertScopeExists(organizationId, scope);
    if (patch.baseUrl !== undefined || patch.apiKey !== undefined) {
      await this.assertKeyGoesWithBaseUrl(organizationId, scope, patch);
    }
    const id = documentId(organizationId, scope);
    const before = await this.collections.aiSettings.findOne({ _id: id, organizationId });
    const set: Record<string, unknown> = { updatedAt: new Date() };
    const unset: Record<string, ''> = {};
    for (const [field, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      if (value === null) unset[`settings.${field}`] = '';
      else set[`settings.${field}`] = field === 'apiKey' ? this.sealApiKey(value as string, id) : value;
    }
    const updated = await this.collections.aiSettings.findOneAndUpdate(
      { _id: id, organizationId },
      {
        $set: set,
        ...(Object.keys(unset).length ? { $unset: unset } : {}),
        $setOnInsert: { scope: scope.kind, channelAccountId: scope.kind === 'account' ? scope.channelAccountId : null },
      },
      { upsert: true, returnDocument: 'after' },
    );
    await this.auditLog.record({
      organizationId,
      actor,
      action: 'ai_settings.updated',
      target: { type: 'ai_settings', id },
      before: before ? (before.settings ?? {}) : null,
      after: updated!.settings ?? {},
    });
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
    actor: AuditActor,
  ): Promise<ChatAiSettings> {
    const before = await this.getChat(organizationId, channelAccountId, chatId);
    await this.collections.chatAiSettings.updateOne(
      { _id: chatDocumentId(channelAccountId, chatId), organizationId },
      { $set: { ...settings, channelAccountId, chatId, updatedAt: new Date() } },
      { upsert: true },
    );
    await this.auditLog.record({
      organizationId,
      actor,
      action: 'chat_ai_settings.updated',
      target: { type: 'chat_ai_settings', id: chatDocumentId(channelAccountId, chatId) },
      before,
      after: settings,
    });
    return settings;
  }

  /**
   * Refuses a change after which this layer would point at a provider other than the service's with
   * no key of the organization's own to send there: the service's key never follows a base URL, so
   * every reply would be skipped. (Other layers can still make it so later, say by clearing the
   * global key an account relied on; those turns are skipped with this reason in the AI log.)
   */
  private async assertKeyGoesWithBaseUrl(organizationId: string, scope: AiSettingsScope, patch: AiSettingsPatch) {
    const [global, account] = await this.layers(
      organizationId,
      scope.kind === 'account' ? scope.channelAccountId : null,
    );
    const patched = (layer: Partial<AiSettings> | null) => {
      const next: Record<string, unknown> = { ...layer };
      for (const [field, value] of Object.entries(patch)) {
        if (value === null) delete next[field];
        else if (value !== undefined) next[field] = value;
      }
      return next as Partial<AiSettings>;
    };
    const { config } = resolveAiConfig({
      environment: this.environment,
      global: scope.kind === 'global' ? patched(global) : global,
      account: scope.kind === 'account' ? patched(account) : null,
      chat: null,
    });
    const problem = config.provider.problem;
    if (problem?.code === 'provider_key_required') {
      throw new ServiceError(422, problem.code, problem.reason, [
        { in: 'request body', path: 'base_url', message: problem.reason },
      ]);
    }
  }

  /** The organization's global layer and an account's, opened. */
  private async layers(
    organizationId: string,
    channelAccountId: string | null,
  ): Promise<[Partial<AiSettings> | null, Partial<AiSettings> | null]> {
    const [global, account] = await Promise.all([
      this.collections.aiSettings.findOne({ _id: documentId(organizationId, { kind: 'global' }), organizationId }),
      channelAccountId
        ? this.collections.aiSettings.findOne({
            _id: documentId(organizationId, { kind: 'account', channelAccountId }),
            organizationId,
          })
        : null,
    ]);
    return [global ? this.open(global) : null, account ? this.open(account) : null];
  }

  /** The configuration in force for a chat (or for an account, or the organization, when not given). */
  async resolve(
    organizationId: string,
    channelAccountId: string | null,
    chatId: string | null,
  ): Promise<ResolvedAiConfig> {
    const [[global, account], chat] = await Promise.all([
      this.layers(organizationId, channelAccountId),
      channelAccountId && chatId
        ? this.collections.chatAiSettings.findOne({ _id: chatDocumentId(channelAccountId, chatId), organizationId })
        : null,
    ]);
    return resolveAiConfig({
      environment: this.environment,
      global,
      account,
      chat: chat ? { mode: chat.mode, customSystemPrompt: chat.customSystemPrompt } : null,
    });
  }

  /** A layer as resolution takes it (a layer whose fields were all cleared has no `settings`). */
  private open({ _id, settings = {} }: AiSettingsDocument): Partial<AiSettings> {
    const { apiKey, ...rest }: StoredAiSettings = settings;
    return apiKey
      ? { ...rest, apiKey: this.secretBox.open(apiKey, secretLocation(sealedSecretFields.aiSettingsApiKey, _id)) }
      : rest;
  }

  private sealApiKey(apiKey: string, documentId: string) {
    return this.secretBox.seal(apiKey, secretLocation(sealedSecretFields.aiSettingsApiKey, documentId));
  }

  /** 404 unless the scope is global or a channel account of this organization. */
  async assertScopeExists(organizationId: string, scope: AiSettingsScope): Promise<void> {
    if (scope.kind === 'account')
      await findChannelAccount(this.collections.channelAccounts, organizationId, scope.channelAccountId);
  }
}
