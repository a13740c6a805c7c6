import {
  ActivityFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  TemporalFailure,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { ConversationActivities } from '../activities/index.js';
import type { AgentEffect, AgentPolicy } from '../activities/agents.js';
import type { GenerationResult, ReplyTurn } from '../activities/reply-generation.js';
import type { ActionLog } from '../domain/model.js';
import type { ToolRound } from '../domain/prompt.js';
import {
  changeControlsUpdate,
  conversationWorkflowId,
  inboundMessageSignal,
  outboundMessageSignal,
  type Actor,
  type ConversationControls,
  type ConversationRef,
  type ConversationWorkflowInput,
  type OutboundMessageRequested,
  type ScheduledFollowup,
} from './definitions.js';
import { botState } from './bot-state.js';
import { searchAttributes } from './search-attributes.js';
import { RecentIds } from './recent-ids.js';

/**
 * Provider calls (and recording a failed turn): a few quick retries, then the turn is recorded as
 * failed and the next message gets a new chance. The attempt timeout sits above the longest
 * provider timeout allowed (600 s).
 */
const { generateReply, recordGenerationFailure, reportDeliveryFailure, runAgentAction, planFollowup, prepareFollowup } =
  proxyActivities<ConversationActivities>({
    startToCloseTimeout: '11 minutes',
    // The activities heartbeat while they run: a crashed worker's attempt is retried within seconds.
    heartbeatTimeout: '10 seconds',
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 5 },
  });

/**
 * Channel sends: keep trying through a channel outage for a day (WhatsApp's customer-service window);
 * the idempotency key makes retries safe.
 */
const { deliverReply } = proxyActivities<ConversationActivities>({
  startToCloseTimeout: '1 minute',
  heartbeatTimeout: '10 seconds',
  scheduleToCloseTimeout: '24 hours',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Saving the controls waits out a MongoDB outage: the update answers once the change is stored. */
const { saveConversationControls } = proxyActivities<ConversationActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

/**
 * The typing indicator is ephemeral and best effort: a local activity (one marker event instead
 * of three history events) with a short timeout; if the hook does not take it, the reply goes anyway.
 */
const { sendTypingIndicator } = proxyLocalActivities<ConversationActivities>({
  startToCloseTimeout: '5 seconds',
  retry: { maximumAttempts: 2 },
});

/** Reading the conversation's agent is one quick query: a local activity (one marker event per turn). */
const { resolveConversationAgent } = proxyLocalActivities<ConversationActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '10 seconds' },
});

/**
 * Conversation AI agents (seed 004) came after conversations were already running: histories
 * recorded before them replay without the agent lookups.
 */
const AGENTS_PATCH = 'conversation-agents';

/** Transfers between agents within one reply, at most (A → B → A … must end). */
const MAX_TRANSFERS_PER_REPLY = 2;

/** Reply turns per run before continue-as-new. */
export const MAX_TURNS_PER_RUN = 100;

type Closing = { category: string | null; summary: string | null };

interface ControlsOptions {
  closing?: Closing;
  /** Who changed it; pausing with an actor is a takeover (`human_takeover`, the takeover webhook). */
  actor?: Actor;
  /** Sets (epoch ms) or clears (null) the wake-up of a sleeping bot. */
  wakeAt?: number | null;
}

/**
 * One conversation, for its whole life. Inbound messages arrive as signals (deduplicated by message
 * id); each batch of waiting messages gets one reply, in seed 002's order: generate (rules, prompt,
 * provider, AI log) → `ai.reply.generated` → reply delay → typing → send → `ai.reply.sent` or
 * `ai.reply.failed`. When a conversation AI agent (seed 004) answers the channel, it first waits for
 * the contact to be quiet (debounce), lets the model call the agent's actions, suggests instead of
 * sending in SUGGESTIVE mode, hands over after its auto-pilot limit, sleeps after manual messages
 * and follows up inside working hours when the contact goes quiet. Messages to send as they are
 * arrive as signals and are sent between turns. Humans' controls (AI on/off, pause/resume,
 * open/close) arrive as updates and decide whether a turn is answered at all.
 */
