import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { bodyParser } from '@koa/bodyparser';
import { requireJsonBodies } from './content-type.js';
import Router from '@koa/router';
import Koa from 'koa';
import { countStoreCommands, HttpMetrics } from '../lib/metrics.js';
import { authenticator } from './auth.js';
import { clientAddress } from './client-address.js';
import type { ApiDeps } from './deps.js';
import { consoleDirectory, mountConsole } from './console.js';
import { mountDocs } from './docs.js';
import { errorHandler, v1Surface } from './errors.js';
import { RateLimits } from './rate-limit.js';
import { mountRoutes, type Route } from './route.js';
import { accountRoutes } from './routes/accounts.js';
import { aiBudgetRoutes } from './routes/ai-budget.js';
import { aiSettingsRoutes } from './routes/ai-settings.js';
import { aiTestRoutes } from './routes/ai-test.js';
import { apiKeyRoutes } from './routes/api-keys.js';
import { auditLogRoutes } from './routes/audit-log.js';
import { calendarRoutes } from './routes/calendars.js';
import { CHANNEL_WEBHOOKS_PREFIX, channelWebhookRoutes } from './routes/channel-webhooks.js';
import { CODEC_BODY_LIMIT, CODEC_PATH_PREFIX, codecGuard, codecRoutes } from './routes/codec.js';
import { botControlRoutes, botControlSurface } from './routes/bot-control.js';
import { contactRoutes } from './routes/contacts.js';
import { conversationAiSurface } from './routes/conversation-ai.js';
import { conversationAiActionRoutes } from './routes/conversation-ai-actions.js';
import { conversationAiAgentRoutes } from './routes/conversation-ai-agents.js';
import { conversationAiFollowupSettingsRoutes } from './routes/conversation-ai-followup-settings.js';
import { conversationAiGenerationRoutes } from './routes/conversation-ai-generations.js';
import { conversationStatusRoutes, conversationStatusSurface } from './routes/conversation-status.js';
import { conversationRoutes } from './routes/conversations.js';
import { conversationReadRoutes } from './routes/conversation-reads.js';
import { KNOWLEDGE_BASES_PATH, knowledgeBaseRoutes } from './routes/knowledge-bases.js';
import { meRoutes } from './routes/me.js';
import { messageRoutes } from './routes/messages.js';
import { suggestionRoutes } from './routes/suggestions.js';
import { systemRoutes } from './routes/system.js';
import { toggleAiRoutes, toggleAiSurface } from './routes/toggle-ai.js';
import { webhookRoutes } from './routes/webhooks.js';
import { createUseCases, type UseCases } from '../usecases/index.js';

/**
 * Every route of every API surface, on the use cases built from `deps` (src/usecases/index.ts).
 * Building them only keeps `deps` for later calls, so the OpenAPI document can be generated from them
 * without a running server (scripts/generate-console-client.ts).
 */
export function apiRoutes(deps: ApiDeps, useCases: UseCases = createUseCases(deps)): Route[] {
  return [
    ...systemRoutes(deps),
    ...meRoutes(),
    ...apiKeyRoutes(useCases),
    ...accountRoutes(useCases),
    ...messageRoutes(deps, useCases),
    ...channelWebhookRoutes(deps, useCases),
    ...contactRoutes(useCases),
    ...aiBudgetRoutes(useCases),
    ...aiSettingsRoutes(deps, useCases),
    ...aiTestRoutes(deps, useCases),
    ...webhookRoutes(useCases),
    ...toggleAiRoutes(useCases),
    ...botControlRoutes(useCases),
    ...conversationStatusRoutes(deps, useCases),
    ...conversationRoutes(useCases),
    ...conversationReadRoutes(deps, useCases),
    ...conversationAiAgentRoutes(deps, useCases),
    ...conversationAiActionRoutes(deps, useCases),
    ...conversationAiFollowupSettingsRoutes(deps, useCases),
    ...conversationAiGenerationRoutes(deps, useCases),
    ...knowledgeBaseRoutes(useCases),
    ...calendarRoutes(useCases),
    ...suggestionRoutes(useCases),
    ...codecRoutes(deps),
    ...auditLogRoutes(useCases),
  ];
}

/** The Koa application: metrics, error surfaces, then body parsing, then every API surface's routes. */
export function createApp(deps: ApiDeps): Koa {
  // X-Forwarded-Proto/Host count only behind configured proxies; clientAddress drops them from anyone else.
  const app = new Koa({ proxy: deps.config.http.trustedProxies.configured });
  const router = new Router();
  const registry = new OpenAPIRegistry();
  const useCases = createUseCases(deps);

  mountRoutes(
    router,
    registry,
    apiRoutes(deps, useCases),
    authenticator(useCases.authenticateApiKey, deps.config.adminJwt),
    new RateLimits(deps.rateLimitCounters),
  );
  mountDocs(router, registry, deps.config.http.publicUrl);
  mountConsole(router, consoleDirectory);
  const metrics = new HttpMetrics();
  countStoreCommands(deps.database.client, metrics.registry);
  // Prometheus scrapes this; like /health it takes no credentials (keep it off the public network).
  router.get('/metrics', async (ctx) => {
    ctx.type = metrics.registry.contentType;
    ctx.body = await metrics.registry.metrics();
  });

  // Outermost: sees every request with the status the error surfaces finally answered.
  app.use(metrics.middleware());
  app.use(clientAddress(deps.config.http.trustedProxies));
  app.use(
    errorHandler(
      [v1Surface, toggleAiSurface, botControlSurface, conversationStatusSurface, conversationAiSurface],
      deps.logger,
    ),
  );
  // Operators only, checked before the (larger) body is read.
  app.use(codecGuard(deps));
  app.use(requireJsonBodies());
  const parseJson = bodyParser({ enableTypes: ['json'], jsonLimit: '256kb', encoding: 'utf-8' });
  // A knowledge base's text may reach 500 kB, and JSON escaping can triple it.
  const parseKnowledgeJson = bodyParser({ enableTypes: ['json'], jsonLimit: '1500kb', encoding: 'utf-8' });
  const parseCodecJson = bodyParser({ enableTypes: ['json'], jsonLimit: CODEC_BODY_LIMIT, encoding: 'utf-8' });
  const parserFor = (path: string) =>
    path === KNOWLEDGE_BASES_PATH
      ? parseKnowledgeJson
      : path.startsWith(CODEC_PATH_PREFIX)
        ? parseCodecJson
        : parseJson;
  app.use((ctx, next) => {
    // Native channel webhooks read their raw bytes themselves: signatures cover the exact bytes.
    if (ctx.path.startsWith(CHANNEL_WEBHOOKS_PREFIX)) return next();
    return parserFor(ctx.path)(ctx, next);
  });
  app.use(router.routes());
  // Not throwing: the router then sets `Allow`, and the error handler renders the 405 (errors.ts).
  app.use(router.allowedMethods());
  return app;
}
