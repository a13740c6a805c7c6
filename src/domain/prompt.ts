import type { Message } from './model.js';

export type ChatMessage = { role: 'system' | 'user' | 'assistant'; content: string };

/** A function the model asked to call (OpenAI's `tool_calls`), arguments as the JSON text it wrote. */
export interface ToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** One round of tool use: what the model asked, and what each call answered. */
export interface ToolRound {
  calls: ToolCall[];
  results: { toolCallId: string; content: string }[];
}

/** The messages a provider receives: the prompt, then the rounds of tool use so far. */
export type ProviderMessage =
  | ChatMessage
  | {
      role: 'assistant';
      content: string | null;
      tool_calls: { id: string; type: 'function'; function: { name: string; arguments: string } }[];
    }
  | { role: 'tool'; tool_call_id: string; content: string };

export function withToolRounds(prompt: ChatMessage[], rounds: ToolRound[]): ProviderMessage[] {
  return [
    ...prompt,
    ...rounds.flatMap((round): ProviderMessage[] => [
      {
        role: 'assistant',
        content: null,
        tool_calls: round.calls.map((call) => ({
          id: call.id,
          type: 'function',
          function: { name: call.name, arguments: call.arguments },
        })),
      },
      ...round.results.map((result): ProviderMessage => ({
        role: 'tool',
        tool_call_id: result.toolCallId,
        content: result.content,
      })),
    ]),
  ];
}

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

/** The AI log's reason for a turn whose system prompt and newest message alone exceed the prompt size limit. */
export const PROMPT_TOO_LARGE_REASON = 'prompt_too_large';

/** Characters of provider messages: their text, and the names and arguments of the tool calls they carry. */
export function promptCharacters(messages: ProviderMessage[]): number {
  let characters = 0;
  for (const message of messages) {
    characters += message.content?.length ?? 0;
    if ('tool_calls' in message) {
      for (const call of message.tool_calls) characters += call.function.name.length + call.function.arguments.length;
    }
  }
  return characters;
}

/**
 * The prompt cut to `maxCharacters` (with `reservedCharacters` already taken, e.g. by tool rounds):
 * the oldest history goes first; the system messages and the newest message always stay. Null when
 * even those do not fit.
 */
export function fitPrompt(prompt: ChatMessage[], maxCharacters: number, reservedCharacters = 0): ChatMessage[] | null {
  const newest = prompt.findLastIndex((message) => message.role !== 'system');
  let characters = reservedCharacters + promptCharacters(prompt);
  const dropped = new Set<number>();
  for (let index = 0; characters > maxCharacters && index < newest; index++) {
    if (prompt[index]!.role === 'system') continue;
    characters -= prompt[index]!.content.length;
    dropped.add(index);
  }
  return characters <= maxCharacters ? prompt.filter((_, index) => !dropped.has(index)) : null;
}
