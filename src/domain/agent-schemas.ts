import { z } from 'zod';
import { MAX_TYPING_MS_PER_CHARACTER } from './typing.js';

/**
 * Conversation AI agents (seed 004): the agent a channel's conversations are answered by, its
 * actions (offered to the model as tools) and its follow-up settings. The seed names enum values in
 * upper case (`AUTO_PILOT`, `TRIGGER_WORKFLOW`, `SECONDS`); the vendor's published OpenAPI uses
 * lower/camel case (`auto-pilot`, `triggerWorkflow`, `seconds`). Both are accepted; the seed's
 * spelling is stored and returned.
 *
 * No imports but zod and the typing bound: the console's Agents screen validates its forms with
 * these same schemas and bounds (the API's own rules, not a copy), so nothing here may reach
 * server code (the stored documents and what needs the store's types stay in agent.ts).
 */

/** An enum of canonical values that also accepts the listed alternative spellings. */
function enumWithAliases<const T extends readonly [string, ...string[]]>(
  values: T,
  aliases: Record<string, T[number]>,
) {
  const accepted = [...values, ...Object.keys(aliases)] as [string, ...string[]];
  return z.enum(accepted).transform((value): T[number] => aliases[value] ?? (value as T[number]));
}

export const agentModes = ['OFF', 'SUGGESTIVE', 'AUTO_PILOT'] as const;
export type AgentMode = (typeof agentModes)[number];
const agentModeSchema = enumWithAliases(agentModes, {
  off: 'OFF',
  suggestive: 'SUGGESTIVE',
  'auto-pilot': 'AUTO_PILOT',
});

export const agentChannels = ['SMS', 'WhatsApp', 'WebChat', 'Live_Chat', 'FB', 'IG'] as const;
export type AgentChannel = (typeof agentChannels)[number];

export const waitTimeUnits = ['SECONDS', 'MINUTES'] as const;
export const sleepTimeUnits = ['SECONDS', 'MINUTES', 'HOURS'] as const;
export const delayUnits = ['MINUTES', 'HOURS', 'DAYS'] as const;
export type WaitTimeUnit = (typeof waitTimeUnits)[number];
export type SleepTimeUnit = (typeof sleepTimeUnits)[number];
export type DelayUnit = (typeof delayUnits)[number];

const waitTimeUnitSchema = enumWithAliases(waitTimeUnits, { seconds: 'SECONDS', minutes: 'MINUTES' });
const sleepTimeUnitSchema = enumWithAliases(sleepTimeUnits, {
  seconds: 'SECONDS',
  minutes: 'MINUTES',
  hours: 'HOURS',
});
const delayUnitSchema = enumWithAliases(delayUnits, { minutes: 'MINUTES', hours: 'HOURS', days: 'DAYS' });

const unitMs = { SECONDS: 1_000, MINUTES: 60_000, HOURS: 3_600_000, DAYS: 86_400_000 } as const;
export const durationMs = (value: number, unit: keyof typeof unitMs): number => value * unitMs[unit];

/** The documented maxima: wait ≤ 5 minutes / 300 seconds; sleep ≤ 2880 minutes / 172800 seconds / 48 hours. */
export const maxWaitTime: Record<WaitTimeUnit, number> = { SECONDS: 300, MINUTES: 5 };
export const maxSleepTime: Record<SleepTimeUnit, number> = { SECONDS: 172_800, MINUTES: 2_880, HOURS: 48 };
/** How many AI messages auto-pilot may send before a human must step in (seed 004: 1–100). */
export const autoPilotMaxMessagesBounds = { min: 1, max: 100 } as const;
/** Follow-up delays: at most 60 minutes, 24 hours or 180 days depending on the unit. */
export const maxFollowupTime: Record<DelayUnit, number> = { MINUTES: 60, HOURS: 24, DAYS: 180 };

const text = (max: number) => z.string().trim().min(1).max(max);
const id = z.string().trim().min(1).max(128);

