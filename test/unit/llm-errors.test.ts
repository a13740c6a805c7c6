import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { classifyProviderError } from '../../src/lib/llm-client.js';
import { OutboundTargetRefused } from '../../src/lib/outbound-http.js';

const apiError = (status: number, error: object) => APIError.generate(status, { error }, undefined, new Headers());

describe('classifyProviderError', () => {
  it.each([
    ['timeout', new APIConnectionTimeoutError(), true, false],
    ['500', apiError(500, { message: 'boom' }), true, false],
    ['503', apiError(503, { message: 'overloaded' }), true, false],
    ['429 rate limit', apiError(429, { message: 'slow down', code: 'rate_limit_exceeded' }), true, false],
    [
      '429 insufficient_quota',
      apiError(429, { message: 'no credit', code: 'insufficient_quota', type: 'insufficient_quota' }),
      false,
      true,
    ],
    ['401', apiError(401, { message: 'bad key', code: 'invalid_api_key' }), false, false],
    ['400', apiError(400, { message: 'bad model' }), false, false],
  ])('%s → retryable %s, out of funds %s', (_name, error, retryable, insufficientQuota) => {
    const classified = classifyProviderError(error);
    expect(classified.retryable).toBe(retryable);
    expect(classified.insufficientQuota).toBe(insufficientQuota);
  });
});

describe('classifyProviderError: generic message, the provider’s words only in `detail`', () => {
  const secret = 'connect to mongodb://admin:hunter2@10.0.0.5 failed';

  it.each([
    ['an error status', apiError(500, { message: secret }), 'provider answered 500'],
    ['out of funds', apiError(429, { message: secret, code: 'insufficient_quota' }), 'provider quota exhausted (429)'],
    ['unreachable', new APIConnectionError({ cause: new Error(secret) }), 'provider unreachable'],
    [
      'a refused address',
      new APIConnectionError({ cause: new OutboundTargetRefused(`${secret} is a private address`) }),
      'provider address refused (not a public address)',
    ],
  ])('%s', (_name, error, message) => {
    const classified = classifyProviderError(error);
    expect(classified.message).toBe(message);
    expect(classified.detail).toContain('hunter2');
  });

  it('a refused address is final', () => {
    expect(classifyProviderError(new APIConnectionError({ cause: new OutboundTargetRefused('x') })).retryable).toBe(
      false,
    );
  });
});
