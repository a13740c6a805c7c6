import { APIConnectionTimeoutError, APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { classifyProviderError } from '../../src/activities/llm-client.js';

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