/** Every field an agent has; create and update differ only in which are required. */
const agentFields = {
  name: text(200),
  businessName: z.string().trim().max(200).nullable(),
  mode: agentModeSchema,
  channels: z.array(z.enum(agentChannels)).max(agentChannels.length),
  isPrimary: z.boolean(),
  waitTime: z.number().min(0),
  waitTimeUnit: waitTimeUnitSchema,
  sleepEnabled: z.boolean(),
  sleepTime: z.number().positive().nullable(),
  sleepTimeUnit: sleepTimeUnitSchema.nullable(),
  personality: text(5_000),
  goal: text(5_000),
  instructions: text(20_000),
  autoPilotMaxMessages: z.number().int().min(autoPilotMaxMessagesBounds.min).max(autoPilotMaxMessagesBounds.max),
  knowledgeBaseIds: z.array(id).max(50),
  respondToImages: z.boolean(),
  respondToAudio: z.boolean(),
  sleepOnManualMessage: z.boolean(),
  sleepOnWorkflowMessage: z.boolean(),
  splitMessages: z
    .boolean()
    .nullable()
    .describe(
      'Send a reply paragraph by paragraph (split on blank lines), each message after its own typing time. null: as the channel account says (`split_messages`, default false).',
    ),
  typingMsPerCharacter: z
    .number()
    .int()
    .min(0)
    .max(MAX_TYPING_MS_PER_CHARACTER)
    .nullable()
    .describe(
      'Typing time per character of each message, capped at the service’s TYPING_MAX_SECONDS. null: as the channel account says (`typing_ms_per_character`), else the service’s TYPING_MS_PER_CHARACTER.',
    ),
};

export type AgentFields = { [K in keyof typeof agentFields]: z.output<(typeof agentFields)[K]> };

/** Bounds that depend on two fields; checked on the merged agent, so an update is checked against what it changes. */
export function agentBoundIssues(agent: Partial<AgentFields>): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  const waitUnit = agent.waitTimeUnit ?? 'SECONDS';
  if (agent.waitTime !== undefined && agent.waitTime > maxWaitTime[waitUnit]) {
    issues.push({
      path: 'waitTime',
      message: `must not be greater than ${maxWaitTime[waitUnit]} ${waitUnit.toLowerCase()}`,
    });
  }
  if (agent.sleepEnabled && (agent.sleepTime === undefined || agent.sleepTimeUnit === undefined)) {
    issues.push({
      path: 'sleepTime',
      message: 'sleepTime and sleepTimeUnit are required when sleepEnabled is true (null for indefinite sleep)',
    });
  }
  if (
    (agent.sleepTime === null) !== (agent.sleepTimeUnit === null) &&
    agent.sleepTime !== undefined &&
    agent.sleepTimeUnit !== undefined
  ) {
    issues.push({
      path: 'sleepTimeUnit',
      message: 'sleepTime and sleepTimeUnit are both null (indefinite sleep) or both set',
    });
  }
  if (agent.sleepTime && agent.sleepTimeUnit && agent.sleepTime > maxSleepTime[agent.sleepTimeUnit]) {
    issues.push({
      path: 'sleepTime',
      message: `must not be greater than ${maxSleepTime[agent.sleepTimeUnit]} ${agent.sleepTimeUnit.toLowerCase()}`,
    });
  }
  return issues;
}

function withBounds<T extends z.ZodObject>(schema: T) {
  return schema.superRefine((agent, ctx) => {
    for (const issue of agentBoundIssues(agent)) {
      ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
    }
  });
}

/** POST /conversation-ai/agents: name, personality, goal and instructions are required. */
export const createAgentSchema = withBounds(
  z.object(agentFields).partial().required({ name: true, personality: true, goal: true, instructions: true }).strict(),
);
export type CreateAgentInput = z.output<typeof createAgentSchema>;

