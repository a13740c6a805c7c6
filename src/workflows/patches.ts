import { patched } from '@temporalio/workflow';

/**
 * The conversation workflow's changes since runs were first recorded, one `patched` id each: a run
 * recorded before a change replays the old branch, a newer run takes the new one. Never rename or
 * reuse an id; retire one only with `deprecatePatch` once no run recorded before it is left.
 */

/**
 * Conversation AI agents (seed 004) came after conversations were already running: histories
 * recorded before them replay without the agent lookups.
 */
export const AGENTS_PATCH = 'conversation-agents';

/**
 * A message that arrives while a reply is pending (generating, delaying, typing) makes it stale:
 * it is dropped and the next turn answers everything. Runs recorded before replied twice.
 */
export const SUPERSEDE_PATCH = 'supersede-pending-reply';

/** Messages the bot does not answer are logged with the reason; runs recorded before left no trace. */
export const LOG_UNANSWERED_PATCH = 'log-unanswered-messages';

/**
 * The outbound-message handler used to look up the agent (a local activity) and put the bot to sleep
 * itself, racing the loop's own activities: a local activity finishing at another moment on replay
 * gave the commands other ids (a nondeterminism the model-based test found). Now it only records.
 */
export const HANDLERS_ONLY_RECORD_PATCH = 'handlers-only-record';

/**
 * A human's pause of a bot that was already inactive (asleep after a manual message or an action,
 * or paused by a human's message) used to change nothing: the wake-up timer resumed the bot and no
 * takeover webhook was called. Now the pause ends any sleep and is a takeover (webhook once).
 */
export const PAUSE_HOLDS_PATCH = 'pause-holds-and-takes-over';

/**
 * Deadlines (a sleeping bot's wake-up, a follow-up step) used to be judged by reading the workflow
 * clock in whichever task the loop ran, and the SDK can hand a cached run and its replay different
 * clocks for the same task: the model-based test saw a run wake its bot early on replay and fail
 * with a nondeterminism error. Now a deadline is reached when the timer set for it fires, an event
 * in the history, so replay takes the same branch whatever the clock says.
 */
export const DEADLINES_BY_TIMER_PATCH = 'deadlines-by-timer';

/**
 * Splitting a reply into several messages came after conversations were already running: a run
 * recorded before sent every reply as one message (its generations carried no parts).
 */
export const SPLIT_MESSAGES_PATCH = 'split-messages';

/**
 * The agent lookup and the typing indicator were local activities, and a local activity is
 * recorded as a marker after the task that ran it: when a human's update arrived while one ran,
 * the live run gave the loop's next activity the id before the update's, and replay, handing the
 * update over first, the other way round ("Missing associated machine for LocalActivity", found
 * by the model-based test). As ordinary activities each result is an event in its own task, so
 * replay sees the update and the results in the order the run did.
 */
export const NO_LOCAL_ACTIVITIES_PATCH = 'no-local-activities';

/**
 * Every reply turn used to start with an activity looking up the conversation's agent. When the
 * agent last seen does not debounce, the generation now looks it up itself and says which it was
 * (three history events and a workflow task less per turn).
 */
export const AGENT_IN_GENERATION_PATCH = 'agent-looked-up-by-generation';

/**
 * A reply's delay and typing time were workflow timers, with a typing-indicator activity between
 * them (16 history events, a workflow task per step and three actions more per turn with a delay).
 * Now the delivery waits and shows typing itself (`DeliveryPace`), and the workflow cancels it when
 * a human or a newer message interrupts.
 */
export const PACED_DELIVERY_PATCH = 'paced-delivery';

const ALL_PATCHES = [
  AGENTS_PATCH,
  SUPERSEDE_PATCH,
  LOG_UNANSWERED_PATCH,
  HANDLERS_ONLY_RECORD_PATCH,
  PAUSE_HOLDS_PATCH,
  DEADLINES_BY_TIMER_PATCH,
  SPLIT_MESSAGES_PATCH,
  NO_LOCAL_ACTIVITIES_PATCH,
  AGENT_IN_GENERATION_PATCH,
  PACED_DELIVERY_PATCH,
];

/**
 * Records every patch in the run's first task, before anything else happens. Where a patch is first
 * asked decides where its marker lands in the history, and on replay the SDK (1.24) learns of a
 * marker only when it reaches that marker's task. The worker may finish a task right after a local
 * activity and carry the code that follows it into the next task (it did under load: the lookup of
 * the agent, then the sleep's first deadline check); replay runs that code on without a task
 * boundary, asks the patch before it knows the marker, takes the old branch and fails with
 * "patch marker encountered … but there is no corresponding change command". A marker in the first
 * task is known from the first activation of any replay.
 */
const PATCHES_AT_START = 'patches-at-start';

/**
 * Runs recorded before PATCHES_AT_START replay without it (on replay an unrecorded patch answers
 * false and decides nothing), so their markers stay where they were recorded, in their order.
 */
export function recordPatchesAtStart(): void {
  if (patched(PATCHES_AT_START)) for (const patchId of ALL_PATCHES) patched(patchId);
}
