import { createHash, randomUUID } from 'node:crypto';

export const newId = (): string => randomUUID();

/** A UUID-shaped id derived from its parts: the same parts always give the same id. */
export function derivedId(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  // Version nibble 5 (name-based), so derived ids look like every other id in APIs and the Temporal UI.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The id of an inbound message is derived from the channel account and the channel's own message
 * id, so a retried or duplicated delivery maps onto the same document (`_id` is unique) and the same
 * workflow signal, with no extra index and no read-before-write race.
 */
export function inboundMessageId(channelAccountId: string, channelMessageId: string): string {
  return derivedId(channelAccountId, channelMessageId);
}
