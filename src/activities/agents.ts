import { isValidPhoneNumber } from 'libphonenumber-js';
import { z } from 'zod';
import { durationMs, sleepMs, waitTimeMs, type AgentAction } from '../domain/agent.js';
import { actionForTool } from '../domain/agent-tools.js';
import { derivedId } from '../domain/ids.js';
import { utcDay } from '../domain/utc-day.js';
import { identityFields, type ActionLog, type Conversation, type UnverifiedValue } from '../domain/model.js';
import { requireConversation } from './conversation-lookup.js';
import type { ToolCall } from '../domain/prompt.js';
import { isValidTimeZone, nextWorkingTime } from '../domain/working-hours.js';
import { OutboundTargetRefused, postSigned, type OutboundPolicy } from '../lib/outbound-http.js';
import type { SecretBox } from '../lib/secret-box.js';
import type {
  ActionCall,
  ActionOutcome,
  AgentEffect,
  AgentPolicy,
  ConversationKey,
  FollowupStep,
  ScheduledFollowup,
} from '../workflows/contracts.js';
import type { Repositories } from '../store/repositories.js';
import { sealedSecretFields } from '../store/sealed-secrets.js';
import { isRetryableHookStatus } from '../channels/provider-http.js';
import type { EventPublisher } from '../engine/event-publisher.js';
import type { ConversationReads } from './conversation-reads.js';
import { conversationEvent } from './event-publisher.js';
import { endpointSecretOf } from '../store/signing-secrets.js';

export interface AgentActivityDeps {
  store: Pick<
    Repositories,
    'agents' | 'agentActions' | 'agentActionRuns' | 'conversations' | 'contacts' | 'channelAccounts' | 'calendars'
  >;
  readsOf: (key: ConversationKey) => ConversationReads;
  secretBox: SecretBox;
  outbound: OutboundPolicy;
  events: EventPublisher;
  /** Agent action runs a conversation may make per UTC day; past it the model is told the quota is reached. */
  maxActionRunsPerConversationPerDay: number;
}

/** Standard contact fields an UPDATE_CONTACT_FIELD action may write, each with its check. */
const standardContactFields: Record<string, (value: string) => string | null> = {
  name: (value) => (value.trim() ? null : 'a name must not be empty'),
  email: (value) => (z.email().safeParse(value).success ? null : 'not an email address'),
  phone: (value) => (isValidPhoneNumber(value) ? null : 'not a phone number in E.164 form'),
  timezone: (value) => (isValidTimeZone(value) ? null : 'not an IANA time zone'),
};

const bookingAnswer = z.object({
  appointment_id: z.string().optional(),
  start_time: z.string().optional(),
  confirmation: z.string().optional(),
});

function parseArguments(call: ToolCall): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(call.arguments || '{}');
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const optionalSleep = (details: {
  reactivateEnabled: boolean;
  sleepTime?: number;
  sleepTimeUnit?: 'MINUTES' | 'HOURS' | 'DAYS';
}) =>
  details.reactivateEnabled && details.sleepTime && details.sleepTimeUnit
    ? durationMs(details.sleepTime, details.sleepTimeUnit)
    : null;

