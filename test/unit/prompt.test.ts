import { describe, expect, it } from 'vitest';
import { buildPrompt, fitPrompt, HISTORY_LIMIT, promptCharacters } from '../../src/domain/prompt.js';

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

describe('fitPrompt', () => {
  const prompt = [
    { role: 'system' as const, content: 'S'.repeat(10) },
    { role: 'user' as const, content: 'a'.repeat(10) },
    { role: 'assistant' as const, content: 'b'.repeat(10) },
    { role: 'user' as const, content: 'c'.repeat(10) },
    { role: 'system' as const, content: 'F'.repeat(5) },
  ];

  it('keeps a prompt that fits as it is', () => {
    expect(fitPrompt(prompt, 45)).toEqual(prompt);
  });

  it('drops the oldest history first, keeping the system messages and the newest message', () => {
    expect(fitPrompt(prompt, 35)!.map((m) => m.content[0])).toEqual(['S', 'b', 'c', 'F']);
    expect(fitPrompt(prompt, 25)!.map((m) => m.content[0])).toEqual(['S', 'c', 'F']);
    // Characters already taken (tool rounds) count too.
    expect(fitPrompt(prompt, 35, 10)!.map((m) => m.content[0])).toEqual(['S', 'c', 'F']);
  });

  it('gives up when the system prompt and the newest message alone are too large', () => {
    expect(fitPrompt(prompt, 24)).toBeNull();
  });

  it('counts tool calls and answers', () => {
    expect(
      promptCharacters([
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: '1', type: 'function', function: { name: 'abc', arguments: '{}' } }],
        },
        { role: 'tool', tool_call_id: '1', content: 'done' },
      ]),
    ).toBe(9);
  });
});
