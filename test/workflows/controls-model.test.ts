import { Client, Connection, ServiceError } from '@temporalio/client';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { temporal } from '@temporalio/proto';
import { NativeConnection, Worker } from '@temporalio/worker';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ConversationActivities } from '../../src/activities/index.js';
import { replyOfPart, replyPartMessageId } from '../../src/domain/typing.js';
import { paceLikeAHuman } from '../../src/activities/channel-delivery.js';
import type { AgentPolicy, ReplyDelivery, ReplyTurn } from '../../src/workflows/contracts.js';
import {
  controlsChangeQuery,
  controlsChangeRequestedSignal,
  conversationStateQuery,
  conversationWorkflowId,
  conversationWorkflowType,
  inboundMessageSignal,
  outboundMessageSignal,
  type ControlsChange,
  type ConversationStateView,
  type ConversationWorkflowInput,
} from '../../src/workflows/definitions.js';
import { quietTemporalRuntime } from '../support/temporal-runtime.js';

/**
 * A model-based test of the humans' controls: random sequences of inbound messages, human
 * messages, pause/resume, AI off/on, close/open, time passing (agent sleep, reply delay, typing,
 * follow-ups) and worker restarts, with replies sent whole or split in two parts (each typed), run against the real workflow on the real Temporal server (the
 * stack's dev server) and checked after every step against a small model of what humans decided.
 * The activities are typed fakes at the edge (no store, no provider): what the workflow did is
 * read from its own history, the record Temporal keeps of every command it issued. Once settled,
 * each run's whole history is replayed: the code is deterministic.
 *
 * Why not the time-skipping server: its clock runs in real time between skips, and it mishandles
 * two races a running conversation meets every day, which the real server handles. A timer that
 * fires while a workflow task cancelling it is in flight (a newer message superseding a pending
 * reply) makes it refuse the completion ("invalid history builder state for action") and lose
 * the timer; and it has no fallback from a stopped worker's sticky queue, so after a restart
 * queries and tasks wait for a worker that is gone. Without a workflow cache (its workaround) the
 * SDK's local-activity resolution can land in another workflow task on replay (a nondeterminism
 * error no production worker meets). So the durations here are real and short: a run's timers are
 * a tenth of a second to a second, and runs go side by side.
 *
 * Invariants (see `checkHistory`): no AI message is sent while a human holds the conversation
 * (paused, AI off, closed) or once a newer inbound message superseded it; every takeover calls the
 * webhook exactly once; a pause lasts until a resume; no message is sent twice; every inbound
 * message is answered or logged as unanswered with a reason.
 *
 * `FUZZ_RUNS=2000 npx vitest run test/workflows/controls-model.test.ts` for a longer run;
 * `FUZZ_SEED` to replay one's commands (the timing of a real clock differs from run to run);
 * `FUZZ_CONCURRENCY` for how many run side by side. A failing sequence is printed shrunk: add it
 * to the regressions below.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const SEED = Number(process.env.FUZZ_SEED ?? 14);
/** Sequences run this many at a time: each mostly waits for its timers. */
const CONCURRENCY = Number(process.env.FUZZ_CONCURRENCY ?? 16);
/** A sequence takes a few seconds; one stuck this long reports its history. */
const SEQUENCE_DEADLINE_MS = 120_000;
/** Follow-up steps are due this long after the previous one (the fake's plan). */
const FOLLOWUP_MS = 1_000;
const organizationId = 'org-model';
const actor = { id: 'user-1', name: 'Maria', email: null };

/** One run's conversation: with or without an agent, and how replies are paced. */
interface RunConfig {
  withAgent: boolean;
  /** The agent's debounce, in ms (0: answers at once). */
  waitMs: number;
  /** The agent's sleep after a human's message (null: until resumed). */
  sleepMs: number | null;
  replyDelaySeconds: number;
  typingMs: number;
  /** Replies come in two parts (`split_messages`), each typed for `typingMs`. */
  splitReplies: boolean;
  /** The channel account's `reopen_on_inbound`. */
  reopenOnInbound: boolean;
  followups: boolean;
}

/** What humans decided, as the test sees it: the reference the workflow is checked against. */
interface Model {
  paused: boolean;
  /** A takeover was announced and not ended by a resume. */
  takenOver: boolean;
  takeovers: number;
  aiOff: boolean;
  closed: boolean;
}

