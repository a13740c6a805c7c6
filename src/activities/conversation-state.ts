import { setTimeout as delay } from 'node:timers/promises';
import type { WorkerMetrics } from '../lib/metrics.js';
import { aiLogRecord } from '../domain/ai-log.js';
import type { DroppedReply, UnansweredMessages } from '../workflows/contracts.js';
import type { Actor, ConversationControls } from '../workflows/definitions.js';
import type { Repositories } from '../store/repositories.js';
import type { EventPublisher } from '../engine/event-publisher.js';
import { conversationEvent } from './event-publisher.js';

export interface ConversationStateDeps {
  store: Pick<Repositories, 'conversations' | 'aiLogs'>;
  events: EventPublisher;
  metrics: Pick<WorkerMetrics, 'takeovers'>;
}

/** How many times a save is checked (and redone) against a concurrent writer's stale copy. */
const VERIFY_ROUNDS = 3;

export function createConversationStateActivities({ store, events, metrics }: ConversationStateDeps) {
  const { conversations, aiLogs } = store;
  return {
    /**
     * MongoDB's queryable copy of what the workflow decided (listing, filters, toggle answers).
     *
     * On MongoDB an update is atomic per document. FerretDB 1.24 (the local stack) updates by
     * reading the document and writing it back whole, so a concurrent `lastMessageAt` bump (ingest,
     * delivery) can write back the old controls over ours: the save is read back and redone until it
     * holds.
     */
    async saveConversationControls(change: {
      organizationId: string;
      conversationId: string;
      controls: ConversationControls;
      closing?: { category: string | null; summary: string | null } | undefined;
      /** Set when this change is a human taking over: `human_takeover` is emitted once it is saved. */
      takeover?: { eventId: string; agent: Actor } | undefined;
    }): Promise<void> {
      const { controls, closing, takeover } = change;
      const expected = { aiEnabled: controls.aiEnabled, aiAgentActive: controls.botActive, status: controls.status };
      const { organizationId, conversationId } = change;
      for (let round = 0; round < VERIFY_ROUNDS; round++) {
        await conversations.set(organizationId, conversationId, {
          ...expected,
          ...(closing ? { closing: { ...closing, closedAt: new Date() } } : {}),
        });
        await delay(50);
        const stored = await conversations.findInOrganization(organizationId, conversationId);
        if (!stored) return;
        const holds =
          stored.aiEnabled === expected.aiEnabled &&
          stored.aiAgentActive === expected.aiAgentActive &&
          stored.status === expected.status;
        if (holds) {
          if (takeover) {
            await events.publish(
              conversationEvent(stored, 'human_takeover', takeover.eventId, { agent: takeover.agent }),
            );
            metrics.takeovers.inc();
          }
          return;
        }
      }
      throw new Error('the conversation controls were overwritten concurrently; retrying');
    },

    /**
     * A generated reply the workflow did not send: the contact wrote again before it went out
     * (`supersededBy`: the next turn answers everything), or a human took over meanwhile. A split
     * reply stopped after some of its parts stays `generated` (they went out) and says how many.
     */
    async recordDroppedReply({
      organizationId,
      replyMessageId,
      reason,
      supersededBy,
      partsSent,
    }: DroppedReply): Promise<void> {
      const outcome = partsSent ? { partsSent } : { outcome: 'skipped' as const };
      await aiLogs.set(organizationId, replyMessageId, {
        ...outcome,
        reason,
        ...(supersededBy ? { supersededBy } : {}),
      });
    },

    /** Inbound messages the bot leaves to the humans (paused, AI off, closed, agent OFF): one AI log row says why. */
    async recordUnansweredMessages({ logId, messageIds, reason, ...key }: UnansweredMessages): Promise<void> {
      // A retried attempt whose first one wrote the row finds it there.
      await aiLogs.insertUnlessExists(
        aiLogRecord(
          {
            _id: logId,
            origin: 'conversation',
            ...key,
            replyMessageId: logId,
            triggerMessageIds: messageIds,
            model: '',
            baseUrl: '',
          },
          { outcome: 'skipped', reason },
        ),
      );
    },
  };
}