/**
 * PUT /conversation-ai/agents/{agentId}: every field optional except autoPilotMaxMessages (as documented).
 * The cross-field bounds are checked on the merged agent (`agentBoundIssues`), not here: a change
 * alone can look wrong (`sleepEnabled: true` without the stored sleepTime) or right (a new unit
 * against the stored value) when the agent it produces is not.
 */
export const updateAgentSchema = z.object(agentFields).partial().required({ autoPilotMaxMessages: true }).strict();
export type UpdateAgentInput = z.output<typeof updateAgentSchema>;

/** Defaults of a created agent: it answers nothing until given a mode, and hands over after 25 AI messages. */
export const agentDefaults: Omit<AgentFields, 'name' | 'personality' | 'goal' | 'instructions' | 'isPrimary'> = {
  businessName: null,
  mode: 'OFF',
  channels: [],
  waitTime: 0,
  waitTimeUnit: 'SECONDS',
  sleepEnabled: false,
  sleepTime: null,
  sleepTimeUnit: null,
  autoPilotMaxMessages: 25,
  knowledgeBaseIds: [],
  respondToImages: false,
  respondToAudio: false,
  sleepOnManualMessage: false,
  sleepOnWorkflowMessage: false,
  splitMessages: null,
  typingMsPerCharacter: null,
};

// ── Follow-up settings ────────────────────────────────────────────────────────────────────────

const intervalSchema = z
  .object({
    startHour: z.number().int().min(0).max(23),
    startMinute: z.number().int().min(0).max(59),
    endHour: z.number().int().min(0).max(24),
    endMinute: z.number().int().min(0).max(59),
  })
  .strict()
  .refine((i) => i.endHour * 60 + i.endMinute <= 24 * 60, { message: 'must end by 24:00', path: ['endHour'] })
  .refine((i) => i.endHour * 60 + i.endMinute > i.startHour * 60 + i.startMinute, {
    message: 'must end after it starts',
    path: ['endHour'],
  });
export type WorkingInterval = z.output<typeof intervalSchema>;

const workingDaySchema = z
  .object({
    dayOfTheWeek: z.number().int().min(0).max(6),
    intervals: z.array(intervalSchema).max(24).default([]),
  })
  .strict();
export type WorkingDay = z.output<typeof workingDaySchema>;

export const followupSettingsSchema = z
  .object({
    dynamicChannelSwitching: z.boolean(),
    followUpHours: z.boolean().default(false),
    workingHours: z.array(workingDaySchema).max(7).default([]),
    /** The contact's time zone, or the location's (`business`, as the vendor's OpenAPI spells it). */
    timezoneToUse: z
      .enum(['contact', 'location', 'business'])
      .transform((v) => (v === 'business' ? 'location' : v))
      .default('location'),
  })
  .strict()
  .refine((s) => new Set(s.workingHours.map((d) => d.dayOfTheWeek)).size === s.workingHours.length, {
    message: 'each dayOfTheWeek at most once',
    path: ['workingHours'],
  });
export type FollowupSettings = z.output<typeof followupSettingsSchema>;

export const updateFollowupSettingsSchema = z
  .object({ actionIds: z.array(id).min(1).max(50), followupSettings: followupSettingsSchema })
  .strict();

// ── Actions ───────────────────────────────────────────────────────────────────────────────────

export const actionTypes = [
  'TRIGGER_WORKFLOW',
  'UPDATE_CONTACT_FIELD',
  'APPOINTMENT_BOOKING',
  'STOP_BOT',
  'HUMAN_HAND_OVER',
  'ADVANCED_FOLLOWUP',
  'TRANSFER_BOT',
] as const;
export type ActionType = (typeof actionTypes)[number];
const actionTypeSchema = enumWithAliases(actionTypes, {
  triggerWorkflow: 'TRIGGER_WORKFLOW',
  updateContactField: 'UPDATE_CONTACT_FIELD',
  appointmentBooking: 'APPOINTMENT_BOOKING',
  stopBot: 'STOP_BOT',
  humanHandOver: 'HUMAN_HAND_OVER',
  advancedFollowup: 'ADVANCED_FOLLOWUP',
  transferBot: 'TRANSFER_BOT',
});