interface Real {
  config: RunConfig;
  conversationId: string;
  nextId: () => string;
}

const configs = new Map<string, RunConfig>();

/** The run's agent (none without one), as the agent lookup answers it. */
function fakeAgent(conversationId: string): AgentPolicy | null {
  const config = configs.get(conversationId)!;
  if (!config.withAgent) return null;
  return {
    agentId: 'agent-1',
    agentName: 'Ava',
    mode: 'AUTO_PILOT',
    waitMs: config.waitMs,
    sleepAfterManualMessage: { ms: config.sleepMs },
    sleepAfterWorkflowMessage: null,
    autoPilotMaxMessages: 1000,
    stoppedReplyingFollowupId: config.followups ? 'nudge' : null,
  };
}

/** The activities the conversation workflow calls, as fakes: replies name the messages they answer. */
/* eslint-disable @typescript-eslint/require-await -- fakes answer at once, with the activities' signatures */
const fakeActivities = {
  async generateReply(turn: ReplyTurn) {
    const config = configs.get(turn.conversationId)!;
    const text = turn.followup ? 'follow-up' : `re: ${turn.triggerMessageIds.join(', ')}`;
    const parts = [text, '(continued)'].map((partText, index) => ({
      messageId: replyPartMessageId(turn.replyMessageId, index),
      text: partText,
      typingMs: config.typingMs,
    }));
    return {
      outcome: 'generated' as const,
      text: config.splitReplies ? `${text}\n\n(continued)` : text,
      aiLogId: turn.replyMessageId,
      replyDelaySeconds: config.replyDelaySeconds,
      typingMs: config.splitReplies ? 2 * config.typingMs : config.typingMs,
      ...(config.splitReplies ? { parts } : {}),
      // As the worker's generation does: without a reply delay it shows the first message's typing itself.
      ...(config.replyDelaySeconds === 0 && !turn.followup
        ? { typingShownFor: config.splitReplies ? parts[0]!.messageId : turn.replyMessageId }
        : {}),
      // As the worker's generation does when asked: the agent it looked up.
      ...(turn.lookUpAgent ? { agent: fakeAgent(turn.conversationId) } : {}),
    };
  },
  async recordGenerationFailure(turn: ReplyTurn & { reason: string }) {
    return { outcome: 'failed' as const, reason: turn.reason, aiLogId: turn.replyMessageId };
  },
  // Paced as the worker's delivery is: its reply delay and typing are retries Temporal times.
  async deliverReply(delivery: ReplyDelivery) {
    await paceLikeAHuman(delivery.pace, async () => {});
    return { channelMessageId: null };
  },
  async reportDeliveryFailure() {},
  async sendTypingIndicator() {},
  async saveConversationControls() {},
  async recordDroppedReply() {},
  async recordUnansweredMessages() {},
  async resolveConversationAgent({ conversationId }: { conversationId: string }) {
    return fakeAgent(conversationId);
  },
  async runAgentAction(): Promise<never> {
    throw new Error('the fake model calls no tools');
  },
  async planFollowup({ actionId, stepIndex, from }: { actionId: string; stepIndex: number; from: number }) {
    return stepIndex < 2 ? { actionId, stepIndex, dueAt: from + FOLLOWUP_MS } : null;
  },
  async prepareFollowup() {
    return { kind: 'send' as const, customMessage: 'Still there?', switchToConversationId: null };
  },
} satisfies Partial<ConversationActivities>;
/* eslint-enable @typescript-eslint/require-await */

