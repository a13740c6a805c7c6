import {
  OutboundTargetRefused,
  outboundFetch,
  type OutboundPolicy,
  type OutboundResponse,
} from '../lib/outbound-http.js';
import { ChannelCallFailed } from './channel.js';

/**
 * Whether retrying a call the receiver answered with `status` can help: 5xx and the 4xx answers that
 * mean "later" (408, 409, 425, 429). Other 4xx reject the call itself. (No answer at all is retried.)
 */
export function isRetryableHookStatus(status: number): boolean {
  return status >= 500 || [408, 409, 425, 429].includes(status);
}

/** Runs one outbound call, turning a refused target, no answer or an error status into `ChannelCallFailed`. */
export async function answerOf(what: string, call: () => Promise<OutboundResponse>): Promise<string> {
  let response: OutboundResponse;
  try {
    response = await call();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ChannelCallFailed(`${what}: ${reason}`, !(error instanceof OutboundTargetRefused));
  }
  // The answer's body is not echoed: it may carry what the provider knows about its own network.
  if (response.status >= 400) {
    throw new ChannelCallFailed(`${what} answered ${response.status}`, isRetryableHookStatus(response.status));
  }
  return response.body;
}

/** A call to a provider's API (send, typing, handoff) with its own auth headers. */
export interface ProviderRequest {
  url: string;
  headers?: Record<string, string>;
  payload: unknown;
}

/**
 * A provider API call with JSON in and out, through the outbound guard (no redirects, only public
 * addresses unless private targets are allowed); the answer's JSON (null when it has none).
 */
export async function callProvider(what: string, request: ProviderRequest, policy: OutboundPolicy): Promise<unknown> {
  const body = await answerOf(what, async () => {
    const response = await outboundFetch(policy)(request.url, {
      method: 'POST',
      headers: { ...request.headers, 'content-type': 'application/json', 'user-agent': 'convo-pilot' },
      body: JSON.stringify(request.payload),
      signal: AbortSignal.timeout(policy.timeoutMs),
    });
    return { status: response.status, body: await response.text() };
  });
  try {
    return body ? (JSON.parse(body) as unknown) : null;
  } catch {
    return null;
  }
}

/** `value` when it is a non-empty string or a number, as a string; null otherwise (reading provider answers). */
export function idText(value: unknown): string | null {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.length > 0 ? value : null;
}
