import type { Payload, PayloadCodec } from '@temporalio/common';

export interface PayloadInHistory {
  /** Where it sits, e.g. `events.4.activityTaskCompletedEventAttributes.result.payloads.0`. */
  path: string;
  payload: Payload;
  replace: (decoded: Payload) => void;
}

const isPayload = (value: object): value is Payload => {
  const metadata = (value as Payload).metadata;
  return !!metadata && typeof metadata === 'object' && metadata.encoding instanceof Uint8Array;
};

/** Every payload of a fetched history (a proto message tree): inputs, results, signals, memos, search attributes. */
export function payloadsIn(message: unknown, path: string[] = []): PayloadInHistory[] {
  if (!message || typeof message !== 'object' || message instanceof Uint8Array) return [];
  return Object.entries(message).flatMap(([key, value]: [string, unknown]) => {
    if (value && typeof value === 'object' && !(value instanceof Uint8Array) && isPayload(value)) {
      const replace = (decoded: Payload) => void ((message as Record<string, unknown>)[key] = decoded);
      return [{ path: [...path, key].join('.'), payload: value, replace }];
    }
    return payloadsIn(value, [...path, key]);
  });
}

/**
 * Decodes a fetched history's payloads in place with the service's codecs (`fetchHistory` answers
 * them as Temporal stores them), e.g. to record a history whose replay needs no keys.
 */
export async function decodeHistoryPayloads(history: unknown, codecs: readonly PayloadCodec[]): Promise<void> {
  for (const { payload, replace } of payloadsIn(history)) {
    let decoded = [payload];
    for (const codec of [...codecs].reverse()) decoded = await codec.decode(decoded);
    replace(decoded[0]!);
  }
}
