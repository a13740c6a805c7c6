import type { Message } from './model.js';

export type ChatMessage = { role: 'system' | 'user' | 'assistant'; content: string };

/** How many stored messages the model sees per reply (the seed's "last 20 messages"). */
export const HISTORY_LIMIT = 20;

/**
 * System prompt + the conversation so far, oldest first. The contact speaks as `user`; everything
 * the business sent, by AI or by a human agent, is the `assistant` side.
 */
export function buildPrompt(
  systemPrompt: string,
  historyNewestFirst: Pick<Message, 'direction' | 'text'>[],
): ChatMessage[] {
  const history = historyNewestFirst
    .slice(0, HISTORY_LIMIT)
    .reverse()
    .map((message): ChatMessage => ({
      role: message.direction === 'inbound' ? 'user' : 'assistant',
      content: message.text,
    }));
  return [{ role: 'system', content: systemPrompt }, ...history];
}
