/** How long the channel shows "typing…" before a reply: grows with its length, within bounds. */
export interface TypingPace {
  msPerCharacter: number;
  maxMs: number;
}

/** The most ms per character a service, channel account or agent may set (`TYPING_MS_PER_CHARACTER`'s bound). */
export const MAX_TYPING_MS_PER_CHARACTER = 1000;

export function typingDurationMs(text: string, pace: TypingPace): number {
  return Math.min(pace.maxMs, Math.round(text.length * pace.msPerCharacter));
}

/**
 * How a reply is typed, set on an agent and on a channel account: null or absent on either means
 * "as the next one says" (agent → channel account → the service's `TYPING_MS_PER_CHARACTER`).
 */
export interface TypingSettings {
  splitMessages?: boolean | null;
  typingMsPerCharacter?: number | null;
}

export interface TypingStyle {
  /** Send a reply's paragraphs (text between blank lines) as messages of their own. */
  splitMessages: boolean;
  pace: TypingPace;
}

/** The agent's setting wins over the channel account's, the account's over the service's. */
export function resolveTypingStyle(
  agent: TypingSettings | null,
  account: TypingSettings | null,
  service: TypingPace,
): TypingStyle {
  return {
    splitMessages: agent?.splitMessages ?? account?.splitMessages ?? false,
    pace: {
      msPerCharacter: agent?.typingMsPerCharacter ?? account?.typingMsPerCharacter ?? service.msPerCharacter,
      maxMs: service.maxMs,
    },
  };
}

/** One message of a reply sent in parts, each after its own typing time. */
export interface ReplyPart {
  /** The outbound message's id and idempotency key; the first part's is the reply's own. */
  messageId: string;
  text: string;
  typingMs: number;
}

/** The paragraphs of a reply: split on blank lines, trimmed, empty ones dropped. */
export function paragraphsOf(reply: string): string[] {
  return reply
    .split(/\n\s*\n/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

const PART_SUFFIX = /-part-(\d+)$/;

/** Part n (0-based) of reply `replyMessageId`: the first keeps the reply's id (= its AI log's). */
export const replyPartMessageId = (replyMessageId: string, index: number): string =>
  index === 0 ? replyMessageId : `${replyMessageId}-part-${index + 1}`;

/** The reply a message id may be a later part of (its AI log's id), or null. */
export const replyOfPart = (messageId: string): string | null =>
  PART_SUFFIX.test(messageId) ? messageId.replace(PART_SUFFIX, '') : null;

/**
 * A reply as it is sent: in parts when splitting is on and it has more than one paragraph (null
 * otherwise: one message, typed for `typingDurationMs` of the whole text).
 */
export function replyParts(replyMessageId: string, reply: string, style: TypingStyle): ReplyPart[] | null {
  if (!style.splitMessages) return null;
  const paragraphs = paragraphsOf(reply);
  if (paragraphs.length < 2) return null;
  return paragraphs.map((text, index) => ({
    messageId: replyPartMessageId(replyMessageId, index),
    text,
    typingMs: typingDurationMs(text, style.pace),
  }));
}
