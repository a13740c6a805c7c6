import { describe, expect, it } from 'vitest';
import { paragraphsOf, replyOfPart, replyParts, resolveTypingStyle } from '../../src/domain/typing.js';

const service = { msPerCharacter: 30, maxMs: 6000 };

describe('typing like a human (pure rules)', () => {
  it('splits on blank lines (whitespace-only lines count), trims parts and drops empty ones', () => {
    expect(paragraphsOf('  One.\n\nTwo,\nstill two.\n \t\n\n\nThree.  \n\n')).toEqual([
      'One.',
      'Two,\nstill two.',
      'Three.',
    ]);
    expect(paragraphsOf('One line.\nAnother line.')).toEqual(['One line.\nAnother line.']);
    expect(paragraphsOf('\n\n  \n')).toEqual([]);
  });

  it('the agent’s setting wins over the account’s, the account’s over the service’s', () => {
    expect(
      resolveTypingStyle(
        { splitMessages: true, typingMsPerCharacter: 0 },
        { splitMessages: false, typingMsPerCharacter: 20 },
        service,
      ),
    ).toEqual({
      splitMessages: true,
      pace: { msPerCharacter: 0, maxMs: 6000 },
    });
    expect(
      resolveTypingStyle(
        { splitMessages: null, typingMsPerCharacter: null },
        { splitMessages: true, typingMsPerCharacter: 20 },
        service,
      ),
    ).toEqual({
      splitMessages: true,
      pace: { msPerCharacter: 20, maxMs: 6000 },
    });
    expect(resolveTypingStyle(null, {}, service)).toEqual({ splitMessages: false, pace: service });
  });

  it('gives each part its id and its own typing time, capped; no parts unless split into two or more', () => {
    const style = { splitMessages: true, pace: { msPerCharacter: 100, maxMs: 6000 } };
    expect(replyParts('r1', `Hi!\n\n${'x'.repeat(90)}`, style)).toEqual([
      { messageId: 'r1', text: 'Hi!', typingMs: 300 },
      { messageId: 'r1-part-2', text: 'x'.repeat(90), typingMs: 6000 },
    ]);
    expect(replyParts('r1', 'Just one paragraph.\n', style)).toBeNull();
    expect(replyParts('r1', 'A.\n\nB.', { ...style, splitMessages: false })).toBeNull();
    expect(replyOfPart('r1-part-2')).toBe('r1');
    expect(replyOfPart('r1')).toBeNull();
  });
});
