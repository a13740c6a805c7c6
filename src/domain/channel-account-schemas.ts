import { z } from 'zod';
import { MAX_TYPING_MS_PER_CHARACTER } from './typing.js';

/**
 * The settings a channel account of any type has that the console's Settings → Channels forms
 * check before sending (the API's own rules, not a copy): zod and the typing bound only, so nothing
 * here may reach server code.
 */

export const AccountName = z.string().trim().min(1).max(200);

export const SplitMessages = z.boolean().meta({
  description:
    'Replies are sent paragraph by paragraph (split on blank lines), each message after its own typing indicator and typing time (default false). An agent’s `splitMessages` wins.',
});

// Messages people read: the console shows them next to the field, the API in its 400's details.
export const TypingMsPerCharacter = z
  .number()
  .int('must be a whole number of milliseconds')
  .min(0, 'must be 0 or more')
  .max(MAX_TYPING_MS_PER_CHARACTER, `must be at most ${MAX_TYPING_MS_PER_CHARACTER} ms per character`)
  .nullable()
  .meta({
    description:
      'Typing time per character of each message, capped at the service’s TYPING_MAX_SECONDS (null, the default: the service’s TYPING_MS_PER_CHARACTER). An agent’s `typingMsPerCharacter` wins.',
  });
