import OpenAI, { APIConnectionError, APIError } from 'openai';
import type { ChatMessage } from '../domain/prompt.js';

export interface CompletionRequest {
  baseUrl: string;
  apiKey: string;
  model: string;
  messages: ChatMessage[];
  temperature: number;
  maxTokens: number;
  timeoutSeconds: number;
}

export interface Completion {
  text: string;
  model: string;
  usage: { promptTokens: number; completionTokens: number; totalTokens: number } | null;
}

/**
 * What went wrong with a provider call, decided once here: whether retrying can help, and whether
 * the account is out of funds (an `insufficient_quota` answer, which no retry fixes).
 */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly insufficientQuota: boolean,
    readonly status: number | null,
  ) {
    super(message);
  }
}

export function classifyProviderError(error: unknown): ProviderError {
  if (error instanceof APIConnectionError) {
    return new ProviderError(`provider unreachable: ${error.message}`, true, false, null);
  }
  if (error instanceof APIError) {
    const status = typeof error.status === 'number' ? error.status : null;
    if (error.code === 'insufficient_quota') {
      return new ProviderError(`provider quota exhausted: ${error.message}`, false, true, status);
    }
    const retryable = status === null || status === 408 || status === 409 || status === 429 || status >= 500;
    return new ProviderError(`provider answered ${status}: ${error.message}`, retryable, false, status);
  }
  if (error instanceof ProviderError) return error;
  return new ProviderError(error instanceof Error ? error.message : String(error), true, false, null);
}

/** One OpenAI-compatible `/chat/completions` call. Retries belong to Temporal, so the SDK makes none. */
export async function complete(request: CompletionRequest): Promise<Completion> {
  const client = new OpenAI({
    baseURL: request.baseUrl,
    apiKey: request.apiKey,
    timeout: request.timeoutSeconds * 1000,
    maxRetries: 0,
  });
  try {
    const response = await client.chat.completions.create({
      model: request.model,
      messages: request.messages,
      temperature: request.temperature,
      max_tokens: request.maxTokens,
    });
    const text = response.choices[0]?.message?.content?.trim();
    if (!text) throw new ProviderError('provider returned an empty reply', true, false, null);
    return {
      text,
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
