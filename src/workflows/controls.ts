import { patched, upsertSearchAttributes, uuid4 } from '@temporalio/workflow';
import { saveConversationControls } from './activity-proxies.js';
import { botState } from './bot-state.js';
import type { AgentPolicy } from './contracts.js';
import type { Actor, ControlsChangeRequested, ConversationControls } from './definitions.js';
import { PAUSE_HOLDS_PATCH } from './patches.js';
import { searchAttributes } from './search-attributes.js';
import { controlsOf, isDue, recordAppliedChange, type ConversationState } from './state.js';

type Closing = { category: string | null; summary: string | null };

export interface ControlsOptions {
  closing?: Closing | undefined;
  /** Who changed it; pausing with an actor is a takeover (`human_takeover`, the takeover webhook). */
  actor?: Actor | undefined;
  /** Sets (epoch ms) or clears (null) the wake-up of a sleeping bot. */
  wakeAt?: number | null;
  /** A human's pause of a bot that is inactive but not taken over: the pause is a takeover all the same. */
  pausesInactiveBot?: boolean;
}

export type Controls = ReturnType<typeof conversationControls>;

/**
 * The only way the controls change. A change is applied once MongoDB's copy has it (a failed save
 * leaves the state as it was), then shown in the Temporal UI. Changes run one at a time, in the
 * order they arrived, and each decides from the state the previous ones left: a human's decision
 * is never overwritten by a timer or an agent's sleep that was queued behind it. Resuming the bot
 * ends its sleep and restarts the auto-pilot count; closing cancels follow-ups.
 */
