import { describe, expect, it } from 'vitest';
import { buildPrompt, HISTORY_LIMIT } from '../../src/domain/prompt.js';

describe('buildPrompt', () => {
  it('puts the system prompt first and the history oldest first, contact as user and business as assistant', () => {
    const newestFirst = [
      { direction: 'inbound' as const, text: 'third' },
      { direction: 'outbound' as const, text: 'second' },
      { direction: 'inbound' as const, text: 'first' },
    ];
    expect(buildPrompt('Be kind.', newestFirst)).toEqual([
      { role: 'system', content: 'Be kind.' },
      { role: 'user', content: 'first' },
      { role: 'assistant', content: 'second' },
      { role: 'user', content: 'third' },
    ]);
  });

  it(`keeps only the last ${HISTORY_LIMIT} messages`, () => {
    const newestFirst = Array.from({ length: 30 }, (_, i) => ({ direction: 'inbound' as const, text: `m${30 - i}` }));
    const prompt = buildPrompt('S', newestFirst);
    expect(prompt).toHaveLength(HISTORY_LIMIT + 1);
    expect(prompt[1]).toEqual({ role: 'user', content: 'm11' });
    expect(prompt.at(-1)).toEqual({ role: 'user', content: 'm30' });
  });
});
