import {
  AGENT_OFF_REASON,
  type AgentPolicy,
  type ConversationKey,
  type GenerationResult,
  type GenerationWithAgent,
  type ReplyTurn,
  type UnansweredMessages,
} from '../workflows/contracts.js';
import type { ConversationReads } from './conversation-reads.js';

/**
 * Steps of a reply turn that ride along with the generation's activity instead of being activities
 * of their own: each costs the conversation's history three events and a workflow task otherwise.
 * They share the activity's reads of the conversation (its account, its contact) with it.
 */

/** How long showing "typing…" may hold up a generated reply before the workflow shows it itself. */
const TYPING_WITHIN_GENERATION_MS = 5_000;

/**
 * The agent answering now, looked up by the generation when the workflow asks (`lookUpAgent`): the
 * result says which agent it was (the workflow's next turn starts from it). An agent set to OFF
 * generates nothing; its messages are logged as unanswered, as the workflow logs them itself.
 */
export function withAgentLookup(
  generateReply: (turn: ReplyTurn, reads: ConversationReads) => Promise<GenerationResult>,
  resolveConversationAgent: (
    lookup: ConversationKey & { assignedAgentId: string | null },
    reads: ConversationReads,
  ) => Promise<AgentPolicy | null>,
  recordUnansweredMessages: (unanswered: UnansweredMessages) => Promise<void>,
) {
  return async ({ lookUpAgent, ...turn }: ReplyTurn, reads: ConversationReads): Promise<GenerationWithAgent> => {
    if (!lookUpAgent) return generateReply(turn, reads);
    const key = { organizationId: turn.organizationId, conversationId: turn.conversationId };
    const agent = await resolveConversationAgent({ ...key, assignedAgentId: lookUpAgent.assignedAgentId }, reads);
    if (agent?.mode === 'OFF') {
      const logId = turn.replyMessageId;
      await recordUnansweredMessages({ ...key, logId, messageIds: turn.triggerMessageIds, reason: AGENT_OFF_REASON });
      return { outcome: 'skipped', reason: AGENT_OFF_REASON, aiLogId: logId, agent };
    }
    return { ...(await generateReply({ ...turn, agentId: agent?.agentId ?? null }, reads)), agent };
  };
}

/**
 * A reply that goes out without a delay shows "typing…" from the generation's own activity. Best
 * effort, and never a reason to generate again: on any failure (or past TYPING_WITHIN_GENERATION_MS)
 * the result names no message in `typingShownFor` and the workflow shows it with its own activity,
 * as it does after a reply delay.
 */
export function typingRightAfter(
  generateReply: (turn: ReplyTurn, reads: ConversationReads) => Promise<GenerationWithAgent>,
  sendTypingIndicator: (turn: ReplyTurn, reads: ConversationReads) => Promise<void>,
) {
  return async (turn: ReplyTurn, reads: ConversationReads): Promise<GenerationWithAgent> => {
    const result = await generateReply(turn, reads);
    // A follow-up may go out on another conversation's channel (dynamic channel switching).
    if (result.outcome !== 'generated' || result.replyDelaySeconds > 0 || turn.followup) return result;
    const firstMessageId = result.parts && result.parts.length > 1 ? result.parts[0]!.messageId : turn.replyMessageId;
    let timer: NodeJS.Timeout | undefined;
    const shown = await Promise.race([
      sendTypingIndicator({ ...turn, replyMessageId: firstMessageId }, reads).then(() => true),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), TYPING_WITHIN_GENERATION_MS))),
    ])
      .catch(() => false)
      .finally(() => clearTimeout(timer));
    return shown ? { ...result, typingShownFor: firstMessageId } : result;
  };
}
