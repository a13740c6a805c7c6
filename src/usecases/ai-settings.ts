import {
  resolveAiConfig,
  type AiSettings,
  type ChatAiSettings,
  type EnvironmentAiSettings,
} from '../domain/ai-config.js';
import { ServiceError } from '../domain/errors.js';
import type { AiSettingsDocument } from '../domain/model.js';
import type { SecretBox } from '../lib/secret-box.js';
import type { AuditActor } from '../domain/audit.js';
import {
  aiSettingsDocumentId,
  AiSettingsRepository,
  chatAiSettingsDocumentId,
  type AiSettingsScope,
  type ResolvedAiConfig,
} from '../store/ai-settings.js';
import { AuditLog } from '../store/audit-log.js';
import type { Collections } from '../store/database.js';
import { findChannelAccount } from './channel-accounts.js';

export type { AiSettingsScope, ResolvedAiConfig };

/** A change to a layer: a value sets the field, `null` clears it (the next layer applies again). */
export type AiSettingsPatch = { [K in keyof AiSettings]?: AiSettings[K] | null };

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
    this.repository = new AiSettingsRepository(collections, secretBox, environment);
  }

  private readonly auditLog: AuditLog;
  private readonly repository: AiSettingsRepository;

  async getLayer(organizationId: string, scope: AiSettingsScope): Promise<AiSettingsDocument | null> {
    await this.assertScopeExists(organizationId, scope);
    return this.repository.findLayer(organizationId, scope);
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
    const id = aiSettingsDocumentId(organizationId, scope);
    const before = await this.repository.findLayer(organizationId, scope);
    const set: Record<string, unknown> = { updatedAt: new Date() };
    const unset: Record<string, ''> = {};
    for (const [field, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      if (value === null) unset[`settings.${field}`] = '';
      else set[`settings.${field}`] = field === 'apiKey' ? this.repository.sealApiKey(value as string, id) : value;
    }
    const updated = await this.repository.updateLayer(organizationId, scope, set, unset);
    await this.auditLog.record({
      organizationId,
      actor,
      action: 'ai_settings.updated',
      target: { type: 'ai_settings', id },
      before: before ? (before.settings ?? {}) : null,
      after: updated.settings ?? {},
    });
    return updated;
  }

  async getChat(organizationId: string, channelAccountId: string, chatId: string): Promise<ChatAiSettings | null> {
    await this.assertScopeExists(organizationId, { kind: 'account', channelAccountId });
    return this.repository.findChat(organizationId, channelAccountId, chatId);
  }

  async setChat(
    organizationId: string,
    channelAccountId: string,
    chatId: string,
    settings: ChatAiSettings,
    actor: AuditActor,
  ): Promise<ChatAiSettings> {
    const before = await this.getChat(organizationId, channelAccountId, chatId);
    await this.repository.saveChat(organizationId, channelAccountId, chatId, settings);
    await this.auditLog.record({
      organizationId,
      actor,
      action: 'chat_ai_settings.updated',
      target: { type: 'chat_ai_settings', id: chatAiSettingsDocumentId(channelAccountId, chatId) },
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
    const [global, account] = await this.repository.layers(
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

  /** The configuration in force for a chat (or for an account, or the organization, when not given). */
  resolve(organizationId: string, channelAccountId: string | null, chatId: string | null): Promise<ResolvedAiConfig> {
    return this.repository.resolve(organizationId, channelAccountId, chatId);
  }

  /** 404 unless the scope is global or a channel account of this organization. */
  async assertScopeExists(organizationId: string, scope: AiSettingsScope): Promise<void> {
    if (scope.kind === 'account')
      await findChannelAccount(this.collections.channelAccounts, organizationId, scope.channelAccountId);
  }
}
