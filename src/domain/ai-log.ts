import type { AiLog } from './model.js';

/** What identifies a generation in the AI log; everything else starts empty and is filled by the outcome. */
export type AiLogIdentity = Pick<
  AiLog,
  '_id' | 'origin' | 'organizationId' | 'conversationId' | 'replyMessageId' | 'triggerMessageIds' | 'model' | 'baseUrl'
>;

/** One AI log row: the identity, the outcome's fields, and empty defaults for the rest. */
export function aiLogRecord(identity: AiLogIdentity, fields: Partial<AiLog>): AiLog {
  return {
    ...identity,
    outcome: 'skipped',
    reason: null,
    prompt: [],
    reply: null,
    usage: null,
    latencyMs: null,
    replyDelaySeconds: null,
    typingMs: null,
    createdAt: new Date(),
    ...fields,
  };
}
