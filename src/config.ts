import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { RateLimit, RouteRateLimit } from './api/rate-limit.js';
import type { EnvironmentAiSettings } from './domain/ai-config.js';
import type { TemporalTransport } from './lib/temporal-transport.js';
import { MAX_TYPING_MS_PER_CHARACTER, type TypingPace } from './domain/typing.js';
import { TrustedProxies } from './lib/trusted-proxies.js';

const points = z.coerce.number().int().min(1).max(10_000_000);
const windowSeconds = z.coerce.number().int().min(1).max(86_400);

const booleanFromEnv = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

/**
 * A PEM certificate or key, given inline (`-----BEGIN …`) or as a file path. Read once at start, so
 * a missing or unreadable file stops the process naming its variable, not the first Temporal call.
 */
const pemFromEnv = z
  .string()
  .min(1)
  .transform((value, ctx) => {
    let pem = value;
    if (!value.trimStart().startsWith('-----BEGIN')) {
      try {
        pem = readFileSync(value, 'utf8');
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: `cannot read "${value}" (${(error as NodeJS.ErrnoException).code})` });
        return z.NEVER;
      }
    }
    if (!/-----BEGIN [A-Z0-9 ]+-----/.test(pem)) {
      ctx.addIssue({ code: 'custom', message: 'is not PEM (no "-----BEGIN …-----" line)' });
      return z.NEVER;
    }
    return Buffer.from(pem, 'utf8');
  });

/** Comma-separated web origins (`https://temporal.example.com`), e.g. the Temporal UI's for CORS. */
const originsFromEnv = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((origin) => origin.trim().replace(/\/+$/, ''))
      .filter(Boolean),
  )
  .pipe(
    z.array(z.url().refine((origin) => new URL(origin).origin === origin, 'must be an origin: scheme://host[:port]')),
  );

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
  CONTROLS_CHANGE_TIMEOUT_SECONDS: z.coerce.number().positive().max(120).default(15),
  /**
   * Transport security to Temporal (Temporal Cloud, secured self-hosted clusters). TLS is on when any
   * TLS setting or an API key is given, or TEMPORAL_TLS=true (system CAs).
   */
  TEMPORAL_TLS: booleanFromEnv.optional(),
  /** CA that signed the server's certificate (file path or inline PEM); system CAs when unset. */
  TEMPORAL_TLS_CA: pemFromEnv.optional(),
  /** mTLS client certificate and its private key (file paths or inline PEM), both or neither. */
  TEMPORAL_TLS_CERT: pemFromEnv.optional(),
  TEMPORAL_TLS_KEY: pemFromEnv.optional(),
  /** Name the server's certificate is checked against, when it differs from TEMPORAL_ADDRESS's host. */
  TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
  /** Sent as `Authorization: Bearer …` on every Temporal call (Temporal Cloud API keys). */
  TEMPORAL_API_KEY: z.string().min(1).optional(),
  /** Origins (the Temporal UI's) allowed to call the codec endpoints `/codec/*` from a browser. */
  TEMPORAL_CODEC_CORS_ORIGINS: originsFromEnv.default([]),
  /** The Temporal UI (`http://localhost:8233`): conversations link to their run in it. */
  TEMPORAL_UI_URL: z.url({ protocol: /^https?$/ }).optional(),
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
  /**
   * The API reuses an API key, a channel account or an organization's webhook subscriptions it read
   * this long ago (0: never). Its own changes apply at once; another API process's within this time.
   */
  API_READ_CACHE_SECONDS: z.coerce.number().min(0).max(60).default(5),
  /** At most this many of each kept (the least recently used go first). */
  API_READ_CACHE_MAX_ENTRIES: z.coerce.number().int().min(1).max(1_000_000).default(10_000),

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
  RATE_LIMIT_CONVERSATION_STATUS_POINTS: points.default(10),
  RATE_LIMIT_CONVERSATION_STATUS_WINDOW_SECONDS: windowSeconds.default(1),
  /** Channel ingest: per organization and per channel account, in one window (a busy WhatsApp number stays well under). */
  RATE_LIMIT_INGEST_ORGANIZATION_POINTS: points.default(6000),
  RATE_LIMIT_INGEST_ACCOUNT_POINTS: points.default(1200),
  RATE_LIMIT_INGEST_WINDOW_SECONDS: windowSeconds.default(60),
  /**
   * Native channel webhooks, per channel account (no organization is known before the proof is
   * checked). Above ingest's: a WhatsApp number's webhook also carries a status per sent message.
   * Providers retry a 429 (Meta for days, Telegram and Chatwoot with backoff), so nothing is lost.
   */
  RATE_LIMIT_NATIVE_WEBHOOK_ACCOUNT_POINTS: points.default(6000),
  RATE_LIMIT_NATIVE_WEBHOOK_WINDOW_SECONDS: windowSeconds.default(60),
  /** The AI test routes spend provider tokens on every call. */
  RATE_LIMIT_AI_TEST_ORGANIZATION_POINTS: points.default(60),
  RATE_LIMIT_AI_TEST_ACCOUNT_POINTS: points.default(20),
  RATE_LIMIT_AI_TEST_WINDOW_SECONDS: windowSeconds.default(60),
  /** Writes of seed 004's surface, per organization: the vendor's own burst limit (100 per 10 s per location). */
  RATE_LIMIT_CONVERSATION_AI_WRITE_POINTS: points.default(100),
  RATE_LIMIT_CONVERSATION_AI_WRITE_WINDOW_SECONDS: windowSeconds.default(10),

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
  /** Rounds of tool calls the model may make per reply (the last is asked for text only), and calls per round. */
  AI_MAX_TOOL_ROUNDS: z.coerce.number().int().min(1).max(10).default(3),
  AI_MAX_TOOL_CALLS_PER_ROUND: z.coerce.number().int().min(1).max(20).default(5),
  /** Characters of prompt a reply may send (system prompt, history, tool rounds); the oldest history goes first. */
  AI_MAX_PROMPT_CHARACTERS: z.coerce.number().int().min(1000).max(2_000_000).default(60_000),
  /** Provider tokens an organization may spend per UTC day (0: no budget); its global AI settings may lower it. */
  AI_DAILY_TOKEN_BUDGET: z.coerce.number().int().min(0).max(10_000_000_000).default(2_000_000),
  /** Days the AI log keeps prompt and history text; afterwards only the metadata stays. */
  AI_LOG_PROMPT_TTL_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** Agent actions (tool calls run) per conversation and UTC day. */
  AGENT_MAX_ACTIONS_PER_CONVERSATION_PER_DAY: z.coerce.number().int().min(1).max(1000).default(20),
  /**
   * Simulated typing before each reply (each part of a split one): this many ms per character, at
   * most TYPING_MAX_SECONDS. A channel account or an agent may set its own.
   */
  TYPING_MS_PER_CHARACTER: z.coerce.number().min(0).max(MAX_TYPING_MS_PER_CHARACTER).default(30),
  TYPING_MAX_SECONDS: z.coerce.number().min(0).max(60).default(6),
});

