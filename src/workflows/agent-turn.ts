import { condition, getExternalWorkflowHandle, patched, uuid4 } from '@temporalio/workflow';
import type { ActionLog } from '../domain/model.js';
import type { ToolRound } from '../domain/prompt.js';
import {
  planFollowup,
  prepareFollowup,
  recordDroppedReply,
  recordedAsLocal,
  recordUnansweredMessages,
  resolveConversationAgent,
  runAgentAction,
} from './activity-proxies.js';
import {
  AGENT_OFF_REASON,
  type AgentEffect,
  type AgentPolicy,
  type ReplyTurn,
  type ScheduledFollowup,
} from './contracts.js';
import { agentActor, type Controls } from './controls.js';
import { conversationWorkflowId, outboundMessageSignal, type OutboundMessageRequested } from './definitions.js';
import { generateOrRecordFailure, send, sendLikeAHuman, type Interruptions } from './replies.js';
import {
  AGENT_IN_GENERATION_PATCH,
  AGENTS_PATCH,
  LOG_UNANSWERED_PATCH,
  NO_LOCAL_ACTIVITIES_PATCH,
  SUPERSEDE_PATCH,
} from './patches.js';
import { canReply, heldReason, type ConversationState } from './state.js';

/** Transfers between agents within one reply, at most (A → B → A … must end). */
const MAX_TRANSFERS_PER_REPLY = 2;

export type AgentTurns = ReturnType<typeof agentTurns>;

/**
 * A reply turn, with or without a conversation AI agent (seed 004): wait for the contact to be
 * quiet (debounce), generate while running the tools the model calls (transfers included), send
 * like a human, then apply what the actions asked for (handover, stop, sleep, follow-ups) and the
 * auto-pilot limit. Also the agent's reactions to other messages: sleeping after a human's or an
 * automation's message, and due follow-up steps. Everything reads and changes `state`; the controls
 * change only through `controls`.
 */
