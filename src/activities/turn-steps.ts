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
 * effort, and never a reason to generate again: if it did not show (`showTypingBriefly` says so),
 * the result names no message in `typingShownFor` and the delivery shows it, as after a reply delay.
 */
export function typingRightAfter(
  generateReply: (turn: ReplyTurn, reads: ConversationReads) => Promise<GenerationWithAgent>,
  showTypingBriefly: (turn: ReplyTurn, reads: ConversationReads) => Promise<boolean>,
) {
  return async (turn: ReplyTurn, reads: ConversationReads): Promise<GenerationWithAgent> => {
    const result = await generateReply(turn, reads);
    // A follow-up may go out on another conversation's channel (dynamic channel switching).
    if (result.outcome !== 'generated' || result.replyDelaySeconds > 0 || turn.followup) return result;
    const firstMessageId = result.parts && result.parts.length > 1 ? result.parts[0]!.messageId : turn.replyMessageId;
    const shown = await showTypingBriefly({ ...turn, replyMessageId: firstMessageId }, reads);
    return shown ? { ...result, typingShownFor: firstMessageId } : result;
  };
}
