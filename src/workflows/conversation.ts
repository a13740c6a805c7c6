import { allHandlersFinished, condition, continueAsNew, patched, setHandler, workflowInfo } from '@temporalio/workflow';
import { agentTurns, type AgentTurns } from './agent-turn.js';
import { conversationControls, type Controls } from './controls.js';
import {
  changeControlsUpdate,
  controlsChangeQuery,
  controlsChangeRequestedSignal,
  conversationStateQuery,
  inboundMessageSignal,
  outboundMessageSignal,
  type ConversationWorkflowInput,
} from './definitions.js';
import {
  DEADLINES_BY_TIMER_PATCH,
  HANDLERS_ONLY_RECORD_PATCH,
  LOG_UNANSWERED_PATCH,
  recordPatchesAtStart,
} from './patches.js';
import { send } from './replies.js';
import {
  canReply,
  carriedState,
  effectiveControls,
  heldReason,
  initialState,
  isDue,
  stateView,
  type ConversationState,
} from './state.js';

/** Reply turns per run before continue-as-new. */
export const MAX_TURNS_PER_RUN = 100;

/**
 * One conversation, for its whole life. Inbound messages arrive as signals (deduplicated by message
 * id); each batch of waiting messages gets one reply, in seed 002's order: generate (rules, prompt,
 * provider, AI log) → `ai.reply.generated` → reply delay → typing → send → `ai.reply.sent` or
 * `ai.reply.failed`. When a conversation AI agent (seed 004) answers the channel, the turn is the
 * agent's (see agent-turn.ts). Messages to send as they are arrive as signals and are sent between
 * turns. Humans' controls (AI on/off, pause/resume, open/close) arrive as signals, hold the bot at
 * once and are applied by the loop, in the order they arrived with humans' messages.
 */
export async function conversationWorkflow(input: ConversationWorkflowInput): Promise<void> {
  recordPatchesAtStart();
  const state = initialState(input);
  const controls = conversationControls(state);
  const agent = agentTurns(state, controls);

  // Handlers record what arrived; the loop below acts on it. A message that arrives while a human
  // holds the conversation (AI off, paused, closed) is left to the humans and logged as such.
  setHandler(inboundMessageSignal, ({ messageId, reopenIfClosed }) => {
    if (!state.recent.add(messageId)) return;
    state.contactMessages += 1;
    state.followup = null; // the contact answered: no follow-up
    if (reopenIfClosed && effectiveControls(state).status === 'closed') state.reopenRequested = true;
    if (canReply(state, state.reopenRequested)) state.pending.push(messageId);
    else if (patched(LOG_UNANSWERED_PATCH)) state.unanswered.push({ messageId, reason: heldReason(state)! });
  });
  setHandler(outboundMessageSignal, async (message) => {
    if (!state.recent.add(message.messageId)) return;
    // A person's message written in the provider's own app was sent there already.
    if (!message.sentByChannel) state.outbox.push(message);
    // A follow-up sent here by another conversation of this contact replaces this one's own.
    if (message.followup) state.followup = null;
    if (message.author === 'ai') return;
    state.followup = null; // a human (or the business's automation) is talking to the contact now
    // The loop applies what it means for the bot (sleep, pause); a pending reply yields to it at once.
    if (patched(HANDLERS_ONLY_RECORD_PATCH)) {
      state.manualMessages.push(message);
      state.manualMessagesRecorded += 1;
    } else await agent.afterManualMessage(message.author); // how runs recorded before did it
  });
  // A human's change holds the bot at once; the loop applies it (saved, announced) in arrival order.
  setHandler(controlsChangeRequestedSignal, (request) => controls.record(request));
  setHandler(controlsChangeQuery, (changeId) => state.appliedControlsChanges.get(changeId) ?? null);
  // How runs recorded before changes came as signals received them (see definitions.ts).
  setHandler(changeControlsUpdate, async ({ actor, closing, ...change }) => {
    await controls.decide(change, { closing, actor });
    return { ...state.controls };
  });
  setHandler(conversationStateQuery, () => stateView(state));

  for (let turn = 0; turn < MAX_TURNS_PER_RUN && !workflowInfo().continueAsNewSuggested; turn++) {
    await nextWork(state);
    for (const message of state.outbox.splice(0)) await send(state.key, message);
    await applyHumanDecisions(state, controls, agent);
    if (state.reopenRequested) await controls.reopen();
    await agent.logUnanswered();
    await controls.wakeIfDue();
    if (state.followup && isDue(state, state.followup.dueAt)) await agent.followUp(state.followup);
    const triggers = state.pending.splice(0);
    if (triggers.length > 0 && canReply(state)) await agent.replyTo(triggers);
    else await agent.leaveUnanswered(triggers, heldReason(state) ?? 'held');
  }

  await condition(allHandlersFinished);
  await continueAsNew<typeof conversationWorkflow>({ conversation: input.conversation, carried: carriedState(state) });
}

/**
 * Humans' messages (the agent sleeps, or the bot pauses) and their changes to the controls, in
 * the order they arrived: a resume after a human's message wakes the bot it put to sleep.
 */
async function applyHumanDecisions(state: ConversationState, controls: Controls, agent: AgentTurns): Promise<void> {
  const waiting = state.manualMessages.splice(0);
  for (;;) {
    const next = state.controlsChanges[0];
    if (next && next.afterManualMessages <= state.manualMessagesApplied) {
      await controls.applyRecorded(next.request);
      continue;
    }
    const message = waiting.shift();
    if (!message) return;
    state.manualMessagesApplied += 1;
    await agent.afterManualMessage(message.author);
  }
}

/**
 * Waits until there is something to do or the next deadline (wake-up, follow-up) is reached: its
 * timer fired. A deadline already past gets a timer all the same (a millisecond), so whether one
 * is reached never depends on reading the clock (see DEADLINES_BY_TIMER_PATCH).
 */
async function nextWork(state: ConversationState): Promise<void> {
  // A manual message is work of its own: one already sent in the provider's app never enters the outbox.
  const hasWork = () =>
    state.pending.length > 0 ||
    state.controlsChanges.length > 0 ||
    state.outbox.length > 0 ||
    state.manualMessages.length > 0 ||
    state.unanswered.length > 0 ||
    state.reopenRequested;
  const deadline = () => Math.min(state.wakeAt ?? Infinity, state.followup?.dueAt ?? Infinity);
  const due = deadline();
  if (due === Infinity) {
    await condition(() => hasWork() || deadline() !== due);
  } else if (patched(DEADLINES_BY_TIMER_PATCH)) {
    const woken = await condition(() => hasWork() || deadline() !== due, Math.max(due - Date.now(), 1), {
      summary: dueSummary(state),
    });
    if (!woken) state.reachedDeadline = due;
  } else if (due > Date.now()) {
    await condition(() => hasWork() || deadline() !== due, due - Date.now(), { summary: dueSummary(state) });
  }
}

/** Names the timer nextWork waits on in the Temporal UI. */
function dueSummary({ wakeAt, followup }: ConversationState): string {
  if (followup && (wakeAt === null || followup.dueAt <= wakeAt)) return `follow-up step ${followup.stepIndex + 1}`;
  return 'wake-up';
}
