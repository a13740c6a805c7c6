import { allHandlersFinished, condition, continueAsNew, setHandler, workflowInfo } from '@temporalio/workflow';
import { agentTurns } from './agent-turn.js';
import { conversationControls } from './controls.js';
import {
  changeControlsUpdate,
  inboundMessageSignal,
  outboundMessageSignal,
  type ConversationWorkflowInput,
} from './definitions.js';
import { send } from './replies.js';
import { canReply, carriedState, initialState, type ConversationState } from './state.js';

/** Reply turns per run before continue-as-new. */
export const MAX_TURNS_PER_RUN = 100;

/**
 * One conversation, for its whole life. Inbound messages arrive as signals (deduplicated by message
 * id); each batch of waiting messages gets one reply, in seed 002's order: generate (rules, prompt,
 * provider, AI log) → `ai.reply.generated` → reply delay → typing → send → `ai.reply.sent` or
 * `ai.reply.failed`. When a conversation AI agent (seed 004) answers the channel, the turn is the
 * agent's (see agent-turn.ts). Messages to send as they are arrive as signals and are sent between
 * turns. Humans' controls (AI on/off, pause/resume, open/close) arrive as updates and decide
 * whether a turn is answered at all.
 */
export async function conversationWorkflow(input: ConversationWorkflowInput): Promise<void> {
  const state = initialState(input);
  const controls = conversationControls(state);
  const agent = agentTurns(state, controls);

  // A message that arrives while the AI is off, a human has taken over or the conversation is
  // closed is stored (by ingest) and left to the humans: it is not kept for a later turn.
  setHandler(inboundMessageSignal, ({ messageId }) => {
    if (!state.recent.add(messageId)) return;
    state.contactMessages += 1;
    state.followup = null; // the contact answered: no follow-up
    if (canReply(state)) state.pending.push(messageId);
  });
  setHandler(outboundMessageSignal, async (message) => {
    if (!state.recent.add(message.messageId)) return;
    state.outbox.push(message);
    if (message.author === 'ai') return;
    state.followup = null; // a human (or the business's automation) is talking to the contact now
    await agent.afterManualMessage(message.author);
  });
  // An update, not a signal: the caller answers with the state the workflow accepted.
  setHandler(changeControlsUpdate, async ({ actor, closing, ...change }) => {
    await controls.change(change, { closing, actor });
    return { ...state.controls };
  });

  for (let turn = 0; turn < MAX_TURNS_PER_RUN && !workflowInfo().continueAsNewSuggested; turn++) {
    await nextWork(state);
    for (const message of state.outbox.splice(0)) await send(state.key, message);
    if (state.wakeAt !== null && Date.now() >= state.wakeAt) {
      await controls.change({ botActive: true }, { wakeAt: null });
    }
    if (state.followup && Date.now() >= state.followup.dueAt) await agent.followUp(state.followup);
    const triggers = state.pending.splice(0);
    if (triggers.length > 0 && canReply(state)) await agent.replyTo(triggers);
  }

  await condition(allHandlersFinished);
  await continueAsNew<typeof conversationWorkflow>({ conversation: input.conversation, carried: carriedState(state) });
}

/** Waits until there is something to do or a timer (wake-up, follow-up) is due. */
async function nextWork(state: ConversationState): Promise<void> {
  const hasWork = () => state.pending.length > 0 || state.outbox.length > 0;
  const deadline = () => Math.min(state.wakeAt ?? Infinity, state.followup?.dueAt ?? Infinity);
  const due = deadline();
  if (due === Infinity) {
    await condition(() => hasWork() || deadline() !== due);
  } else if (due > Date.now()) {
    await condition(() => hasWork() || deadline() !== due, due - Date.now());
  }
}
