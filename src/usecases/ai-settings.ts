import { resolveAiConfig, type AiSettings, type ChatAiSettings } from '../domain/ai-config.js';
import { ServiceError } from '../domain/errors.js';
import type { AiSettingsDocument } from '../domain/model.js';
import type { AuditActor } from '../domain/audit.js';
import {
  aiSettingsDocumentId,
  chatAiSettingsDocumentId,
  type AiSettingsRepository,
  type AiSettingsScope,
  type ResolvedAiConfig,
} from '../store/ai-settings.js';
import type { AuditLog } from '../store/audit-log.js';
import type { ChannelAccountRepository } from '../store/channel-accounts.js';
import { requireChannelAccount } from './channel-accounts.js';

// The AI settings layers of seed 002 (global, account, chat) and the configuration in force for a
// chat. API keys are sealed before they are stored and opened only to resolve a configuration.

export type { AiSettingsScope, ResolvedAiConfig };

/** A change to a layer: a value sets the field, `null` clears it (the next layer applies again). */
export type AiSettingsPatch = { [K in keyof AiSettings]?: AiSettings[K] | null };

/** 404 unless the scope is global or a channel account of this organization. */
async function assertScopeExists(
  channelAccounts: ChannelAccountRepository,
  organizationId: string,
  scope: AiSettingsScope,
) {
  if (scope.kind === 'account') await requireChannelAccount(channelAccounts, organizationId, scope.channelAccountId);
}

export interface AiSettingsLayerRef {
  organizationId: string;
  scope: AiSettingsScope;
}

/** A layer as stored (null when it was never set). */
export class GetAiSettingsLayer {
  constructor(
    private readonly settings: AiSettingsRepository,
    private readonly channelAccounts: ChannelAccountRepository,
  ) {}

  async execute({ organizationId, scope }: AiSettingsLayerRef): Promise<AiSettingsDocument | null> {
    await assertScopeExists(this.channelAccounts, organizationId, scope);
    return this.settings.findLayer(organizationId, scope);
  }
}

export interface UpdateAiSettingsLayerCommand extends AiSettingsLayerRef {
  patch: AiSettingsPatch;
  actor: AuditActor;
}

/** Sets and clears fields of a layer (created on its first change); the layer after the change. */
export class UpdateAiSettingsLayer {
  constructor(
    private readonly settings: AiSettingsRepository,
    private readonly channelAccounts: ChannelAccountRepository,
    private readonly auditLog: AuditLog,
  ) {}

  async execute({ organizationId, scope, patch, actor }: UpdateAiSettingsLayerCommand): Promise<AiSettingsDocument> {
    await assertScopeExists(this.channelAccounts, organizationId, scope);
    if (patch.baseUrl !== undefined || patch.apiKey !== undefined) {
      await this.assertKeyGoesWithBaseUrl(organizationId, scope, patch);
    }
    const id = aiSettingsDocumentId(organizationId, scope);
    const before = await this.settings.findLayer(organizationId, scope);
    const set: Record<string, unknown> = { updatedAt: new Date() };
    const unset: Record<string, ''> = {};
    for (const [field, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      if (value === null) unset[`settings.${field}`] = '';
      else set[`settings.${field}`] = field === 'apiKey' ? this.settings.sealApiKey(value as string, id) : value;
    }
    const updated = await this.settings.updateLayer(organizationId, scope, set, unset);
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

  /**
   * Refuses a change after which this layer would point at a provider other than the service's with
   * no key of the organization's own to send there: the service's key never follows a base URL, so
   * every reply would be skipped. (Other layers can still make it so later, say by clearing the
   * global key an account relied on; those turns are skipped with this reason in the AI log.)
   */
  private async assertKeyGoesWithBaseUrl(organizationId: string, scope: AiSettingsScope, patch: AiSettingsPatch) {
    const [global, account] = await this.settings.layers(
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
      environment: this.settings.environmentSettings,
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
}

export interface ResolveAiConfigCommand {
  organizationId: string;
  channelAccountId: string | null;
  chatId: string | null;
}

/**
 * The configuration in force for a chat (or for an account, or the organization, when not given),
 * with the layer of each value; 404 for an account of another organization.
 */
export class ResolveAiConfig {
  constructor(
    private readonly settings: AiSettingsRepository,
    private readonly channelAccounts: ChannelAccountRepository,
  ) {}

  async execute({ organizationId, channelAccountId, chatId }: ResolveAiConfigCommand): Promise<ResolvedAiConfig> {
    if (channelAccountId) await requireChannelAccount(this.channelAccounts, organizationId, channelAccountId);
    return this.settings.resolve(organizationId, channelAccountId, chatId);
  }
}

export interface ChatAiSettingsRef {
  organizationId: string;
  channelAccountId: string;
  chatId: string;
}

/** A chat's own settings (null when it has none) and the configuration in force for it. */
export interface ChatAiSettingsView {
  settings: ChatAiSettings | null;
  resolved: ResolvedAiConfig;
}

export class GetChatAiSettings {
  constructor(
    private readonly settings: AiSettingsRepository,
    private readonly channelAccounts: ChannelAccountRepository,
  ) {}

  async execute({ organizationId, channelAccountId, chatId }: ChatAiSettingsRef): Promise<ChatAiSettingsView> {
    await assertScopeExists(this.channelAccounts, organizationId, { kind: 'account', channelAccountId });
    const settings = await this.settings.findChat(organizationId, channelAccountId, chatId);
    return { settings, resolved: await this.settings.resolve(organizationId, channelAccountId, chatId) };
  }
}

/** Sets a chat's mode and custom system prompt; the settings and the configuration now in force. */
export class SetChatAiSettings {
  constructor(
    private readonly settings: AiSettingsRepository,
    private readonly channelAccounts: ChannelAccountRepository,
    private readonly auditLog: AuditLog,
  ) {}

  async execute(
    command: ChatAiSettingsRef & { settings: ChatAiSettings; actor: AuditActor },
  ): Promise<ChatAiSettingsView> {
    const { organizationId, channelAccountId, chatId, settings, actor } = command;
    await assertScopeExists(this.channelAccounts, organizationId, { kind: 'account', channelAccountId });
    const before = await this.settings.findChat(organizationId, channelAccountId, chatId);
    await this.settings.saveChat(organizationId, channelAccountId, chatId, settings);
    await this.auditLog.record({
      organizationId,
      actor,
      action: 'chat_ai_settings.updated',
      target: { type: 'chat_ai_settings', id: chatAiSettingsDocumentId(channelAccountId, chatId) },
      before,
      after: settings,
    });
    return { settings, resolved: await this.settings.resolve(organizationId, channelAccountId, chatId) };
  }
}