export function createAgentActivities({
  store,
  readsOf,
  secretBox,
  outbound,
  events,
  maxActionRunsPerConversationPerDay,
}: AgentActivityDeps) {
  const {
    agents,
    agentActions,
    agentActionRuns: actionRuns,
    conversations,
    contacts,
    channelAccounts,
    calendars,
  } = store;

  /** Step `stepIndex` (steps in the order of their ids) of an enabled follow-up action, or null. */
  async function findFollowupStep(organizationId: string, actionId: string, stepIndex: number) {
    const action = await agentActions.findInOrganization(organizationId, actionId);
    if (action?.type !== 'ADVANCED_FOLLOWUP' || !action.details.enabled) return null;
    const step = [...action.details.followupSequence].sort((a, b) => a.id - b.id)[stepIndex];
    return step ? { step, settings: action.details.followupSettings } : null;
  }

  /** The IANA zone follow-ups are planned in: the contact's when asked and known, else the business's. */
  async function zoneFor(conversation: Conversation, use: 'contact' | 'location'): Promise<string> {
    const { organizationId } = conversation;
    const [contact, account] = await Promise.all([
      use === 'contact' ? contacts.findInOrganization(organizationId, conversation.contactId) : null,
      channelAccounts.findInOrganization(organizationId, conversation.channelAccountId),
    ]);
    return contact?.timezone ?? account?.timezone ?? 'UTC';
  }

  async function bookAppointment(
    conversation: Conversation,
    action: Extract<AgentAction, { type: 'APPOINTMENT_BOOKING' }>,
    args: Record<string, unknown>,
    idempotencyKey: string,
  ): Promise<string> {
    const { organizationId } = conversation;
    const calendar = await calendars.findInOrganization(organizationId, action.details.calendarId);
    if (!calendar) throw new ActionRefused(`calendar ${action.details.calendarId} no longer exists`);
    if (action.details.onlySendLink) {
      if (!calendar.bookingPageUrl) throw new ActionRefused('the calendar has no booking page');
      return `Send the contact this booking link: ${calendar.bookingPageUrl}`;
    }
    const startTime = typeof args.startTime === 'string' ? args.startTime : '';
    if (Number.isNaN(Date.parse(startTime))) throw new ActionRefused('startTime must be an ISO 8601 date-time');
    const [account, contact] = await Promise.all([
      channelAccounts.findInOrganization(organizationId, conversation.channelAccountId),
      contacts.findInOrganization(organizationId, conversation.contactId),
    ]);
    if (!account) throw new ActionRefused('the channel account no longer exists');
    let response;
    try {
      // Signed with the calendar's own secret (a calendar from before it had one: the channel's hook secret).
      response = await postSigned(
        {
          url: calendar.bookingUrl,
          secret: endpointSecretOf(
            secretBox,
            { sealed: calendar.signingSecret, field: sealedSecretFields.calendarSigningSecret, id: calendar._id },
            account,
          ),
          deliveryId: idempotencyKey,
          payload: {
            type: 'appointment.book',
            calendar_id: calendar._id,
            start_time: startTime,
            notes: typeof args.notes === 'string' ? args.notes : null,
            conversation_id: conversation._id,
            contact: contact
              ? { id: contact._id, name: contact.name, phone: contact.phone, email: contact.email }
              : null,
          },
        },
        outbound,
      );
    } catch (error) {
      if (error instanceof OutboundTargetRefused) throw new ActionRefused(error.message);
      throw error;
    }
    if (response.status >= 400) {
      if (isRetryableHookStatus(response.status)) throw new Error(`calendar answered ${response.status}`);
      // Status only: the calendar's body is not echoed (it reaches the model and the action log).
      throw new ActionRefused(`the calendar refused the booking (${response.status})`);
    }
    const answer = bookingAnswer.safeParse(safeJson(response.body));
    const booked = answer.success ? answer.data : {};
    return [
      `Booked${booked.appointment_id ? ` appointment ${booked.appointment_id}` : ''} for ${booked.start_time ?? startTime}.`,
      booked.confirmation ?? '',
    ]
      .join(' ')
      .trim();
  }

  async function triggerWorkflows(conversation: Conversation, eventId: string, data: Record<string, unknown>) {
    await events.publish(conversationEvent(conversation, 'agent.workflow.triggered', eventId, data));
  }

  /** Does what the action stands for; returns what to tell the model and what the workflow must apply. */
  async function perform(
    conversation: Conversation,
    action: AgentAction,
    args: Record<string, unknown>,
    key: string,
  ): Promise<{ result: string; effect: AgentEffect | null }> {
    const { organizationId } = conversation;
    switch (action.type) {
      case 'UPDATE_CONTACT_FIELD': {
        const field = action.details.contactFieldId;
        const value = typeof args.value === 'string' ? args.value.trim() : '';
        if (!value) throw new ActionRefused('value is required');
        const problem = standardContactFields[field]?.(value) ?? null;
        if (problem) throw new ActionRefused(`${field}: ${problem}`);
        // An email or phone the model writes comes from whoever writes to the bot: kept apart, never identity.
        const unverified = (identityFields as readonly string[]).includes(field);
        const update = unverified
          ? {
              [`unverifiedFields.${field}`]: {
                value,
                source: 'ai',
                conversationId: conversation._id,
                updatedAt: new Date(),
              } satisfies UnverifiedValue,
            }
          : { [field in standardContactFields ? field : `customFields.${field}`]: value };
        await contacts.setFields(organizationId, conversation.contactId, update);
        return { result: `Saved ${field} = ${value}${unverified ? ' (as unverified)' : ''}.`, effect: null };
      }
      case 'TRIGGER_WORKFLOW':
        await triggerWorkflows(conversation, key, {
          action_id: action._id,
          workflow_ids: action.details.workflowIds,
          reason: typeof args.reason === 'string' ? args.reason : null,
          trigger_message: action.details.triggerMessage ?? null,
        });
        return { result: 'The automation was started.', effect: null };
      case 'APPOINTMENT_BOOKING': {
        const result = await bookAppointment(conversation, action, args, key);
        const { details } = action;
        if (details.triggerWorkflow && details.workflowIds?.length) {
          await triggerWorkflows(conversation, `${key}.booked`, {
            action_id: action._id,
            workflow_ids: details.workflowIds,
            reason: 'appointment booked',
            trigger_message: null,
          });
        }
        if (details.transferBot && details.transferAgent) {
          return { result, effect: await transfer(conversation, details.transferAgent) };
        }
        const sleep = details.sleepAfterBooking && details.sleepTime && details.sleepTimeUnit;
        return {
          result,
          effect: sleep ? { kind: 'sleep', sleepMs: durationMs(details.sleepTime!, details.sleepTimeUnit!) } : null,
        };
      }
      case 'STOP_BOT':
        return {
          result: 'The conversation ends with the final message.',
          effect: {
            kind: 'stop_bot',
            finalMessage: action.details.finalMessage,
            sleepMs: optionalSleep(action.details),
          },
        };
      case 'HUMAN_HAND_OVER':
        return {
          result: 'A human takes over after the final message.',
          effect: {
            kind: 'hand_over',
            finalMessage: action.details.finalMessage,
            sleepMs: optionalSleep(action.details),
          },
        };
      case 'ADVANCED_FOLLOWUP':
        return { result: 'Follow-ups are scheduled.', effect: { kind: 'follow_up', actionId: action._id } };
      case 'TRANSFER_BOT':
        return {
          result: 'Transferred to another agent.',
          effect: await transfer(conversation, action.details.transferToBot),
        };
    }
  }

  /**
   * Dynamic channel switching: the same person on another channel of the business is a contact
   * with the same phone or email, as the channels gave them (values the model wrote are unverified
   * and never count); the follow-up goes where they last wrote, if that is elsewhere.
   */
  async function latestChannelOf(conversation: Conversation): Promise<string | null> {
    const { organizationId } = conversation;
    const contact = await contacts.findInOrganization(organizationId, conversation.contactId);
    const sameIdentity = [
      ...(contact?.phone ? [{ phone: contact.phone }] : []),
      ...(contact?.email ? [{ email: contact.email }] : []),
    ];
    if (sameIdentity.length === 0) return null;
    const contactIds = await contacts.idsWithIdentity(organizationId, sameIdentity);
    const latest = await conversations.latestOpenOfContacts(organizationId, contactIds);
    return latest && latest._id !== conversation._id ? latest._id : null;
  }

  /**
   * Counts one action run against the conversation's quota for the day (UTC); false when the quota
   * is reached. A retried activity brings the same run key and is not counted twice. The workflow
   * runs a conversation's actions one at a time, so read-then-write does not race.
   */
  async function claimActionRun(conversation: Conversation, runKey: string): Promise<boolean> {
    const { organizationId } = conversation;
    const day = utcDay(new Date());
    const _id = `${conversation._id}:${day}`;
    const runs = await actionRuns.keysOf(organizationId, _id);
    if (runs.includes(runKey)) return true;
    if (runs.length >= maxActionRunsPerConversationPerDay) return false;
    await actionRuns.add({ _id, organizationId, conversationId: conversation._id, day }, runKey);
    return true;
  }

  async function transfer(conversation: Conversation, agentId: string): Promise<AgentEffect> {
    const { organizationId } = conversation;
    const target = await agents.findInOrganization(organizationId, agentId);
    if (!target) throw new ActionRefused(`agent ${agentId} no longer exists`);
    await conversations.assignAgent(organizationId, conversation._id, agentId);
    return { kind: 'transfer', agentId };
  }

  return {
    /** The agent answering the conversation now, as the workflow needs it; null: no agent (plain AI settings). */
    async resolveConversationAgent(
      { assignedAgentId, ...key }: ConversationKey & { assignedAgentId: string | null },
      reads = readsOf(key),
    ): Promise<AgentPolicy | null> {
      const [configuration, { channelAccountId }] = await Promise.all([reads.configuration(), reads.route()]);
      // The stored transfer counts only when the workflow knows none (a run started after it, or
      // recorded before runs kept it).
      const stored = assignedAgentId ? null : await configuration.assignedAgent(key.conversationId);
      const agent = await agents.forConversation(
        { organizationId: key.organizationId, channelAccountId, agentId: stored },
        assignedAgentId,
        reads.account,
        configuration,
      );
      if (!agent) return null;
      const stoppedReplying = await configuration.stoppedReplyingFollowup(agent._id);
      const sleep = (enabled: boolean) => (agent.sleepEnabled && enabled ? { ms: sleepMs(agent) } : null);
      return {
        agentId: agent._id,
        agentName: agent.name,
        mode: agent.mode,
        waitMs: waitTimeMs(agent),
        sleepAfterManualMessage: sleep(agent.sleepOnManualMessage),
        sleepAfterWorkflowMessage: sleep(agent.sleepOnWorkflowMessage),
        autoPilotMaxMessages: agent.autoPilotMaxMessages,
        stoppedReplyingFollowupId: stoppedReplying?._id ?? null,
      };
    },

    /**
     * Executes one tool call of the model. What it does outside (a booking, an automation event)
     * carries an idempotency key made of the reply and the call, so a retried activity does it once.
     * A refusal (bad arguments, a calendar saying no) is answered to the model, not retried.
     */
    async runAgentAction({ agentId, replyMessageId, call, ...key }: ActionCall): Promise<ActionOutcome> {
      const conversation = await requireConversation(conversations, key);
      const actions = await agentActions.allForAgent(key.organizationId, agentId);
      const action = actionForTool(actions, call.name);
      const args = parseArguments(call);
      const log = (fields: Pick<ActionLog, 'status' | 'result'>): ActionLog => ({
        toolCallId: call.id,
        actionId: action?._id ?? '',
        actionType: action?.type ?? 'TRIGGER_WORKFLOW',
        actionName: action?.name ?? call.name,
        arguments: args,
        at: new Date(),
        ...fields,
      });
      if (!action) return { actionLog: log({ status: 'failed', result: `unknown tool ${call.name}` }), effect: null };
      const runKey = derivedId(replyMessageId, call.id);
      if (!(await claimActionRun(conversation, runKey))) {
        const result = `Not done: this conversation reached its quota of ${maxActionRunsPerConversationPerDay} actions for today. Answer without tools.`;
        return { actionLog: log({ status: 'quota_exceeded', result }), effect: null };
      }
      try {
        const { result, effect } = await perform(conversation, action, args, runKey);
        return { actionLog: log({ status: 'succeeded', result }), effect };
      } catch (error) {
        if (!(error instanceof ActionRefused)) throw error;
        return { actionLog: log({ status: 'failed', result: error.message }), effect: null };
      }
    },

    /**
     * When step `stepIndex` of a follow-up action is due, counted from `from` (the workflow's clock),
     * moved into the working hours in the contact's or business's zone when the action asks for them.
     * Null when there is no such step (the sequence is over) or no working time at all.
     */
    async planFollowup({
      actionId,
      stepIndex,
      from,
      ...key
    }: ConversationKey & { actionId: string; stepIndex: number; from: number }): Promise<ScheduledFollowup | null> {
      const found = await findFollowupStep(key.organizationId, actionId, stepIndex);
      if (!found) return null;
      const { step, settings } = found;
      const due = new Date(from + durationMs(step.followupTime, step.followupTimeUnit));
      if (!settings?.followUpHours) return { actionId, stepIndex, dueAt: due.getTime() };
      const zone = await zoneFor(await requireConversation(conversations, key), settings.timezoneToUse);
      const open = nextWorkingTime(due, settings.workingHours, zone);
      return open ? { actionId, stepIndex, dueAt: open.getTime() } : null;
    },

    /**
     * A due follow-up step: skipped when the action is gone or disabled, moved when the working hours
     * changed meanwhile, else it starts its automation (if any) and says what to send.
     */
    async prepareFollowup({
      actionId,
      stepIndex,
      now,
      ...key
    }: ConversationKey & { actionId: string; stepIndex: number; now: number }): Promise<FollowupStep> {
      const found = await findFollowupStep(key.organizationId, actionId, stepIndex);
      if (!found) return { kind: 'skip' };
      const { step, settings } = found;
      const conversation = await requireConversation(conversations, key);
      if (settings?.followUpHours) {
        const open = nextWorkingTime(
          new Date(now),
          settings.workingHours,
          await zoneFor(conversation, settings.timezoneToUse),
        );
        if (!open) return { kind: 'skip' };
        if (open.getTime() > now) return { kind: 'reschedule', dueAt: open.getTime() };
      }
      if (step.triggerWorkflow && step.workflowId) {
        await triggerWorkflows(conversation, derivedId(actionId, String(stepIndex), String(now)), {
          action_id: actionId,
          workflow_ids: [step.workflowId],
          reason: 'follow-up',
          trigger_message: null,
        });
      }
      return {
        kind: 'send',
        customMessage: step.aiEnabledMessage ? null : (step.customMessage ?? null),
        switchToConversationId: settings?.dynamicChannelSwitching ? await latestChannelOf(conversation) : null,
      };
    },
  };
}

/** An action that cannot be done as asked: the model is told why; retrying would not help. */
class ActionRefused extends Error {}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