const examples = z.array(text(500)).max(20);
const tags = z.array(text(100)).max(20);

/** A sleep an action may cause (after a booking, a stop, a handover). */
const actionSleep = {
  sleepTimeUnit: delayUnitSchema.optional(),
  sleepTime: z
    .number()
    .positive()
    .max(180 * 24 * 60)
    .optional(),
};
/** "Sleep for this long, then answer again" after a stop or a handover; required when reactivation is enabled. */
const reactivation = { reactivateEnabled: z.boolean(), ...actionSleep };
const requireSleepWhenReactivating = (d: { reactivateEnabled: boolean; sleepTime?: number; sleepTimeUnit?: string }) =>
  !d.reactivateEnabled || (d.sleepTime !== undefined && d.sleepTimeUnit !== undefined);
const sleepRequired = {
  message: 'sleepTime and sleepTimeUnit are required when reactivateEnabled is true',
  path: ['sleepTime'],
};

export const actionDetailsSchemas = {
  TRIGGER_WORKFLOW: z
    .object({
      workflowIds: z.array(id).min(1).max(20),
      triggerCondition: text(2_000),
      triggerMessage: text(2_000).optional(),
    })
    .strict(),
  UPDATE_CONTACT_FIELD: z
    .object({ contactFieldId: id, description: text(2_000), contactUpdateExamples: examples.optional() })
    .strict(),
  APPOINTMENT_BOOKING: z
    .object({
      actionId: id.optional(),
      calendarId: id,
      onlySendLink: z.boolean(),
      triggerWorkflow: z.boolean(),
      workflowIds: z.array(id).max(20).optional(),
      sleepAfterBooking: z.boolean(),
      ...actionSleep,
      transferBot: z.boolean(),
      transferAgent: id.optional(),
      rescheduleEnabled: z.boolean(),
      cancelEnabled: z.boolean(),
    })
    .strict()
    .superRefine((d, ctx) => {
      const onlyLinkConflicts = (
        ['triggerWorkflow', 'sleepAfterBooking', 'transferBot', 'rescheduleEnabled', 'cancelEnabled'] as const
      ).filter((field) => d.onlySendLink && d[field]);
      for (const field of onlyLinkConflicts)
        ctx.addIssue({ code: 'custom', path: [field], message: 'cannot be true when onlySendLink is true' });
      if (d.triggerWorkflow && !d.workflowIds?.length)
        ctx.addIssue({ code: 'custom', path: ['workflowIds'], message: 'required when triggerWorkflow is true' });
      if (d.sleepAfterBooking && (d.sleepTime === undefined || d.sleepTimeUnit === undefined))
        ctx.addIssue({
          code: 'custom',
          path: ['sleepTime'],
          message: 'sleepTime and sleepTimeUnit are required when sleepAfterBooking is true',
        });
      if (d.transferBot && !d.transferAgent)
        ctx.addIssue({ code: 'custom', path: ['transferAgent'], message: 'required when transferBot is true' });
    }),
  STOP_BOT: z
    .object({
      stopBotDetectionType: z.enum(['Goodbye', 'Custom']),
      stopBotTriggerCondition: text(2_000),
      ...reactivation,
      enabled: z.boolean(),
      stopBotExamples: examples.min(2),
      finalMessage: text(4_000),
      tags: tags.optional(),
    })
    .strict()
    .refine(requireSleepWhenReactivating, sleepRequired),
  HUMAN_HAND_OVER: z
    .object({
      enabled: z.boolean(),
      triggerCondition: text(2_000),
      examples: examples.optional(),
      assignToUserId: id.optional(),
      skipAssignToUser: z.boolean().optional(),
      createTask: z.boolean().optional(),
      ...reactivation,
      finalMessage: text(4_000),
      tags: tags.optional(),
      handoverType: z.enum(['contactRequest', 'lackOfInformation', 'failedToResolveIssue', 'custom']),
    })
    .strict()
    .refine(requireSleepWhenReactivating, sleepRequired)
    .refine((d) => !['custom', 'contactRequest'].includes(d.handoverType) || (d.examples?.length ?? 0) > 0, {
      message: 'required when handoverType is custom or contactRequest',
      path: ['examples'],
    }),
  ADVANCED_FOLLOWUP: z
    .object({
      enabled: z.boolean(),
      scenarioId: z.enum(['contactStoppedReplying', 'contactIsBusy', 'contactRequested']),
      followupSequence: z
        .array(
          z
            .object({
              id: z.number().int().min(0),
              followupTimeUnit: delayUnitSchema,
              followupTime: z.number().positive(),
              aiEnabledMessage: z.boolean().default(false),
              triggerWorkflow: z.boolean().default(false),
              customMessage: text(4_000).optional(),
              workflowId: id.optional(),
              contactRequested: z.boolean().optional(),
            })
            .strict()
            .superRefine((step, ctx) => {
              if (step.followupTime > maxFollowupTime[step.followupTimeUnit])
                ctx.addIssue({
                  code: 'custom',
                  path: ['followupTime'],
                  message: `must not be greater than ${maxFollowupTime[step.followupTimeUnit]} ${step.followupTimeUnit.toLowerCase()}`,
                });
              if (!step.aiEnabledMessage && !step.customMessage)
                ctx.addIssue({
                  code: 'custom',
                  path: ['customMessage'],
                  message: 'required when aiEnabledMessage is false',
                });
              if (step.triggerWorkflow && !step.workflowId)
                ctx.addIssue({
                  code: 'custom',
                  path: ['workflowId'],
                  message: 'required when triggerWorkflow is true',
                });
            }),
        )
        .min(1)
        .max(10),
      followupSettings: followupSettingsSchema.optional(),
    })
    .strict(),
  TRANSFER_BOT: z
    .object({
      transferBotType: z.enum(['Default', 'Custom']),
      transferToBot: id,
      enabled: z.boolean(),
      transferBotTriggerCondition: text(2_000).optional(),
      transferBotExamples: examples.optional(),
    })
    .strict()
    .refine(
      (d) =>
        d.transferBotType !== 'Custom' || (d.transferBotTriggerCondition && (d.transferBotExamples?.length ?? 0) >= 2),
      {
        message: 'a Custom transfer needs transferBotTriggerCondition and at least 2 transferBotExamples',
        path: ['transferBotTriggerCondition'],
      },
    ),
} satisfies Record<ActionType, z.ZodType>;

export type ActionDetails<T extends ActionType = ActionType> = z.output<(typeof actionDetailsSchemas)[T]>;

/** POST/PUT of an action: `details` is validated by the schema of its `type`. */
export const actionInputSchema = z
  .object({
    type: actionTypeSchema,
    name: text(200),
    details: z
      .record(z.string(), z.unknown())
      .describe(
        'Action-specific details; the structure depends on the type (triggerWorkflowDto, updateContactFieldDto, appointmentBookingDto, stopBotDto, humanHandOverDto, advancedFollowupDto, transferBotDto).',
      ),
  })
  .strict()
  .transform((action, ctx) => {
    const details = actionDetailsSchemas[action.type].safeParse(action.details);
    if (!details.success) {
      for (const issue of details.error.issues) ctx.addIssue({ ...issue, path: ['details', ...issue.path] });
      return z.NEVER;
    }
    return { ...action, details: details.data } as ActionInput;
  });
export type ActionInput = { [T in ActionType]: { type: T; name: string; details: ActionDetails<T> } }[ActionType];