export function agentTurns(state: ConversationState, controls: Controls) {
  const mayReply = () => canReply(state);

  async function resolveAgent(): Promise<AgentPolicy | null> {
    if (!patched(AGENTS_PATCH)) return null;
    const lookup = patched(NO_LOCAL_ACTIVITIES_PATCH)
      ? resolveConversationAgent
      : recordedAsLocal.resolveConversationAgent;
    state.knownAgent = await lookup.executeWithOptions({ summary: 'resolve agent' }, [
      { ...state.key, assignedAgentId: state.assignedAgentId },
    ]);
    return state.knownAgent;
  }

  /**
   * The agent a turn starts from. When the agent last seen in this run does not debounce (or there
   * is none), the generation looks it up itself (`lookUpAgent`), saving the turn an activity; a
   * change of the agent's debounce then applies from the turn after. Otherwise it is looked up now.
   */
  async function agentForTurn(): Promise<{ agent: AgentPolicy | null; lookUpInGeneration: boolean }> {
    const known = state.knownAgent;
    const noDebounce = known !== undefined && (known === null || (known.waitMs === 0 && known.mode !== 'OFF'));
    if (noDebounce && patched(AGENT_IN_GENERATION_PATCH)) return { agent: known, lookUpInGeneration: true };
    return { agent: await resolveAgent(), lookUpInGeneration: false };
  }

  /**
   * The debounce: waits until the contact has been quiet for `waitMs`, gathering what they add
   * meanwhile into this turn. `held` when the bot may no longer reply, `human` when a human wrote.
   */
  async function debounce(triggers: string[], waitMs: number): Promise<'quiet' | 'held' | 'human'> {
    for (;;) {
      const more = await condition(
        () => state.pending.length > 0 || !mayReply() || state.manualMessages.length > 0,
        waitMs,
        { summary: 'debounce' },
      );
      if (!mayReply()) return 'held';
      if (state.manualMessages.length > 0) return 'human';
      if (!more) return 'quiet';
      triggers.push(...state.pending.splice(0));
    }
  }

  async function scheduleFollowup(actionId: string, stepIndex: number): Promise<void> {
    state.followup = await planFollowup.executeWithOptions({ summary: `plan follow-up step ${stepIndex + 1}` }, [
      { ...state.key, actionId, stepIndex, from: Date.now() },
    ]);
  }

  /**
   * Generates the reply, running the tools the model calls (one activity each, so each runs once)
   * and asking again with their answers. Stopping or handing over ends with the action's final
   * message; a transfer lets the other agent answer.
   */
  async function generateWithActions(turn: ReplyTurn, startingAgent: AgentPolicy | null, lookUpAgent: boolean) {
    const effects: AgentEffect[] = [];
    const actionLogs: ActionLog[] = [];
    let toolRounds: ToolRound[] = [];
    let fixedReply: string | undefined;
    let transfers = 0;
    let agent = startingAgent;
    let agentId = agent?.agentId ?? null;
    let lookUp = lookUpAgent ? { lookUpAgent: { assignedAgentId: state.assignedAgentId } } : {};
    for (;;) {
      const generation = await generateOrRecordFailure({
        ...turn,
        agentId,
        toolRounds,
        actionLogs,
        fixedReply,
        ...lookUp,
      });
      if (generation.agent !== undefined) {
        agent = state.knownAgent = generation.agent;
        agentId = agent?.agentId ?? null;
      }
      lookUp = {};
      if (generation.outcome !== 'tool_calls') return { generation, effects, agent };
      const results: ToolRound['results'] = [];
      for (const call of generation.calls) {
        const outcome = await runAgentAction.executeWithOptions({ summary: `run action ${call.name}` }, [
          { ...state.key, agentId: agentId!, replyMessageId: turn.replyMessageId, call },
        ]);
        actionLogs.push(outcome.actionLog);
        results.push({ toolCallId: call.id, content: outcome.actionLog.result });
        if (outcome.effect) effects.push(outcome.effect);
      }
      const ending = effects.find((effect) => effect.kind === 'hand_over' || effect.kind === 'stop_bot');
      const transfer = effects.findLast((effect) => effect.kind === 'transfer');
      if (ending && 'finalMessage' in ending) {
        fixedReply = ending.finalMessage;
      } else if (transfer?.kind === 'transfer' && transfer.agentId !== agentId && transfers < MAX_TRANSFERS_PER_REPLY) {
        transfers += 1;
        agentId = state.assignedAgentId = transfer.agentId;
        toolRounds = [];
      } else {
        toolRounds = [...toolRounds, { calls: generation.calls, results }];
      }
    }
  }

  /** What the actions asked for once the reply is out: a handover, a stop, a sleep, follow-ups. */
  async function applyEffects(effects: AgentEffect[], agent: AgentPolicy): Promise<void> {
    const actor = agentActor(agent);
    for (const effect of effects) {
      if (effect.kind === 'hand_over') await controls.fallAsleep(effect.sleepMs, actor);
      else if (effect.kind === 'stop_bot' || effect.kind === 'sleep') await controls.fallAsleep(effect.sleepMs);
      else if (effect.kind === 'follow_up') await scheduleFollowup(effect.actionId, 0);
    }
  }

  /** Logs messages the bot leaves unanswered, and why (runs recorded before logged nothing). */
  async function leaveUnanswered(messageIds: string[], reason: string): Promise<void> {
    if (messageIds.length === 0 || !patched(LOG_UNANSWERED_PATCH)) return;
    await recordUnansweredMessages.executeWithOptions({ summary: `log ${messageIds.length} unanswered` }, [
      { ...state.key, logId: uuid4(), messageIds, reason },
    ]);
  }

  /** A generated reply that will not go out: the AI log says why. */
  async function dropReply(turn: ReplyTurn, reason: string, supersededBy?: string[]): Promise<void> {
    if (!patched(LOG_UNANSWERED_PATCH)) return;
    await recordDroppedReply.executeWithOptions(
      { summary: supersededBy ? 'drop superseded reply' : 'drop held reply' },
      [{ ...state.key, replyMessageId: turn.replyMessageId, reason, ...(supersededBy ? { supersededBy } : {}) }],
    );
  }

  /**
   * What stops a pending reply: a human holding the conversation, and (patched runs) a newer
   * message from the contact or a human's message to them.
   */
  function interruptions(supersedes: boolean): Interruptions {
    return {
      held: () => !mayReply(),
      superseded: () => supersedes && (state.pending.length > 0 || state.manualMessages.length > 0),
    };
  }

  /** A human wrote while a reply was pending: its messages wait for the loop, which applies that first. */
  function yieldToHuman(triggers: string[]): void {
    state.pending.unshift(...triggers);
  }

  /**
   * One reply to the contact's waiting messages (`triggerMessageIds`). A message arriving before the
   * reply is out supersedes it: the stale reply is dropped and the turn starts over with all of them.
   */
  async function replyTo(triggerMessageIds: string[]): Promise<void> {
    const supersedes = patched(SUPERSEDE_PATCH);
    const stop = interruptions(supersedes);
    let triggers = triggerMessageIds;
    for (;;) {
      const { agent: startingAgent, lookUpInGeneration } = await agentForTurn();
      let agent = startingAgent;
      if (agent?.mode === 'OFF') return leaveUnanswered(triggers, AGENT_OFF_REASON);
      const quiet = agent && agent.waitMs > 0 ? await debounce(triggers, agent.waitMs) : 'quiet';
      if (quiet === 'held') return leaveUnanswered(triggers, heldReason(state) ?? 'held');
      if (quiet === 'human') return yieldToHuman(triggers);
      // Decided here, recorded in history: every retry and replay uses the same id, so one reply is sent once.
      const turn: ReplyTurn = { ...state.key, triggerMessageIds: triggers, replyMessageId: uuid4() };
      const agentBefore = state.assignedAgentId;
      const generated = await generateWithActions(turn, agent, lookUpInGeneration);
      const { generation, effects } = generated;
      agent = generated.agent;
      if (state.assignedAgentId !== agentBefore) agent = await resolveAgent();
      // The activities announce the outcome (ai.reply.generated / ai.reply.failed) themselves;
      // a SUGGESTIVE agent's reply waits for a human's approval.
      if (generation.outcome !== 'generated') return;
      const { outcome, partsSent } = stop.held()
        ? { outcome: 'held' as const, partsSent: 0 }
        : stop.superseded()
          ? { outcome: 'superseded' as const, partsSent: 0 }
          : await sendLikeAHuman(state.key, turn, generation, stop);
      if (outcome !== 'sent' && partsSent > 0) return stopSplitReply(turn, outcome, partsSent, agent);
      if (outcome === 'held') return dropReply(turn, heldReason(state) ?? 'held');
      if (outcome === 'superseded' && state.manualMessages.length > 0) {
        const humanMessages = state.manualMessages.map((message) => message.messageId);
        await dropReply(turn, 'superseded: a human wrote to the contact before it was sent', humanMessages);
        return yieldToHuman(triggers);
      }
      if (outcome === 'superseded') {
        const newer = state.pending.splice(0);
        await dropReply(turn, 'superseded: the contact wrote again before it was sent', newer);
        triggers = [...triggers, ...newer];
        continue;
      }
      state.turns += 1;
      if (agent) await afterReply(agent, effects);
      return;
    }
  }

  /**
   * A split reply stopped after some of its parts went out: the rest is dropped (the AI log says
   * why). What went out answered the contact's messages, so it counts as a reply; its actions'
   * effects wait (a human holds the conversation, or the contact is still writing). A newer message
   * stays waiting for the next turn, a human's message for the loop.
   */
  async function stopSplitReply(
    turn: ReplyTurn,
    outcome: 'held' | 'superseded',
    partsSent: number,
    agent: AgentPolicy | null,
  ): Promise<void> {
    const humanMessages = state.manualMessages.map((message) => message.messageId);
    const [reason, stoppedBy] =
      outcome === 'held'
        ? [heldReason(state) ?? 'held', undefined]
        : humanMessages.length > 0
          ? ['a human wrote to the contact', humanMessages]
          : ['the contact wrote again', [...state.pending]];
    await recordDroppedReply.executeWithOptions({ summary: 'stop split reply' }, [
      {
        ...state.key,
        replyMessageId: turn.replyMessageId,
        reason: `stopped after ${partsSent} part${partsSent > 1 ? 's' : ''}: ${reason}`,
        partsSent,
        ...(stoppedBy ? { supersededBy: stoppedBy } : {}),
      },
    ]);
    state.turns += 1;
    if (agent?.mode === 'AUTO_PILOT') state.autoPilotMessages += 1;
  }

  /** The agent's part once its reply is out: the auto-pilot count, the actions' effects, follow-ups. */
  async function afterReply(agent: AgentPolicy, effects: AgentEffect[]): Promise<void> {
    if (agent.mode === 'AUTO_PILOT') state.autoPilotMessages += 1;
    await applyEffects(effects, agent);
    if (!mayReply()) return;
    if (agent.mode === 'AUTO_PILOT' && state.autoPilotMessages >= agent.autoPilotMaxMessages) {
      await controls.fallAsleep(null, agentActor(agent, ' (auto-pilot limit)'));
    } else if (state.followup === null && agent.stoppedReplyingFollowupId) {
      await scheduleFollowup(agent.stoppedReplyingFollowupId, 0);
    }
  }

  /**
   * A human's or an automation's message went to the contact: the agent sleeps as it is set to
   * (without an agent, a human's message pauses the bot until it is resumed).
   */
  async function afterManualMessage(author: OutboundMessageRequested['author']): Promise<void> {
    const agent = await resolveAgent();
    if (!agent) {
      if (author === 'human') await controls.decide({ botActive: false });
      return;
    }
    const sleep = author === 'human' ? agent.sleepAfterManualMessage : agent.sleepAfterWorkflowMessage;
    if (sleep) await controls.fallAsleep(sleep.ms);
  }

  /** A due follow-up step: sent unless the contact answered, a human took over or it is out of hours. */
  async function followUp(step: ScheduledFollowup): Promise<void> {
    state.followup = null;
    if (!mayReply()) return;
    const quietSince = state.contactMessages;
    const prepared = await prepareFollowup.executeWithOptions({ summary: `follow-up step ${step.stepIndex + 1}` }, [
      { ...state.key, actionId: step.actionId, stepIndex: step.stepIndex, now: Date.now() },
    ]);
    if (prepared.kind === 'skip') return;
    if (prepared.kind === 'reschedule') {
      state.followup = { ...step, dueAt: prepared.dueAt };
      return;
    }
    // The contact wrote while the step was being prepared: a nudge now would answer nobody.
    if (state.contactMessages !== quietSince && patched(SUPERSEDE_PATCH)) return;
    const turn: ReplyTurn = { ...state.key, triggerMessageIds: [], replyMessageId: uuid4(), followup: true };
    const target = prepared.switchToConversationId;
    // The contact wrote last on another channel: that conversation's workflow sends it there.
    const sendElsewhere = (conversationId: string, text: string) =>
      getExternalWorkflowHandle(conversationWorkflowId(state.key.organizationId, conversationId)).signal(
        outboundMessageSignal,
        { messageId: turn.replyMessageId, text, author: 'ai', followup: true },
      );
    if (prepared.customMessage === null) {
      const agentId = (await resolveAgent())?.agentId ?? null;
      const generation = await generateOrRecordFailure(
        { ...turn, agentId },
        `generate follow-up step ${step.stepIndex + 1}`,
      );
      if (generation.outcome !== 'generated') return;
      if (target) await sendElsewhere(target, generation.text);
      else await sendLikeAHuman(state.key, turn, generation, interruptions(false));
    } else if (target) {
      await sendElsewhere(target, prepared.customMessage);
    } else {
      await send(state.key, { messageId: turn.replyMessageId, text: prepared.customMessage, author: 'ai' });
    }
    if (state.contactMessages === quietSince && state.followup === null && mayReply()) {
      await scheduleFollowup(step.actionId, step.stepIndex + 1);
    }
  }

  /** Logs the messages that arrived while a human held the conversation, each batch with its reason. */
  async function logUnanswered(): Promise<void> {
    const byReason = new Map<string, string[]>();
    for (const { messageId, reason } of state.unanswered.splice(0)) {
      byReason.set(reason, [...(byReason.get(reason) ?? []), messageId]);
    }
    for (const [reason, messageIds] of byReason) await leaveUnanswered(messageIds, reason);
  }

  return { replyTo, afterManualMessage, followUp, logUnanswered, leaveUnanswered };
}