describe('conversation controls, model-based (real Temporal server)', () => {
  const stack = inject('stack');
  const taskQueue = `controls-model-${crypto.randomUUID()}`;
  let connection: Connection;
  let nativeConnection: NativeConnection;
  let client: Client;
  let worker: Worker;
  let running: Promise<void>;
  let restarts = 0;

  async function startWorker(): Promise<void> {
    worker = await Worker.create({
      connection: nativeConnection,
      taskQueue,
      workflowBundle: { codePath: stack.workflowBundlePath },
      activities: fakeActivities,
      // A restarted worker's runs go to the new one at once, as they do after a deploy.
      stickyQueueScheduleToStartTimeout: '1 second',
    });
    running = worker.run();
  }

  beforeAll(async () => {
    quietTemporalRuntime();
    connection = await Connection.connect({ address: stack.temporalAddress });
    nativeConnection = await NativeConnection.connect({ address: stack.temporalAddress });
    client = new Client({ connection });
    await startWorker();
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await nativeConnection?.close();
    await connection?.close();
  });

  const handle = (conversationId: string) =>
    client.workflow.getHandle(conversationWorkflowId(organizationId, conversationId));

  // ---- commands -------------------------------------------------------------------------------

  type Command = fc.AsyncCommand<Model, Real>;

  /**
   * The workflow's state. A query needs a worker to answer it: while the worker restarts (or a
   * restarted worker's task times out) it fails, and is asked again.
   */
  async function query(conversationId: string): Promise<ConversationStateView> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await handle(conversationId).query(conversationStateQuery);
      } catch (error) {
        if (!(error instanceof ServiceError) || attempt === 30) throw error;
        await sleep(500);
      }
    }
  }

  /**
   * Polls until `done`: long enough for a task a restarting worker took and dropped to time out and
   * run again (a workflow task or saving the controls, after 10 s).
   */
  async function eventually(done: () => Promise<boolean>): Promise<void> {
    for (const started = Date.now(); Date.now() - started < 45_000; await sleep(25)) {
      if (await done()) return;
    }
    throw new Error('the workflow did not get there');
  }

  /** A human's change, as the API makes it: signalled, then answered once the workflow applied it. */
  async function changeControls(real: Real, change: ControlsChange): Promise<void> {
    const changeId = real.nextId();
    await handle(real.conversationId).signal(controlsChangeRequestedSignal, { ...change, changeId });
    await eventually(
      async () =>
        (await handle(real.conversationId)
          .query(controlsChangeQuery, changeId)
          .catch(() => null)) !== null,
    );
  }

  class Inbound implements Command {
    check = () => true;
    async run(model: Model, real: Real) {
      await handle(real.conversationId).signal(inboundMessageSignal, {
        messageId: real.nextId(),
        reopenIfClosed: real.config.reopenOnInbound,
      });
      if (model.closed && real.config.reopenOnInbound) {
        model.closed = false;
        // The loop reopens it between turns: wait for that before the next step checks the state.
        await eventually(async () => (await query(real.conversationId)).controls.status === 'open');
      }
    }
    toString = () => 'inbound';
  }

  class HumanMessage implements Command {
    check = () => true;
    async run(_model: Model, real: Real) {
      await handle(real.conversationId).signal(outboundMessageSignal, {
        messageId: real.nextId(),
        text: 'Hi, a human here',
        author: 'human',
      });
    }
    toString = () => 'human message';
  }

  class Control implements Command {
    constructor(
      private readonly name: string,
      private readonly change: Omit<ControlsChange, 'actor'>,
    ) {}
    check = () => true;
    async run(model: Model, real: Real) {
      await changeControls(real, { ...this.change, actor });
      if (this.change.botActive === false) {
        if (!model.takenOver) model.takeovers += 1;
        model.takenOver = model.paused = true;
      }
      if (this.change.botActive === true) model.takenOver = model.paused = false;
      if (this.change.aiEnabled !== undefined) model.aiOff = !this.change.aiEnabled;
      if (this.change.status !== undefined) model.closed = this.change.status === 'closed';
    }
    toString = () => this.name;
  }

  class Advance implements Command {
    constructor(private readonly ms: number) {}
    check = () => true;
    async run() {
      await sleep(this.ms);
    }
    toString = () => `advance ${this.ms} ms`;
  }

  /** One restart at a time, whichever sequence asks. */
  let restarting: Promise<void> = Promise.resolve();

  class RestartWorker implements Command {
    check = () => true;
    async run() {
      restarting = restarting.then(async () => {
        worker.shutdown();
        await running;
        await startWorker();
        restarts += 1;
      });
      await restarting;
    }
    toString = () => 'restart worker';
  }

  const everyday = fc.oneof(
    fc.constant(new Inbound()),
    fc.constant(new Inbound()),
    fc.constant(new HumanMessage()),
    fc.constant(new Control('pause', { botActive: false })),
    fc.constant(new Control('resume', { botActive: true })),
    fc.constant(new Control('AI off', { aiEnabled: false })),
    fc.constant(new Control('AI on', { aiEnabled: true })),
    fc.constant(new Control('close', { status: 'closed' })),
    fc.constant(new Control('open', { status: 'open' })),
    // Around the runs' timers: debounce, typing, reply delay, sleep, follow-up.
    fc.constantFrom(50, 150, 400, 700, FOLLOWUP_MS + 100).map((ms) => new Advance(ms)),
    fc.constantFrom(50, 150, 400, 700, FOLLOWUP_MS + 100).map((ms) => new Advance(ms)),
  );
  // Rare (about one step in forty): a restart stops every sequence's worker at once, and a task
  // the old worker took and dropped runs again only when it times out.
  const commandArbitraries = [
    fc.oneof({ arbitrary: everyday, weight: 40 }, { arbitrary: fc.constant(new RestartWorker()), weight: 1 }),
  ];

  const runConfigs: fc.Arbitrary<RunConfig> = fc.record({
    withAgent: fc.boolean(),
    waitMs: fc.constantFrom(0, 200),
    sleepMs: fc.constantFrom(600, null),
    replyDelaySeconds: fc.constantFrom(0, 0.4),
    typingMs: fc.constantFrom(0, 150),
    splitReplies: fc.boolean(),
    reopenOnInbound: fc.boolean(),
    followups: fc.boolean(),
  });

  // ---- the checks -----------------------------------------------------------------------------

  /** One run of commands on a fresh conversation, checked after every step and once settled. */
  async function runSequence(config: RunConfig, commands: Iterable<Command>): Promise<void> {
    const conversationId = `c-${crypto.randomUUID()}`;
    configs.set(conversationId, config);
    let ids = 0;
    const input: ConversationWorkflowInput = {
      conversation: { organizationId, conversationId, channelAccountId: 'acc-1', contactId: 'contact-1' },
      controls: { aiEnabled: true, botActive: true, status: 'open' },
    };
    await client.workflow.start(conversationWorkflowType, {
      workflowId: conversationWorkflowId(organizationId, conversationId),
      taskQueue,
      args: [input],
    });
    const model: Model = { paused: false, takenOver: false, takeovers: 0, aiOff: false, closed: false };
    const real: Real = { config, conversationId, nextId: () => `${conversationId}-m${++ids}` };
    try {
      await withinDeadline(conversationId, async () => {
        for (const command of commands) {
          if (process.env.MODEL_DEBUG) console.info(conversationId, String(command), Date.now());
          await command.run(model, real);
          await checkStep(model, real);
        }
        if (process.env.MODEL_DEBUG) console.info(conversationId, 'settle', Date.now());
        await settle(conversationId);
        const history = await checkStep(model, real);
        checkEveryInboundAccountedFor(history);
        // Workers keep runs cached between tasks: replaying the whole run from its history checks
        // that the code is deterministic (as a restarted worker, or a deploy, replays it).
        const recorded = await handle(conversationId).fetchHistory();
        // A local activity's result lands after its task and can trade places with a human's update
        // on replay (see NO_LOCAL_ACTIVITIES_PATCH): a run today records none.
        const localActivityMarkers = recorded.events!.filter(
          (event) => event.markerRecordedEventAttributes?.markerName === 'core_local_activity',
        );
        expect(localActivityMarkers).toEqual([]);
        await Worker.runReplayHistory({ workflowBundle: { codePath: stack.workflowBundlePath } }, recorded).catch(
          (error: unknown) => {
            // Kept for reading (and for test/histories once fixed): a replay failure needs the very history.
            const path = join(tmpdir(), `convo-pilot-nondeterminism-${conversationId}.json`);
            writeFileSync(path, historyToJSON(recorded));
            throw new Error(`replay failed, history in ${path}`, { cause: error });
          },
        );
      });
    } finally {
      await handle(conversationId)
        .terminate('model run over')
        .catch(() => undefined);
      configs.delete(conversationId);
    }
  }

  /**
   * A sequence that gets stuck fails on its own, with the history that shows where, instead of
   * timing out the whole property.
   */
  async function withinDeadline(conversationId: string, run: () => Promise<void>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const stuck = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        void handle(conversationId)
          .fetchHistory()
          .then((history) => reject(new Error(`stuck for ${SEQUENCE_DEADLINE_MS} ms:\n${describeEvents(history)}`)));
      }, SEQUENCE_DEADLINE_MS);
    });
    try {
      await Promise.race([run(), stuck]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Waits until the workflow has nothing left to do: no activity, task or timer in flight (reply
   * delay, typing, follow-up, wake-up), no waiting message.
   */
  async function settle(conversationId: string): Promise<void> {
    // Once nothing is in flight, nothing can wake the run. A retried workflow task (after a restart
    // lost one) is not in the history until it completes: describe shows it, before and after.
    const noTaskPending = async () => !(await handle(conversationId).describe()).raw.pendingWorkflowTask;
    await eventually(
      async () =>
        (await noTaskPending()) && decode(await handle(conversationId).fetchHistory()).idle && (await noTaskPending()),
    );
  }

  async function checkStep(model: Model, real: Real): Promise<DecodedHistory> {
    const history = decode(await handle(real.conversationId).fetchHistory());
    checkHistory(history);
    expect(history.takeoverEventIds.size, 'takeover webhooks (one per takeover)').toBe(model.takeovers);
    const state = await query(real.conversationId);
    if (model.closed) expect(state.botState, 'closed until opened or reopened').toBe('closed');
    else if (model.paused) expect(state.botState, 'a pause lasts until a resume').toBe('paused');
    return history;
  }

  // ---- reading the history --------------------------------------------------------------------

  interface DecodedHistory {
    /** In history order: what the workflow heard and did. */
    steps: (
      | { kind: 'inbound'; messageId: string; reopen: boolean }
      | { kind: 'controls'; change: ControlsChange }
      | { kind: 'send'; replyMessageId: string; author: string }
    )[];
    /** Each generated reply's trigger messages, by reply id (follow-ups excluded). */
    triggersOf: Map<string, string[]>;
    /** Messages logged as unanswered, and replies dropped because a human held the conversation. */
    unanswered: Set<string>;
    heldReplies: Set<string>;
    takeoverEventIds: Set<string>;
    /** Deliveries that did not go out: cancelled when interrupted (or failed once cancelled). */
    withdrawn: Set<string>;
    /** Deliveries that went on after the workflow had seen a hold or a newer message, uncancelled. */
    uninterrupted: string[];
    /** No workflow task, activity or timer in flight. */
    idle: boolean;
  }

  type Hold = { paused: boolean; aiOff: boolean; closed: boolean };
  /** The humans' holds after a step, as the workflow receives them. */
  function holdAfter(hold: Hold, step: DecodedHistory['steps'][number]): Hold {
    if (step.kind === 'inbound') return step.reopen ? { ...hold, closed: false } : hold;
    if (step.kind !== 'controls') return hold;
    const { botActive, aiEnabled, status } = step.change;
    return {
      paused: botActive === undefined ? hold.paused : !botActive,
      aiOff: aiEnabled === undefined ? hold.aiOff : !aiEnabled,
      closed: status === undefined ? hold.closed : status === 'closed',
    };
  }
  const held = (hold: Hold) => hold.paused || hold.aiOff || hold.closed;

  /** An AI reply's delivery in flight: what may interrupt it, and whether the workflow has seen it. */
  interface PacedDelivery {
    replyMessageId: string;
    /** A newer inbound or a human's message arrived (a follow-up is not superseded by them). */
    superseded: boolean;
    mustCancel: boolean;
    cancelRequested: boolean;
  }

  const payload = (p: temporal.api.common.v1.IPayload | null | undefined): any =>
    defaultPayloadConverter.fromPayload(p as Payload);

  function decode(history: temporal.api.history.v1.IHistory): DecodedHistory {
    const decoded: DecodedHistory = {
      steps: [],
      triggersOf: new Map(),
      unanswered: new Set(),
      heldReplies: new Set(),
      takeoverEventIds: new Set(),
      withdrawn: new Set(),
      uninterrupted: [],
      idle: false,
    };
    // Workflow tasks, activities and timers in flight, by the id of the event that started them.
    const inFlight = new Set<string>();
    // AI replies' deliveries in flight, by the id of the event that scheduled them.
    const deliveries = new Map<string, PacedDelivery>();
    let hold: Hold = { paused: false, aiOff: false, closed: false };
    const heard = (step: DecodedHistory['steps'][number]) => {
      decoded.steps.push(step);
      hold = holdAfter(hold, step);
    };
    for (const event of history.events ?? []) {
      trackInFlight(event, inFlight);
      const signal = event.workflowExecutionSignaledEventAttributes;
      if (signal?.signalName === inboundMessageSignal.name) {
        const { messageId, reopenIfClosed } = payload(signal.input?.payloads?.[0]);
        heard({ kind: 'inbound', messageId, reopen: Boolean(reopenIfClosed) });
      }
      if (signal?.signalName === controlsChangeRequestedSignal.name) {
        heard({ kind: 'controls', change: payload(signal.input?.payloads?.[0]) });
      }
      if (signal?.signalName === inboundMessageSignal.name || signal?.signalName === outboundMessageSignal.name) {
        for (const delivery of deliveries.values()) {
          const replyId = replyOfPart(delivery.replyMessageId) ?? delivery.replyMessageId;
          if (decoded.triggersOf.has(replyId)) delivery.superseded = true;
        }
      }
      // A workflow task hears what came before it: an interrupted delivery must be cancelled by it.
      if (event.workflowTaskStartedEventAttributes) {
        for (const delivery of deliveries.values()) delivery.mustCancel ||= held(hold) || delivery.superseded;
      }
      const cancelRequested = event.activityTaskCancelRequestedEventAttributes;
      if (cancelRequested) {
        const delivery = deliveries.get(String(cancelRequested.scheduledEventId));
        if (delivery) delivery.cancelRequested = true;
      }
      const ended =
        event.activityTaskCompletedEventAttributes ??
        event.activityTaskFailedEventAttributes ??
        event.activityTaskCanceledEventAttributes;
      const delivery = ended && deliveries.get(String(ended.scheduledEventId));
      if (delivery) {
        deliveries.delete(String(ended.scheduledEventId));
        if (!event.activityTaskCompletedEventAttributes) decoded.withdrawn.add(delivery.replyMessageId);
        else if (delivery.mustCancel && !delivery.cancelRequested) decoded.uninterrupted.push(delivery.replyMessageId);
      }
      const scheduled = event.activityTaskScheduledEventAttributes;
      if (!scheduled) continue;
      const args = payload(scheduled.input?.payloads?.[0]);
      switch (scheduled.activityType?.name) {
        case 'generateReply':
          if (!args.followup) decoded.triggersOf.set(args.replyMessageId, args.triggerMessageIds);
          break;
        case 'deliverReply':
          decoded.steps.push({ kind: 'send', replyMessageId: args.replyMessageId, author: args.author });
          if (args.pace) {
            deliveries.set(String(event.eventId), {
              replyMessageId: args.replyMessageId,
              superseded: false,
              mustCancel: false,
              cancelRequested: false,
            });
          }
          break;
        case 'saveConversationControls':
          if (args.takeover) decoded.takeoverEventIds.add(args.takeover.eventId);
          break;
        case 'recordUnansweredMessages':
          for (const id of args.messageIds) decoded.unanswered.add(id);
          break;
        case 'recordDroppedReply':
          if (!args.supersededBy) decoded.heldReplies.add(args.replyMessageId);
          break;
      }
    }
    decoded.idle = inFlight.size === 0;
    return decoded;
  }

  function trackInFlight(event: temporal.api.history.v1.IHistoryEvent, inFlight: Set<string>): void {
    if (event.workflowTaskScheduledEventAttributes) inFlight.add(`task ${String(event.eventId)}`);
    const taskEnded =
      event.workflowTaskCompletedEventAttributes ??
      event.workflowTaskFailedEventAttributes ??
      event.workflowTaskTimedOutEventAttributes;
    if (taskEnded) inFlight.delete(`task ${String(taskEnded.scheduledEventId)}`);
    if (event.activityTaskScheduledEventAttributes) inFlight.add(`activity ${String(event.eventId)}`);
    const activityEnded =
      event.activityTaskCompletedEventAttributes ??
      event.activityTaskFailedEventAttributes ??
      event.activityTaskTimedOutEventAttributes ??
      event.activityTaskCanceledEventAttributes;
    if (activityEnded) inFlight.delete(`activity ${String(activityEnded.scheduledEventId)}`);
    if (event.timerStartedEventAttributes) inFlight.add(`timer ${event.timerStartedEventAttributes.timerId}`);
    const timerEnded = event.timerFiredEventAttributes ?? event.timerCanceledEventAttributes;
    if (timerEnded) inFlight.delete(`timer ${timerEnded.timerId}`);
  }

  /** The history in a few words per event, for a stuck sequence's report. */
  const describeEvents = (history: temporal.api.history.v1.IHistory) =>
    (history.events ?? [])
      .map((event) => {
        const type = String(temporal.api.enums.v1.EventType[event.eventType ?? 0]).replace('EVENT_TYPE_', '');
        const detail =
          event.activityTaskScheduledEventAttributes?.activityType?.name ??
          event.workflowExecutionSignaledEventAttributes?.signalName ??
          event.workflowTaskFailedEventAttributes?.failure?.message ??
          '';
        return `${String(event.eventId)} ${type} ${detail}`;
      })
      .join('\n');

  /**
   * Walks the history in order with the humans' holds as the workflow received them: a change
   * holds the bot from its signal on, before the loop has applied (saved) it.
   */
  function checkHistory(history: DecodedHistory): void {
    expect(history.uninterrupted, 'deliveries the workflow let go on after a hold or a newer message').toEqual([]);
    let hold: Hold = { paused: false, aiOff: false, closed: false };
    const sent = new Set<string>();
    const answered = new Set<string>();
    const received: string[] = [];
    for (const step of history.steps) {
      hold = holdAfter(hold, step);
      if (step.kind === 'inbound') {
        received.push(step.messageId);
      } else if (step.kind === 'send' && step.author === 'ai') {
        const where = `reply ${step.replyMessageId}`;
        // Never even started while held; one started before is cancelled unless already sending.
        expect(hold, `${where}: nothing is sent while a human holds the conversation`).toEqual({
          paused: false,
          aiOff: false,
          closed: false,
        });
        if (history.withdrawn.has(step.replyMessageId)) continue;
        expect(sent.has(step.replyMessageId), `${where}: sent twice`).toBe(false);
        sent.add(step.replyMessageId);
        // A split reply's later parts answer what its first part answered.
        const replyId = replyOfPart(step.replyMessageId) ?? step.replyMessageId;
        const triggers = history.triggersOf.get(replyId);
        if (!triggers) continue; // a follow-up
        for (const id of replyId === step.replyMessageId ? triggers : []) {
          expect(answered.has(id), `${where}: message ${id} answered twice`).toBe(false);
          answered.add(id);
        }
        // Every message that arrived before this send and waits for an answer is answered by it.
        const waiting = received.filter((id) => !answered.has(id) && !history.unanswered.has(id));
        const unheldWaiting = waiting.filter((id) => !heldTriggers(history).has(id));
        expect(unheldWaiting, `${where}: sent although newer messages superseded it`).toEqual([]);
      }
    }
  }

  function heldTriggers(history: DecodedHistory): Set<string> {
    return new Set([...history.heldReplies].flatMap((id) => history.triggersOf.get(id) ?? []));
  }

  /** Once settled: every inbound message was answered, or logged as unanswered with a reason. */
  function checkEveryInboundAccountedFor(history: DecodedHistory): void {
    const sentReplies = new Set(
      history.steps.flatMap((s) =>
        s.kind === 'send' && !history.withdrawn.has(s.replyMessageId) ? [s.replyMessageId] : [],
      ),
    );
    const answered = new Set([...sentReplies].flatMap((id) => history.triggersOf.get(id) ?? []));
    const held = heldTriggers(history);
    const lost = history.steps.flatMap((step) =>
      step.kind === 'inbound' &&
      !answered.has(step.messageId) &&
      !history.unanswered.has(step.messageId) &&
      !held.has(step.messageId)
        ? [step.messageId]
        : [],
    );
    expect(lost, 'inbound messages neither answered nor logged as unanswered').toEqual([]);
  }

  // ---- the runs -------------------------------------------------------------------------------

  // Sequences that failed once, kept as they were printed (shrunk).
  it('regression: without an agent, a human message pauses the bot; a pause after it is a takeover', async () => {
    await runSequence(
      {
        withAgent: false,
        waitMs: 0,
        sleepMs: 600,
        replyDelaySeconds: 0,
        typingMs: 0,
        splitReplies: false,
        reopenOnInbound: false,
        followups: false,
      },
      [new HumanMessage(), new Advance(50), new Control('pause', { botActive: false })],
    );
  });
  it('regression: a human message while a reply is pending (the handler raced the loop on replay)', async () => {
    await runSequence(
      {
        withAgent: true,
        waitMs: 0,
        sleepMs: 600,
        replyDelaySeconds: 0.4,
        typingMs: 150,
        splitReplies: false,
        reopenOnInbound: true,
        followups: false,
      },
      [new Inbound(), new HumanMessage(), new Control('pause', { botActive: false })],
    );
  });

  it('regression: a human message reopens nothing but puts the agent to sleep while an opening is saved (replays)', async () => {
    // Replay took another branch than the run: the bot woke early by the clock of another task.
    await runSequence(
      {
        withAgent: true,
        waitMs: 0,
        sleepMs: 600,
        replyDelaySeconds: 0.4,
        typingMs: 150,
        splitReplies: false,
        reopenOnInbound: false,
        followups: true,
      },
      [
        new Control('close', { status: 'closed' }),
        new HumanMessage(),
        new Control('open', { status: 'open' }),
        new Advance(50),
      ],
    );
  });

  it('regression: three human messages at once put the agent to sleep, follow-ups on (replays)', async () => {
    await runSequence(
      {
        withAgent: true,
        waitMs: 0,
        sleepMs: 600,
        replyDelaySeconds: 0.4,
        typingMs: 0,
        splitReplies: false,
        reopenOnInbound: false,
        followups: true,
      },
      [new HumanMessage(), new HumanMessage(), new HumanMessage()],
    );
  });

  it('regression: a pause while the next turn looks up its agent (the update and the lookup traded places on replay)', async () => {
    await runSequence(
      {
        withAgent: false,
        waitMs: 200,
        sleepMs: null,
        replyDelaySeconds: 0.4,
        typingMs: 0,
        splitReplies: true,
        reopenOnInbound: false,
        followups: true,
      },
      [
        new Control('resume', { botActive: true }),
        new Inbound(),
        new Inbound(),
        new Control('pause', { botActive: false }),
      ],
    );
  });

  it('regression: a restart, a human message, then a pause and a close (seed 21, under load)', async () => {
    await runSequence(
      {
        withAgent: true,
        waitMs: 0,
        sleepMs: null,
        replyDelaySeconds: 0,
        typingMs: 0,
        splitReplies: false,
        reopenOnInbound: false,
        followups: true,
      },
      [
        new Inbound(),
        new RestartWorker(),
        new HumanMessage(),
        new Control('pause', { botActive: false }),
        new Advance(400),
        new Control('close', { status: 'closed' }),
      ],
    );
  });

  it(
    `holds its invariants over ${RUNS} random sequences (seed ${SEED})`,
    async () => {
      const started = Date.now();
      const sequences = fc.commands(commandArbitraries, { maxCommands: 6 });
      const property = fc.asyncProperty(runConfigs, sequences, (config, commands) => runSequence(config, commands));
      // The sampled sequences run side by side; a failure is then found again by fast-check run by
      // run, shrunk and printed (add it to the regressions below).
      const samples = fc.sample(fc.tuple(runConfigs, sequences), { seed: SEED, numRuns: RUNS });
      const failures: string[] = [];
      let next = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < samples.length) {
            const index = next++;
            const [config, commands] = samples[index]!;
            if (process.env.MODEL_DEBUG) console.info(`sequence ${index} at ${Date.now() - started} ms`);
            await runSequence(config, commands).catch((error: unknown) => {
              failures.push(`${JSON.stringify(config)} [${[...commands].map(String).join(', ')}]: ${String(error)}`);
            });
          }
        }),
      );
      console.info(`controls model: ${RUNS} sequences, ${restarts} worker restarts, ${Date.now() - started} ms`);
      if (failures.length > 0) {
        console.error(`controls model: ${failures.length} failing sequences\n${failures.join('\n')}`);
        await fc.assert(property, { numRuns: RUNS, seed: SEED });
      }
      expect(failures).toEqual([]);
    },
    Math.max(300_000, RUNS * 3_000),
  );
});