export async function conversationWorkflow({
  conversation,
  controls: initial,
  carried,
}: ConversationWorkflowInput): Promise<void> {
  const controls: ConversationControls = {
    ...(carried?.controls ?? initial ?? { aiEnabled: true, botActive: true, status: 'open' }),
  };
  const pending: string[] = [...(carried?.pendingMessageIds ?? [])];
  const outbox: OutboundMessageRequested[] = [...(carried?.outbox ?? [])];
  const recent = new RecentIds(carried?.recentMessageIds ?? []);
  let assignedAgentId = carried?.assignedAgentId ?? null;
  let wakeAt = carried?.wakeAt ?? null;
  let followup: ScheduledFollowup | null = carried?.followup ?? null;
  let autoPilotMessages = carried?.autoPilotMessages ?? 0;
  /** Counts the contact's messages: a follow-up step only continues the sequence if none came meanwhile. */
  let contactMessages = 0;
  const canReply = () => controls.aiEnabled && controls.botActive && controls.status === 'open';
  const key = { organizationId: conversation.organizationId, conversationId: conversation.conversationId };

  /**
   * Applies a change once MongoDB's copy has it (a failed save leaves the state as it was), then
   * shows it in the Temporal UI. Changes run one at a time, in the order they arrived. Resuming the
   * bot ends its sleep and restarts the auto-pilot count; closing cancels follow-ups.
   */
  const changeControls = serialized(async (change: Partial<ConversationControls>, options: ControlsOptions = {}) => {
    const next = { ...controls, ...change };
    const changed =
      next.aiEnabled !== controls.aiEnabled || next.botActive !== controls.botActive || next.status !== controls.status;
    const wakeChanged = options.wakeAt !== undefined && options.wakeAt !== wakeAt;
    if (!changed && !options.closing && !wakeChanged) return;
    if (changed || options.closing) {
      const tookOver = options.actor && controls.botActive && !next.botActive;
      await saveConversationControls({
        ...key,
        controls: next,
        closing: options.closing,
        takeover: tookOver ? { eventId: uuid4(), agent: options.actor! } : undefined,
      });
      if (!controls.botActive && next.botActive) {
        wakeAt = null;
        autoPilotMessages = 0;
      }
      Object.assign(controls, next);
      if (controls.status === 'closed') followup = null;
    }
    if (options.wakeAt !== undefined) wakeAt = options.wakeAt;
    upsertSearchAttributes([{ key: searchAttributes.botState, value: botState(controls, wakeAt !== null) }]);
  });

  /** Puts the bot to sleep for `ms` (null: until resumed). A bot a human paused stays paused. */
  async function fallAsleep(ms: number | null, actor?: Actor): Promise<void> {
    if (!controls.botActive && wakeAt === null) return;
    await changeControls({ botActive: false }, { actor, wakeAt: ms === null ? null : Date.now() + ms });
  }

  async function resolveAgent(): Promise<AgentPolicy | null> {
    return patched(AGENTS_PATCH) ? resolveConversationAgent({ ...key, assignedAgentId }) : null;
  }

  // A message that arrives while the AI is off, a human has taken over or the conversation is
  // closed is stored (by ingest) and left to the humans: it is not kept for a later turn.
  setHandler(inboundMessageSignal, ({ messageId }) => {
    if (!recent.add(messageId)) return;
    contactMessages += 1;
    followup = null; // the contact answered: no follow-up
    if (canReply()) pending.push(messageId);
  });
  setHandler(outboundMessageSignal, async (message) => {
    if (!recent.add(message.messageId)) return;
    if (!message.sentByChannel) outbox.push(message);
    if (message.author === 'ai') return;
    followup = null; // a human (or the business's automation) is talking to the contact now
    const agent = await resolveAgent();
    // Without an agent, a human's message pauses the bot until it is resumed.
    if (!agent) {
      if (message.author === 'human') await changeControls({ botActive: false });
      return;
    }
    const sleep = message.author === 'human' ? agent.sleepAfterManualMessage : agent.sleepAfterWorkflowMessage;
    if (sleep) await fallAsleep(sleep.ms);
  });
  setHandler(changeControlsUpdate, async ({ actor, closing, ...change }) => {
    await changeControls(change, { closing, actor });
    return { ...controls };
  });

  /** Waits until there is something to do or a timer (wake-up, follow-up) is due. */
  async function nextWork(): Promise<void> {
    const hasWork = () => pending.length > 0 || outbox.length > 0;
    const deadline = () => Math.min(wakeAt ?? Infinity, followup?.dueAt ?? Infinity);
    const due = deadline();
    if (due === Infinity) {
      await condition(() => hasWork() || deadline() !== due);
    } else if (due > Date.now()) {
      await condition(() => hasWork() || deadline() !== due, due - Date.now());
    }
  }

  /**
   * The debounce: waits until the contact has been quiet for `waitMs`, gathering what they add
   * meanwhile into this turn. True when the bot may no longer reply.
   */
  async function debounce(triggers: string[], waitMs: number): Promise<boolean> {
    for (;;) {
      const more = await condition(() => pending.length > 0 || !canReply(), waitMs);
      if (!canReply()) return true;
      if (!more) return false;
      triggers.push(...pending.splice(0));
    }
  }

  async function scheduleFollowup(actionId: string, stepIndex: number): Promise<void> {
    followup = await planFollowup({ ...key, actionId, stepIndex, from: Date.now() });
  }

  /**
   * Generates the reply, running the tools the model calls (one activity each, so each runs once)
   * and asking again with their answers. Stopping or handing over ends with the action's final
   * message; a transfer lets the other agent answer.
   */
  async function generateWithActions(turn: ReplyTurn, agent: AgentPolicy | null) {
    const effects: AgentEffect[] = [];
    const actionLogs: ActionLog[] = [];
    let toolRounds: ToolRound[] = [];
    let fixedReply: string | undefined;
    let transfers = 0;
    let agentId = agent?.agentId ?? null;
    for (;;) {
      const generation = await generateOrRecordFailure({ ...turn, agentId, toolRounds, actionLogs, fixedReply });
      if (generation.outcome !== 'tool_calls') return { generation, effects };
      const results: ToolRound['results'] = [];
      for (const call of generation.calls) {
        const outcome = await runAgentAction({ ...key, agentId: agentId!, replyMessageId: turn.replyMessageId, call });
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
        agentId = assignedAgentId = transfer.agentId;
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
      if (effect.kind === 'hand_over') await fallAsleep(effect.sleepMs, actor);
      else if (effect.kind === 'stop_bot' || effect.kind === 'sleep') await fallAsleep(effect.sleepMs);
      else if (effect.kind === 'follow_up') await scheduleFollowup(effect.actionId, 0);
    }
  }

  async function replyTo(triggerMessageIds: string[]): Promise<void> {
    let agent = await resolveAgent();
    if (agent?.mode === 'OFF') return;
    if (agent && agent.waitMs > 0 && (await debounce(triggerMessageIds, agent.waitMs))) return;
    // Decided here, recorded in history: every retry and replay uses the same id, so one reply is sent once.
    const turn: ReplyTurn = { ...key, triggerMessageIds, replyMessageId: uuid4() };
    const agentBefore = assignedAgentId;
    const { generation, effects } = await generateWithActions(turn, agent);
    if (assignedAgentId !== agentBefore) agent = await resolveAgent();
    // A human may have taken over while the provider was thinking.
    if (!canReply()) return;
    // The activities announce the outcome (ai.reply.generated / ai.reply.failed) themselves;
    // a SUGGESTIVE agent's reply waits for a human's approval.
    if (generation.outcome !== 'generated') return;
    if (!(await sendLikeAHuman(conversation, turn, generation, canReply))) return;
    if (!agent) return;
    if (agent.mode === 'AUTO_PILOT') autoPilotMessages += 1;
    await applyEffects(effects, agent);
    if (!canReply()) return;
    if (agent.mode === 'AUTO_PILOT' && autoPilotMessages >= agent.autoPilotMaxMessages) {
      await fallAsleep(null, agentActor(agent, ' (auto-pilot limit)'));
    } else if (followup === null && agent.stoppedReplyingFollowupId) {
      await scheduleFollowup(agent.stoppedReplyingFollowupId, 0);
    }
  }

  /** A due follow-up step: sent unless the contact answered, a human took over or it is out of hours. */
  async function followUp(step: ScheduledFollowup): Promise<void> {
    followup = null;
    if (!canReply()) return;
    const quietSince = contactMessages;
    const prepared = await prepareFollowup({
      ...key,
      actionId: step.actionId,
      stepIndex: step.stepIndex,
      now: Date.now(),
    });
    if (prepared.kind === 'skip') return;
    if (prepared.kind === 'reschedule') {
      followup = { ...step, dueAt: prepared.dueAt };
      return;
    }
    const turn: ReplyTurn = { ...key, triggerMessageIds: [], replyMessageId: uuid4(), followup: true };
    const target = prepared.switchToConversationId;
    // The contact wrote last on another channel: that conversation's workflow sends it there.
    const sendElsewhere = (conversationId: string, text: string) =>
      getExternalWorkflowHandle(conversationWorkflowId(conversation.organizationId, conversationId)).signal(
        outboundMessageSignal,
        { messageId: turn.replyMessageId, text, author: 'ai' },
      );
    if (prepared.customMessage === null) {
      const generation = await generateOrRecordFailure({ ...turn, agentId: (await resolveAgent())?.agentId ?? null });
      if (generation.outcome !== 'generated') return;
      if (target) await sendElsewhere(target, generation.text);
      else await sendLikeAHuman(conversation, turn, generation, canReply);
    } else if (target) {
      await sendElsewhere(target, prepared.customMessage);
    } else {
      await send(conversation, { messageId: turn.replyMessageId, text: prepared.customMessage, author: 'ai' });
    }
    if (contactMessages === quietSince && followup === null && canReply()) {
      await scheduleFollowup(step.actionId, step.stepIndex + 1);
    }
  }

  for (let turn = 0; turn < MAX_TURNS_PER_RUN && !workflowInfo().continueAsNewSuggested; turn++) {
    await nextWork();
    for (const message of outbox.splice(0)) await send(conversation, message);
    if (wakeAt !== null && Date.now() >= wakeAt) await changeControls({ botActive: true }, { wakeAt: null });
    if (followup && Date.now() >= followup.dueAt) await followUp(followup);
    const triggers = pending.splice(0);
    if (triggers.length > 0 && canReply()) await replyTo(triggers);
  }

  await condition(allHandlersFinished);
  await continueAsNew<typeof conversationWorkflow>({
    conversation,
    carried: {
      controls,
      pendingMessageIds: pending,
      outbox,
      recentMessageIds: recent.toArray(),
      assignedAgentId,
      wakeAt,
      followup,
      autoPilotMessages,
    },
  });
}

/** The AI agent as the actor of a takeover it causes (the takeover webhook's `agent`). */
function agentActor(agent: AgentPolicy, reason = ''): Actor {
  return { id: `agent:${agent.agentId}`, name: `${agent.agentName}${reason}`, email: null };
}

/**
 * Wraps an async function so calls run one after another, never interleaved at an `await`: two
 * controls updates arriving together must not both save a state computed from the same old one.
 */
function serialized<Args extends unknown[], Result>(fn: (...args: Args) => Promise<Result>) {
  let tail: Promise<unknown> = Promise.resolve();
  return (...args: Args): Promise<Result> => {
    const run = tail.then(() => fn(...args));
    tail = run.catch(() => undefined);
    return run;
  };
}

/**
 * Waits `ms` unless the bot may no longer reply (paused, AI off, closed): a pending reply is
 * dropped the moment a human takes over or the conversation closes. True when interrupted.
 */
async function interrupted(ms: number, canReply: () => boolean): Promise<boolean> {
  if (ms <= 0) return !canReply();
  return condition(() => !canReply(), ms);
}

/** Generates; once the provider's retries are exhausted, the failure is recorded in the AI log. */
async function generateOrRecordFailure(turn: ReplyTurn): Promise<GenerationResult> {
  try {
    return await generateReply(turn);
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
    return recordGenerationFailure({ ...turn, reason: error.cause?.message ?? error.message });
  }
}

/** Reply delay, typing, send: false when a human took over (or the conversation closed) meanwhile. */
async function sendLikeAHuman(
  conversation: ConversationRef,
  turn: ReplyTurn,
  generation: Extract<GenerationResult, { outcome: 'generated' }>,
  canReply: () => boolean,
): Promise<boolean> {
  if (await interrupted(generation.replyDelaySeconds * 1000, canReply)) return false;
  try {
    await sendTypingIndicator({ ...turn });
  } catch (error) {
    // A failed local activity surfaces as the activity's own failure, not wrapped in ActivityFailure.
    if (!(error instanceof TemporalFailure)) throw error;
  }
  if (await interrupted(generation.typingMs, canReply)) return false;
  await send(conversation, { messageId: turn.replyMessageId, text: generation.text, author: 'ai' });
  return true;
}

async function send(conversation: ConversationRef, message: OutboundMessageRequested): Promise<void> {
  const delivery = {
    organizationId: conversation.organizationId,
    conversationId: conversation.conversationId,
    replyMessageId: message.messageId,
  };
  try {
    await deliverReply({ ...delivery, text: message.text, author: message.author });
  } catch (error) {
    // The hook rejected the message or stayed down for a day: the message stays `pending` in
    // MongoDB and the conversation goes on with the next inbound message.
    if (!(error instanceof ActivityFailure)) throw error;
    if (message.author === 'ai') {
      await reportDeliveryFailure({ ...delivery, reason: error.cause?.message ?? error.message });
    }
  }
}
