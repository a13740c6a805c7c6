import { z } from 'zod';
import type { EnvironmentAiSettings } from './domain/ai-config.js';
import type { TypingPace } from './domain/typing.js';
import { TrustedProxies } from './lib/trusted-proxies.js';

const booleanFromEnv = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

/**
 * Every setting the service reads from its environment, validated once at start-up so a typo
 * fails fast with a clear message instead of surfacing as a 500 on the first request.
 */
const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Human-readable log lines (needs the pino-pretty dev dependency); JSON lines otherwise. */
  LOG_PRETTY: booleanFromEnv.default(false),

  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Base URL the API is reachable at, used in printed links and the OpenAPI document. */
  PUBLIC_API_URL: z.url().optional(),
  /**
   * Addresses / CIDR ranges of the reverse proxies in front of the API, comma-separated. Only their
   * `X-Forwarded-For` is believed (rate limits, logs, audit log); unset: the connecting address counts.
   */
  TRUSTED_PROXIES: z
    .string()
    .optional()
    .transform((spec, ctx) => {
      try {
        return new TrustedProxies(spec);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),

  TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_TASK_QUEUE: z.string().default('conversations'),
  /**
   * Conversation workflows a worker keeps in memory between their turns. Most conversations idle
   * for hours; one evicted from the cache replays its (short) history on its next message. The SDK's
   * default grows with the heap limit (~2,300 on a 4 GiB heap, ~4 GiB of RSS); 500 held 10,000 open
   * conversations under 1 GiB (docs/benchmarks.md).
   */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(2).max(100_000).default(500),
  /** The worker serves Prometheus metrics on this port (on HOST) at /metrics; unset: none. */
  WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /**
   * On SIGTERM the worker stops polling and gives its running activities (an LLM call, a send) this
   * long to finish before cancelling them; a deploy's stop timeout must be longer.
   */
  WORKER_SHUTDOWN_GRACE_SECONDS: z.coerce.number().min(0).max(3600).default(60),
  /** A port where the worker answers `GET /health` (200 while it polls); unset: no health port. */
  WORKER_HEALTH_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** On SIGTERM the API stops accepting connections and waits this long for requests in flight. */
  API_SHUTDOWN_GRACE_SECONDS: z.coerce.number().min(0).max(3600).default(25),

  MONGODB_URI: z.string().default('mongodb://127.0.0.1:27017/'),
  MONGODB_DB: z.string().default('convo_pilot'),
  /**
   * Set by `npm start` and the tests to the local stack's PostgreSQL under FerretDB: the store's
   * indexes are mirrored there as indexes FerretDB can use (src/store/ferretdb-indexes.ts).
   */
  LOCAL_STACK_POSTGRES_URL: z.url().optional(),

  /**
   * AES-256-GCM keys for secrets at rest, `keyId:base64Key` separated by commas. The first key
   * encrypts; every listed key decrypts, so a key can be rotated without re-encrypting at once.
   */
  SECRETS_KEYS: z.string().min(1).optional(),

  /** HS256 secret (≥ 32 characters) that admin JWTs are signed with; admin JWTs are refused without it. */
  ADMIN_JWT_SECRET: z.string().min(32).optional(),
  ADMIN_JWT_ISSUER: z.string().default('convo-pilot'),
  ADMIN_JWT_AUDIENCE: z.string().default('convo-pilot-admin'),

  /** Seed 003's open/close route: this many requests per window and organization (429 beyond). */
  RATE_LIMIT_CONVERSATION_STATUS_POINTS: z.coerce.number().int().min(1).max(100_000).default(10),
  RATE_LIMIT_CONVERSATION_STATUS_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(1),

  /**
   * Whether configured outbound targets (hooks, webhooks, calendars, an organization's LLM provider)
   * may be loopback/private/non-global addresses. Off unless set: `npm start`'s local stack and the
   * tests opt in, since their receivers listen on 127.0.0.1.
   */
  OUTBOUND_ALLOW_PRIVATE_NETWORK: booleanFromEnv.default(false),
  OUTBOUND_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),

  // The environment layer of the AI configuration: the last fallback after chat, account and global.
  AI_BASE_URL: z.url().default('https://api.openai.com/v1'),
  AI_API_KEY: z.string().optional(),
  AI_MODEL: z.string().default('gpt-4.1-mini'),
  AI_SYSTEM_PROMPT: z.string().default('You are a helpful customer-service assistant. Answer briefly and politely.'),
  AI_TEMPERATURE: z.coerce.number().min(0).max(2).default(0.3),
  AI_MAX_TOKENS: z.coerce.number().int().min(1).max(32_768).default(700),
  /**
   * What the service's own key (AI_API_KEY) may be spent on. Organizations choose the model and
   * max_tokens: with the service's key, only these models (comma list; unset = any) and at most this
   * many tokens per call (default: AI_MAX_TOKENS). An organization's own key is not restricted.
   */
  AI_ALLOWED_MODELS: z
    .string()
    .transform((list) =>
      list
        .split(',')
        .map((model) => model.trim())
        .filter(Boolean),
    )
    .optional(),
  AI_MAX_TOKENS_LIMIT: z.coerce.number().int().min(1).max(32_768).optional(),
  AI_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(60),
  AI_ENABLED: booleanFromEnv.default(true),
  AI_REPLY_DELAY_SECONDS: z.coerce.number().min(0).max(3600).default(0),
  AI_REPLY_TO_PRIVATE: booleanFromEnv.default(true),
  AI_REPLY_TO_GROUPS: booleanFromEnv.default(false),
  AI_REPLY_TO_CHANNELS: booleanFromEnv.default(false),
  AI_ECHO_MODE: booleanFromEnv.default(false),
  /** Simulated typing before each reply: this many ms per character, at most TYPING_MAX_SECONDS. */
  TYPING_MS_PER_CHARACTER: z.coerce.number().min(0).max(1000).default(30),
  TYPING_MAX_SECONDS: z.coerce.number().min(0).max(60).default(6),
});

