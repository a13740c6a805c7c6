import { createHash, randomUUID } from 'node:crypto';

export const newId = (): string => randomUUID();

/**
 * The id of an inbound message is derived from the channel account and the channel's own message
 * id, so a retried or duplicated delivery maps onto the same document (`_id` is unique) and the same
 * workflow signal, with no extra index and no read-before-write race.
 */
export function inboundMessageId(channelAccountId: string, channelMessageId: string): string {
  const hex = createHash('sha256').update(`${channelAccountId}\u0000${channelMessageId}`).digest('hex');
  // Shaped like a UUID (version nibble 5) so every message id looks alike in APIs and the Temporal UI.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
