import { upsertSearchAttributes, uuid4 } from '@temporalio/workflow';
import { saveConversationControls } from './activity-proxies.js';
import { botState } from './bot-state.js';
import type { AgentPolicy } from './contracts.js';
import type { Actor, ConversationControls } from './definitions.js';
import { searchAttributes } from './search-attributes.js';
import type { ConversationState } from './state.js';

type Closing = { category: string | null; summary: string | null };

export interface ControlsOptions {
  closing?: Closing | undefined;
  /** Who changed it; pausing with an actor is a takeover (`human_takeover`, the takeover webhook). */
  actor?: Actor | undefined;
  /** Sets (epoch ms) or clears (null) the wake-up of a sleeping bot. */
  wakeAt?: number | null;
}

export type Controls = ReturnType<typeof conversationControls>;

/**
 * The only way the controls change. A change is applied once MongoDB's copy has it (a failed save
 * leaves the state as it was), then shown in the Temporal UI. Changes run one at a time, in the
 * order they arrived. Resuming the bot ends its sleep and restarts the auto-pilot count; closing
 * cancels follow-ups.
 */
export function conversationControls(state: ConversationState) {
  const change = serialized(async (change: Partial<ConversationControls>, options: ControlsOptions = {}) => {
    const { controls } = state;
    const next = { ...controls, ...change };
    const changed =
      next.aiEnabled !== controls.aiEnabled || next.botActive !== controls.botActive || next.status !== controls.status;
    const wakeChanged = options.wakeAt !== undefined && options.wakeAt !== state.wakeAt;
    if (!changed && !options.closing && !wakeChanged) return;
    if (changed || options.closing) {
      const tookOver = options.actor && controls.botActive && !next.botActive;
      await saveConversationControls({
        ...state.key,
        controls: next,
        closing: options.closing,
        takeover: tookOver ? { eventId: uuid4(), agent: options.actor! } : undefined,
      });
      if (!controls.botActive && next.botActive) {
        state.wakeAt = null;
        state.autoPilotMessages = 0;
      }
      state.controls = next;
      if (next.status === 'closed') state.followup = null;
    }
    if (options.wakeAt !== undefined) state.wakeAt = options.wakeAt;
    upsertSearchAttributes([
      { key: searchAttributes.botState, value: botState(state.controls, state.wakeAt !== null) },
    ]);
  });

  /** Puts the bot to sleep for `ms` (null: until resumed). A bot a human paused stays paused. */
  async function fallAsleep(ms: number | null, actor?: Actor): Promise<void> {
    if (!state.controls.botActive && state.wakeAt === null) return;
    await change({ botActive: false }, { actor, wakeAt: ms === null ? null : Date.now() + ms });
  }

  return { change, fallAsleep };
}

/** The AI agent as the actor of a takeover it causes (the takeover webhook's `agent`). */
export function agentActor(agent: AgentPolicy, reason = ''): Actor {
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