export type Config = ReturnType<typeof loadConfig>;

/** Every variable the service reads (deployment files are checked against it). */
export const environmentVariableNames = Object.keys(environmentSchema.shape);

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new Error(`Invalid environment:\n${problems}`);
  }
  const e = parsed.data;
  if (e.AI_ALLOWED_MODELS?.length && !e.AI_ALLOWED_MODELS.includes(e.AI_MODEL)) {
    throw new Error('Invalid environment:\n  AI_ALLOWED_MODELS: must include AI_MODEL (served with the service’s key)');
  }
  return {
    env: e.NODE_ENV,
    log: { level: e.LOG_LEVEL, pretty: e.LOG_PRETTY },
    http: {
      trustedProxies: e.TRUSTED_PROXIES,
      host: e.HOST,
      port: e.PORT,
      publicUrl: e.PUBLIC_API_URL,
      shutdownGraceMs: e.API_SHUTDOWN_GRACE_SECONDS * 1000,
    },
    temporal: { address: e.TEMPORAL_ADDRESS, namespace: e.TEMPORAL_NAMESPACE, taskQueue: e.TEMPORAL_TASK_QUEUE },
    worker: {
      maxCachedWorkflows: e.WORKER_MAX_CACHED_WORKFLOWS,
      metricsPort: e.WORKER_METRICS_PORT,
      shutdownGraceMs: e.WORKER_SHUTDOWN_GRACE_SECONDS * 1000,
      healthPort: e.WORKER_HEALTH_PORT,
    },
    mongo: { uri: e.MONGODB_URI, dbName: e.MONGODB_DB, localStackPostgresUrl: e.LOCAL_STACK_POSTGRES_URL },
    secretsKeys: e.SECRETS_KEYS,
    adminJwt: { secret: e.ADMIN_JWT_SECRET, issuer: e.ADMIN_JWT_ISSUER, audience: e.ADMIN_JWT_AUDIENCE },
    rateLimits: {
      conversationStatus: {
        name: 'conversation-status',
        points: e.RATE_LIMIT_CONVERSATION_STATUS_POINTS,
        durationSeconds: e.RATE_LIMIT_CONVERSATION_STATUS_WINDOW_SECONDS,
      },
    },
    outbound: {
      allowPrivateNetwork: e.OUTBOUND_ALLOW_PRIVATE_NETWORK,
      timeoutMs: e.OUTBOUND_TIMEOUT_MS,
    },
    aiDefaults: {
      enabled: e.AI_ENABLED,
      baseUrl: e.AI_BASE_URL,
      apiKey: e.AI_API_KEY || undefined,
      modelName: e.AI_MODEL,
      defaultSystemPrompt: e.AI_SYSTEM_PROMPT,
      temperature: e.AI_TEMPERATURE,
      maxTokens: e.AI_MAX_TOKENS,
      allowedModels: e.AI_ALLOWED_MODELS?.length ? e.AI_ALLOWED_MODELS : undefined,
      maxTokensLimit: e.AI_MAX_TOKENS_LIMIT ?? e.AI_MAX_TOKENS,
      timeoutSeconds: e.AI_TIMEOUT_SECONDS,
      replyDelaySeconds: e.AI_REPLY_DELAY_SECONDS,
      replyToPrivate: e.AI_REPLY_TO_PRIVATE,
      replyToGroups: e.AI_REPLY_TO_GROUPS,
      replyToChannels: e.AI_REPLY_TO_CHANNELS,
      echoMode: e.AI_ECHO_MODE,
    } satisfies EnvironmentAiSettings,
    typing: { msPerCharacter: e.TYPING_MS_PER_CHARACTER, maxMs: e.TYPING_MAX_SECONDS * 1000 } satisfies TypingPace,
  };
}
