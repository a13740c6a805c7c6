import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import type { EffectiveAiConfig } from '../domain/ai-config.js';
import type { ProviderMessage, ToolCall } from '../domain/prompt.js';
import type { Logger } from './logger.js';
import { outboundFetch, OutboundTargetRefused } from './outbound-http.js';

/** The model name of the built-in echo stand-in: replies with what the contact wrote, no provider call. */
export const ECHO_MODEL = 'echo';

export interface CompletionRequest {
  baseUrl: string;
  apiKey: string;
  model: string;
  messages: ProviderMessage[];
  /** Functions the model may call (an agent's actions); absent: a plain completion. */
  tools?: ToolDefinition[];
  temperature: number;
  maxTokens: number;
  timeoutSeconds: number;
  /** Whether the provider may be a private address: the service's own provider, or private targets allowed. */
  allowPrivateNetwork: boolean;
}

export interface ToolDefinition {
  name: string;
  description: string;
  /** JSON Schema of the arguments. */
  parameters: Record<string, unknown>;
}

export interface Completion {
  /** Empty when the model only asked for tool calls. */
  text: string;
  toolCalls: ToolCall[];
  model: string;
  usage: { promptTokens: number; completionTokens: number; totalTokens: number } | null;
}

/**
 * What went wrong with a provider call, decided once here: whether retrying can help, and whether
 * the account is out of funds (an `insufficient_quota` answer, which no retry fixes).
 *
 * `message` is generic (what failed and the status code): it goes to the test routes' 502, the AI
 * log and Temporal. Whatever the provider said is in `detail`, for the service's own log only: a
 * provider URL is chosen by the organization, and its answers must not become a way to read what
 * the service can reach.
 */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly insufficientQuota: boolean,
    readonly status: number | null,
    readonly detail: string = message,
  ) {
    super(message);
  }
}

const detailOf = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 1000);

export function classifyProviderError(error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  if (error instanceof APIConnectionError) {
    if (error.cause instanceof OutboundTargetRefused) {
      return new ProviderError(
        'provider address refused (not a public address)',
        false,
        false,
        null,
        detailOf(error.cause),
      );
    }
    const what = error instanceof APIConnectionTimeoutError ? 'provider timed out' : 'provider unreachable';
    return new ProviderError(what, true, false, null, detailOf(error.cause ?? error));
  }
  if (error instanceof APIError) {
    const status = typeof error.status === 'number' ? error.status : null;
    if (error.code === 'insufficient_quota') {
      return new ProviderError(`provider quota exhausted (${status})`, false, true, status, detailOf(error));
    }
    const retryable = status === null || status === 408 || status === 409 || status === 429 || status >= 500;
    return new ProviderError(`provider answered ${status}`, retryable, false, status, detailOf(error));
  }
  return new ProviderError('provider call failed', true, false, null, detailOf(error));
}

/** One OpenAI-compatible `/chat/completions` call. Retries belong to Temporal, so the SDK makes none. */
export async function complete(request: CompletionRequest): Promise<Completion> {
  const client = new OpenAI({
    baseURL: request.baseUrl,
    apiKey: request.apiKey,
    timeout: request.timeoutSeconds * 1000,
    maxRetries: 0,
    // The hooks' guard: no redirects, and the address connected to must be public unless allowed.
    fetch: outboundFetch({ allowPrivateNetwork: request.allowPrivateNetwork }),
  });
  try {
    const response = await client.chat.completions.create({
      model: request.model,
      messages: request.messages,
      temperature: request.temperature,
      max_tokens: request.maxTokens,
      ...(request.tools?.length
        ? { tools: request.tools.map((tool) => ({ type: 'function' as const, function: tool })) }
        : {}),
    });
    const message = response.choices[0]?.message;
    const text = message?.content?.trim() ?? '';
    const toolCalls = (message?.tool_calls ?? []).flatMap((call) =>
      call.type === 'function' ? [{ id: call.id, name: call.function.name, arguments: call.function.arguments }] : [],
    );
    if (!text && toolCalls.length === 0) throw new ProviderError('provider returned an empty reply', true, false, null);
    return {
      text,
      toolCalls,
      model: response.model || request.model,
      usage: response.usage
        ? {
            promptTokens: response.usage.prompt_tokens,
            completionTokens: response.usage.completion_tokens,
            totalTokens: response.usage.total_tokens,
          }
        : null,
    };
  } catch (error) {
    throw classifyProviderError(error);
  }
}

export type ProviderOutcome =
  { ok: true; completion: Completion; latencyMs: number } | { ok: false; error: ProviderError; latencyMs: number };

/**
 * One provider call with its latency, never throwing for a provider's failure: the caller decides
 * (the workflow activity retries retryable ones, the test routes report them). A failure's detail
 * is logged here, the only place it goes; `onOutOfFunds` runs when the provider answers
 * `insufficient_quota`.
 */
export async function callProvider(
  request: CompletionRequest,
  { onOutOfFunds, logger }: { onOutOfFunds: () => Promise<unknown>; logger: Logger },
): Promise<ProviderOutcome> {
  const startedAt = Date.now();
  try {
    const completion = await complete(request);
    return { ok: true, completion, latencyMs: Date.now() - startedAt };
  } catch (error) {
    const classified = classifyProviderError(error);
    logger.warn(
      { baseUrl: request.baseUrl, model: request.model, status: classified.status, detail: classified.detail },
      `provider call failed: ${classified.message}`,
    );
    if (classified.insufficientQuota) await onOutOfFunds();
    return { ok: false, error: classified, latencyMs: Date.now() - startedAt };
  }
}

/**
 * The provider request for a resolved configuration whose provider may be called (an API key and no
 * `provider.problem`). The private-network guard applies unless the base URL is the service's own.
 */
export function providerRequest(
  config: EffectiveAiConfig & { apiKey: string },
  outbound: { allowPrivateNetwork: boolean },
  messages: ProviderMessage[],
  tools?: ToolDefinition[],
): CompletionRequest {
  return {
    baseUrl: config.baseUrl,
    apiKey: config.apiKey,
    model: config.modelName,
    messages,
    tools,
    temperature: config.temperature,
    maxTokens: config.maxTokens,
    timeoutSeconds: config.timeoutSeconds,
    allowPrivateNetwork: config.provider.atServiceBaseUrl || outbound.allowPrivateNetwork,
  };
}
