import type { AgentAction } from './agent.js';

/**
 * An agent's actions as the functions the model may call. Only enabled actions are offered; a
 * contactStoppedReplying follow-up is no tool (the workflow arms it when the contact goes quiet).
 */

export interface AgentTool {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

const noArguments = { type: 'object', properties: {}, additionalProperties: false };
const oneString = (name: string, description: string, required = true) => ({
  type: 'object',
  properties: { [name]: { type: 'string', description } },
  required: required ? [name] : [],
  additionalProperties: false,
});

const withExamples = (condition: string, examples: string[] | undefined) =>
  examples?.length ? `${condition} Examples: ${examples.map((e) => `"${e}"`).join('; ')}` : condition;

/** A function name unique per action and valid for every OpenAI-compatible provider (`^[a-zA-Z0-9_-]{1,64}$`). */
export function toolName(action: Pick<AgentAction, '_id' | 'type'>): string {
  return `${action.type.toLowerCase()}_${action._id.replace(/[^a-zA-Z0-9]/g, '').slice(0, 12)}`;
}

function isOffered(action: AgentAction): boolean {
  switch (action.type) {
    case 'STOP_BOT':
    case 'HUMAN_HAND_OVER':
    case 'TRANSFER_BOT':
      return action.details.enabled;
    case 'ADVANCED_FOLLOWUP':
      return action.details.enabled && action.details.scenarioId !== 'contactStoppedReplying';
    default:
      return true;
  }
}

function describe(action: AgentAction): Omit<AgentTool, 'name'> {
  switch (action.type) {
    case 'TRIGGER_WORKFLOW':
      return {
        description: `Start the business's automation (${action.name}) when: ${action.details.triggerCondition}`,
        parameters: oneString('reason', 'Why the automation is started, in a sentence'),
      };
    case 'UPDATE_CONTACT_FIELD':
      return {
        description: withExamples(
          `Save the contact's "${action.details.contactFieldId}" (${action.details.description}) when the contact tells it.`,
          action.details.contactUpdateExamples,
        ),
        parameters: oneString('value', `The new value of ${action.details.contactFieldId}`),
      };
    case 'APPOINTMENT_BOOKING':
      return action.details.onlySendLink
        ? {
            description: `Get the booking link to send when the contact wants an appointment (${action.name}).`,
            parameters: noArguments,
          }
        : {
            description: `Book an appointment (${action.name}) once the contact agreed on a time.`,
            parameters: {
              type: 'object',
              properties: {
                startTime: { type: 'string', description: 'Start of the appointment, ISO 8601 with offset' },
                notes: { type: 'string', description: 'What the appointment is about' },
              },
              required: ['startTime'],
              additionalProperties: false,
            },
          };
    case 'STOP_BOT':
      return {
        description: withExamples(
          `End the conversation when: ${action.details.stopBotTriggerCondition}`,
          action.details.stopBotExamples,
        ),
        parameters: noArguments,
      };
    case 'HUMAN_HAND_OVER':
      return {
        description: withExamples(
          `Hand the conversation to a human when: ${action.details.triggerCondition}`,
          action.details.examples,
        ),
        parameters: oneString('reason', 'Why a human should take over', false),
      };
    case 'ADVANCED_FOLLOWUP':
      return {
        description:
          action.details.scenarioId === 'contactIsBusy'
            ? 'Schedule follow-ups when the contact is busy now.'
            : 'Schedule follow-ups when the contact asks to be contacted later.',
        parameters: noArguments,
      };
    case 'TRANSFER_BOT':
      return {
        description: withExamples(
          `Transfer the conversation to another agent${action.details.transferBotTriggerCondition ? ` when: ${action.details.transferBotTriggerCondition}` : ''}.`,
          action.details.transferBotExamples,
        ),
        parameters: noArguments,
      };
  }
}

export function agentTools(actions: AgentAction[]): AgentTool[] {
  return actions.filter(isOffered).map((action) => ({ name: toolName(action), ...describe(action) }));
}

export function actionForTool(actions: AgentAction[], name: string): AgentAction | undefined {
  return actions.find((action) => toolName(action) === name);
}