export function conversationControls(state: ConversationState) {
  /** Whether `change` sets any of the controls to another value than they have now. */
  function changesControls(change: Partial<ConversationControls>): boolean {
    const { controls } = state;
    const next = { ...controls, ...change };
    return (
      next.aiEnabled !== controls.aiEnabled || next.botActive !== controls.botActive || next.status !== controls.status
    );
  }

  /** A human's pause of a bot that is inactive (asleep, or paused by a message) but not taken over. */
  const pausesInactiveBot = (change: Partial<ConversationControls>, actor: Actor | undefined) =>
    actor !== undefined && change.botActive === false && !state.controls.botActive && !state.takenOver;

  async function apply(change: Partial<ConversationControls>, options: ControlsOptions): Promise<void> {
    const { controls } = state;
    const next = { ...controls, ...change };
    const changed = changesControls(change);
    const wakeChanged = options.wakeAt !== undefined && options.wakeAt !== state.wakeAt;
    if (!changed && !options.closing && !wakeChanged && !options.pausesInactiveBot) return;
    if (changed || options.closing) {
      const tookOver = Boolean(options.actor && controls.botActive && !next.botActive);
      await saveConversationControls.executeWithOptions({ summary: `save controls (${describe(change)})` }, [
        {
          ...state.key,
          controls: next,
          closing: options.closing,
          takeover: tookOver ? { eventId: uuid4(), agent: options.actor! } : undefined,
        },
      ]);
      if (!controls.botActive && next.botActive) {
        state.wakeAt = null;
        state.autoPilotMessages = 0;
        state.takenOver = false;
      }
      if (tookOver) state.takenOver = true;
      state.controls = next;
      if (next.status === 'closed') state.followup = null;
    } else if (options.pausesInactiveBot && options.actor) {
      // A human pauses a sleeping (or message-paused) bot: the pause holds until a resume, and is a takeover.
      await saveConversationControls.executeWithOptions({ summary: 'save controls (pause an inactive bot)' }, [
        { ...state.key, controls: next, takeover: { eventId: uuid4(), agent: options.actor } },
      ]);
      state.takenOver = true;
    }
    if (options.wakeAt !== undefined) state.wakeAt = options.wakeAt;
    upsertSearchAttributes([
      { key: searchAttributes.botState, value: botState(state.controls, state.wakeAt !== null) },
    ]);
  }

  const inTurn = serialQueue();

  /**
   * A human's change (toggle AI, pause/resume, open/close). A pause always holds: it ends any sleep,
   * and it is a takeover (the webhook, once) unless the conversation is taken over already.
   */
  const decide = (change: Partial<ConversationControls>, options: ControlsOptions = {}) =>
    inTurn(async () => {
      if (pausesInactiveBot(change, options.actor) && patched(PAUSE_HOLDS_PATCH)) {
        await apply(change, { ...options, wakeAt: null, pausesInactiveBot: true });
      } else {
        await apply(change, options);
      }
    });

  /**
   * Puts the bot to sleep for `ms` (null: until resumed). A bot a human paused stays paused: checked
   * in turn with the other changes, so a pause that is still being saved wins too.
   */
  const fallAsleep = (ms: number | null, actor?: Actor) =>
    inTurn(async () => {
      if (!state.controls.botActive && state.wakeAt === null) return;
      await apply({ botActive: false }, { actor, wakeAt: ms === null ? null : Date.now() + ms });
    });

  /** The sleep is over: the bot answers again, unless a human paused it meanwhile. */
  const wakeIfDue = () =>
    inTurn(async () => {
      if (state.wakeAt === null || !isDue(state, state.wakeAt)) return;
      await apply({ botActive: true }, { wakeAt: null });
    });

  /** The contact wrote to the closed conversation and its channel account reopens on inbound messages. */
  const reopen = () =>
    inTurn(async () => {
      state.reopenRequested = false;
      if (state.controls.status === 'closed') await apply({ status: 'open' }, {});
    });

  /**
   * A human's change as it arrives (the signal's handler: no command). It holds the bot at once
   * (see effectiveControls); the loop applies it with `applyRecorded`, after the humans' messages
   * that came before it. One that would change nothing (with nothing waiting before it) is answered
   * at once, so its caller never waits for a reply being generated.
   */
  function record(request: ControlsChangeRequested): void {
    const { changeId } = request;
    const known =
      state.appliedControlsChanges.has(changeId) ||
      state.controlsChanges.some((queued) => queued.request.changeId === changeId);
    if (known) return; // sent again by the API's retry
    const nothingWaits =
      state.controlsChanges.length === 0 && state.manualMessagesApplied === state.manualMessagesRecorded;
    if (nothingWaits && changesNothing(request)) return recordAppliedChange(state, changeId);
    // A human's open or close decides the status: a reopening asked by an earlier inbound message is moot.
    if (request.status !== undefined) state.reopenRequested = false;
    state.controlsChanges.push({ request, afterManualMessages: state.manualMessagesRecorded });
  }

  /** Applies the first recorded change (the loop's part) and keeps the controls it led to for the API. */
  async function applyRecorded(request: ControlsChangeRequested): Promise<void> {
    await decide(controlsOf(request), { closing: request.closing, actor: request.actor });
    recordAppliedChange(state, request.changeId);
    state.controlsChanges.shift();
  }

  /** Whether `apply` would do nothing: same controls, no closing details, not a pause of a sleeping bot. */
  function changesNothing(request: ControlsChangeRequested): boolean {
    const change = controlsOf(request);
    return !request.closing && !pausesInactiveBot(change, request.actor) && !changesControls(change);
  }

  return { decide, fallAsleep, wakeIfDue, reopen, record, applyRecorded };
}

/** The change in a few words, for the activity's summary in the Temporal UI. */
function describe(change: Partial<ConversationControls>): string {
  const words = [
    change.aiEnabled === undefined ? null : change.aiEnabled ? 'AI on' : 'AI off',
    change.botActive === undefined ? null : change.botActive ? 'resume' : 'pause',
    change.status === undefined ? null : change.status === 'open' ? 'open' : 'close',
  ];
  return words.filter(Boolean).join(', ') || 'no change';
}

/** The AI agent as the actor of a takeover it causes (the takeover webhook's `agent`). */
export function agentActor(agent: AgentPolicy, reason = ''): Actor {
  return { id: `agent:${agent.agentId}`, name: `${agent.agentName}${reason}`, email: null };
}

/**
 * Runs the functions it is given one after another, never interleaved at an `await`: two changes
 * arriving together must not both save a state computed from the same old one.
 */
function serialQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  return <Result>(fn: () => Promise<Result>): Promise<Result> => {
    const run = tail.then(fn);
    tail = run.catch(() => undefined);
    return run;
  };
}
