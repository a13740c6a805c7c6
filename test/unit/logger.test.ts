import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/lib/logger.js';

describe('logger redaction', () => {
  it('never writes API keys, tokens or secrets, at the top level or one level down', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(chunk.toString()), done()) });
    const logger = createLogger('info', 'test', false, sink);
    logger.info(
      {
        api_key: 'sk-top-level',
        apiKey: 'sk-top-camel',
        config: { apiKey: 'sk-nested', api_key: 'sk-nested-snake' },
        account: { hook_secret: 'whsec_abc', account_token: 'cp_account' },
        subscription: { secret: 'whsec_def' },
        req: { headers: { authorization: 'Bearer eyJhbGciOi', 'x-api-key': 'cp_header' } },
      },
      'settings changed',
    );
    const output = lines.join('');
    expect(output).toContain('settings changed');
    for (const secret of [
      'sk-top-level',
      'sk-top-camel',
      'sk-nested',
      'whsec_abc',
      'cp_account',
      'whsec_def',
      'eyJhbGciOi',
      'cp_header',
    ]) {
      expect(output).not.toContain(secret);
    }
    expect(output).toContain('[redacted]');
  });
});