/** Settings that only make sense together (the TLS ones), checked after each on its own. */
const checkedEnvironmentSchema = environmentSchema.superRefine((e, ctx) => {
  if (Boolean(e.TEMPORAL_TLS_CERT) !== Boolean(e.TEMPORAL_TLS_KEY)) {
    const missing = e.TEMPORAL_TLS_CERT ? 'TEMPORAL_TLS_KEY' : 'TEMPORAL_TLS_CERT';
    ctx.addIssue({
      code: 'custom',
      path: [missing],
      message: 'mTLS needs both TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY',
    });
  }
  const tlsSetting = (['TEMPORAL_TLS_CA', 'TEMPORAL_TLS_CERT', 'TEMPORAL_TLS_SERVER_NAME'] as const).find(
    (name) => e[name],
  );
  if (e.TEMPORAL_TLS === false && tlsSetting) {
    ctx.addIssue({ code: 'custom', path: ['TEMPORAL_TLS'], message: `is false but ${tlsSetting} is set` });
  }
});

export type Config = ReturnType<typeof loadConfig>;

const limit = (name: string, per: RateLimit['per'], points: number, durationSeconds: number): RateLimit => ({
  name,
  per,
  points,
  durationSeconds,
});

/** Every variable the service reads (deployment files are checked against it). */
export const environmentVariableNames = Object.keys(environmentSchema.shape);

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = checkedEnvironmentSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new Error(`Invalid environment:\n${problems}`);
  }
  const e = parsed.data;
  if (e.AI_ALLOWED_MODELS?.length && !e.AI_ALLOWED_MODELS.includes(e.AI_MODEL)) {
    throw new Error('Invalid environment:\n  AI_ALLOWED_MODELS: must include AI_MODEL (served with the service’s key)');
  }
  const temporalTransport: TemporalTransport = {
    address: e.TEMPORAL_ADDRESS,
    tls: {
      enabled:
        e.TEMPORAL_TLS ??
        Boolean(e.TEMPORAL_TLS_CA || e.TEMPORAL_TLS_CERT || e.TEMPORAL_TLS_SERVER_NAME || e.TEMPORAL_API_KEY),
      serverCa: e.TEMPORAL_TLS_CA,
      clientCert: e.TEMPORAL_TLS_CERT,
      clientKey: e.TEMPORAL_TLS_KEY,
      serverName: e.TEMPORAL_TLS_SERVER_NAME,
    },
    apiKey: e.TEMPORAL_API_KEY,
  };
  return {
    env: e.NODE_ENV,
    log: { level: e.LOG_LEVEL, pretty: e.LOG_PRETTY },
    http: {
      trustedProxies: e.TRUSTED_PROXIES,
      host: e.HOST,
      port: e.PORT,
      publicUrl: e.PUBLIC_API_URL,
      shutdownGraceMs: e.API_SHUTDOWN_GRACE_SECONDS * 1000,
      readCache: { ttlMs: e.API_READ_CACHE_SECONDS * 1000, maxEntries: e.API_READ_CACHE_MAX_ENTRIES },
    },
    temporal: {
      ...temporalTransport,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      controlsChangeTimeoutMs: e.CONTROLS_CHANGE_TIMEOUT_SECONDS * 1000,
      uiUrl: e.TEMPORAL_UI_URL?.replace(/\/+$/, ''),
    },
    codecServer: { corsOrigins: e.TEMPORAL_CODEC_CORS_ORIGINS },
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
        limits: [
          limit(
            'conversation-status',
            'organization',
            e.RATE_LIMIT_CONVERSATION_STATUS_POINTS,
            e.RATE_LIMIT_CONVERSATION_STATUS_WINDOW_SECONDS,
          ),
        ],
        headers: true,
      },
      ingest: {
        limits: [
          limit('ingest', 'organization', e.RATE_LIMIT_INGEST_ORGANIZATION_POINTS, e.RATE_LIMIT_INGEST_WINDOW_SECONDS),
          limit(
            'ingest-account',
            'channelAccount',
            e.RATE_LIMIT_INGEST_ACCOUNT_POINTS,
            e.RATE_LIMIT_INGEST_WINDOW_SECONDS,
          ),
        ],
        headers: true,
      },
      nativeWebhook: {
        limits: [
          limit(
            'native-webhook-account',
            'channelAccount',
            e.RATE_LIMIT_NATIVE_WEBHOOK_ACCOUNT_POINTS,
            e.RATE_LIMIT_NATIVE_WEBHOOK_WINDOW_SECONDS,
          ),
        ],
        headers: false,
      },
      aiTest: {
        limits: [
          limit(
            'ai-test',
            'organization',
            e.RATE_LIMIT_AI_TEST_ORGANIZATION_POINTS,
            e.RATE_LIMIT_AI_TEST_WINDOW_SECONDS,
          ),
          limit(
            'ai-test-account',
            'channelAccount',
            e.RATE_LIMIT_AI_TEST_ACCOUNT_POINTS,
            e.RATE_LIMIT_AI_TEST_WINDOW_SECONDS,
          ),
        ],
        headers: true,
      },
      // Seed 004 documents no rate-limit headers: only the 429 and its Retry-After.
      conversationAiWrite: {
        limits: [
          limit(
            'conversation-ai-write',
            'organization',
            e.RATE_LIMIT_CONVERSATION_AI_WRITE_POINTS,
            e.RATE_LIMIT_CONVERSATION_AI_WRITE_WINDOW_SECONDS,
          ),
        ],
        headers: false,
      },
    } satisfies Record<string, RouteRateLimit>,
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
    aiLimits: {
      maxToolRounds: e.AI_MAX_TOOL_ROUNDS,
      maxToolCallsPerRound: e.AI_MAX_TOOL_CALLS_PER_ROUND,
      maxPromptCharacters: e.AI_MAX_PROMPT_CHARACTERS,
      dailyTokenBudget: e.AI_DAILY_TOKEN_BUDGET,
      logPromptTtlDays: e.AI_LOG_PROMPT_TTL_DAYS,
      maxActionRunsPerConversationPerDay: e.AGENT_MAX_ACTIONS_PER_CONVERSATION_PER_DAY,
    },
    typing: { msPerCharacter: e.TYPING_MS_PER_CHARACTER, maxMs: e.TYPING_MAX_SECONDS * 1000 } satisfies TypingPace,
  };
}
