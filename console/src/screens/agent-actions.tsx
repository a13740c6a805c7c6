/**
 * An agent's actions (seed 004): the seven types, each with the fields of its `details`. A form
 * checks the action with the API's own schema (`actionInputSchema`: required fields, the follow-up
 * delays' maxima, fields that depend on each other) and sends nothing it would refuse.
 */
import { useState } from 'preact/hooks';
import { actionDetailsSchemas, actionInputSchema, actionTypes, delayUnits } from '../../../src/domain/agent-schemas';
import { api, call, type Schemas } from '../api/client';
import { useAction } from '../api/hooks';
import { ErrorMessage } from '../components/error-message';
import { FieldProblem, FormProblems, problemAttributes, problemsOf, type Problems } from '../components/form-problems';
import { Progress } from '../components/progress';
import { conversationAiHeader } from './agents-api';

export type AgentAction = Schemas['ActionDataDTO'];
type ActionType = AgentAction['type'];
type Calendar = Schemas['Calendar'];
type AgentSummary = { id: string; name: string };

/** A follow-up step as typed. */
interface StepDraft {
  followupTime: string;
  followupTimeUnit: string;
  aiEnabledMessage: boolean;
  customMessage: string;
  triggerWorkflow: boolean;
  workflowId: string;
}
type Draft = Record<string, string | boolean | StepDraft[]>;

type FieldSpec = {
  key: string;
  label: string;
  /** Shown only when this holds (a sleep time only when sleeping after booking). */
  when?: (draft: Draft) => boolean;
  /** Left out of `details` when empty. */
  optional?: boolean;
} & (
  | { kind: 'text' | 'textarea' | 'lines' | 'number'; initial?: string }
  | { kind: 'boolean'; initial: boolean }
  | { kind: 'select'; options: readonly string[] }
  | { kind: 'calendar' | 'agent' }
  | { kind: 'steps' }
);

const on = (key: string) => (draft: Draft) => draft[key] === true;
const sleepFields = (when: string): FieldSpec[] => [
  { key: 'sleepTime', label: 'Sleep time', kind: 'number', optional: true, when: on(when) },
  { key: 'sleepTimeUnit', label: 'Sleep time unit', kind: 'select', options: delayUnits, when: on(when) },
];

/** The fields of each type's `details`, in the order the form shows them. */
const actionFields: Record<ActionType, FieldSpec[]> = {
  TRIGGER_WORKFLOW: [
    { key: 'workflowIds', label: 'Workflow ids (one per line)', kind: 'lines' },
    { key: 'triggerCondition', label: 'When to trigger them', kind: 'textarea' },
    { key: 'triggerMessage', label: 'Message when triggered (optional)', kind: 'text', optional: true },
  ],
  UPDATE_CONTACT_FIELD: [
    { key: 'contactFieldId', label: 'Contact field (email, phone or a custom field)', kind: 'text' },
    { key: 'description', label: 'What the field holds', kind: 'textarea' },
    { key: 'contactUpdateExamples', label: 'Examples (one per line, optional)', kind: 'lines', optional: true },
  ],
  APPOINTMENT_BOOKING: [
    { key: 'calendarId', label: 'Calendar', kind: 'calendar' },
    { key: 'onlySendLink', label: 'Only send the booking page link', kind: 'boolean', initial: false },
    { key: 'rescheduleEnabled', label: 'May reschedule', kind: 'boolean', initial: true },
    { key: 'cancelEnabled', label: 'May cancel', kind: 'boolean', initial: true },
    { key: 'triggerWorkflow', label: 'Trigger workflows after booking', kind: 'boolean', initial: false },
    {
      key: 'workflowIds',
      label: 'Workflow ids (one per line)',
      kind: 'lines',
      optional: true,
      when: on('triggerWorkflow'),
    },
    { key: 'sleepAfterBooking', label: 'Sleep after booking', kind: 'boolean', initial: false },
    ...sleepFields('sleepAfterBooking'),
    { key: 'transferBot', label: 'Transfer to another agent after booking', kind: 'boolean', initial: false },
    { key: 'transferAgent', label: 'Agent to transfer to', kind: 'agent', optional: true, when: on('transferBot') },
  ],
  STOP_BOT: [
    {
      key: 'stopBotDetectionType',
      label: 'Detection',
      kind: 'select',
      options: actionDetailsSchemas.STOP_BOT.shape.stopBotDetectionType.options,
    },
    { key: 'stopBotTriggerCondition', label: 'When to stop', kind: 'textarea' },
    { key: 'stopBotExamples', label: 'Examples (one per line, at least two)', kind: 'lines' },
    { key: 'finalMessage', label: 'Final message', kind: 'textarea' },
    { key: 'tags', label: 'Tags (one per line, optional)', kind: 'lines', optional: true },
    { key: 'enabled', label: 'Enabled', kind: 'boolean', initial: true },
    { key: 'reactivateEnabled', label: 'Answer again after a sleep', kind: 'boolean', initial: false },
    ...sleepFields('reactivateEnabled'),
  ],
  HUMAN_HAND_OVER: [
    {
      key: 'handoverType',
      label: 'Hand over when',
      kind: 'select',
      options: actionDetailsSchemas.HUMAN_HAND_OVER.shape.handoverType.options,
    },
    { key: 'triggerCondition', label: 'Trigger condition', kind: 'textarea' },
    { key: 'examples', label: 'Examples (one per line)', kind: 'lines', optional: true },
    { key: 'finalMessage', label: 'Final message', kind: 'textarea' },
    { key: 'assignToUserId', label: 'Assign to user id (optional)', kind: 'text', optional: true },
    { key: 'tags', label: 'Tags (one per line, optional)', kind: 'lines', optional: true },
    { key: 'enabled', label: 'Enabled', kind: 'boolean', initial: true },
    { key: 'reactivateEnabled', label: 'Answer again after a sleep', kind: 'boolean', initial: false },
    ...sleepFields('reactivateEnabled'),
  ],
  ADVANCED_FOLLOWUP: [
    {
      key: 'scenarioId',
      label: 'Scenario',
      kind: 'select',
      options: actionDetailsSchemas.ADVANCED_FOLLOWUP.shape.scenarioId.options,
    },
    { key: 'enabled', label: 'Enabled', kind: 'boolean', initial: true },
    { key: 'followupSequence', label: 'Follow-ups', kind: 'steps' },
  ],
  TRANSFER_BOT: [
    {
      key: 'transferBotType',
      label: 'Transfer',
      kind: 'select',
      options: actionDetailsSchemas.TRANSFER_BOT.shape.transferBotType.options,
    },
    { key: 'transferToBot', label: 'Agent to transfer to', kind: 'agent' },
    {
      key: 'transferBotTriggerCondition',
      label: 'When to transfer (Custom)',
      kind: 'textarea',
      optional: true,
    },
    {
      key: 'transferBotExamples',
      label: 'Examples (one per line; Custom: at least two)',
      kind: 'lines',
      optional: true,
    },
    { key: 'enabled', label: 'Enabled', kind: 'boolean', initial: true },
  ],
};

export const actionTypeLabels: Record<ActionType, string> = {
  TRIGGER_WORKFLOW: 'Trigger a workflow',
  UPDATE_CONTACT_FIELD: 'Update a contact field',
  APPOINTMENT_BOOKING: 'Book an appointment',
  STOP_BOT: 'Stop the bot',
  HUMAN_HAND_OVER: 'Hand over to a human',
  ADVANCED_FOLLOWUP: 'Follow up',
  TRANSFER_BOT: 'Transfer to another agent',
};

const newStep = (): StepDraft => ({
  followupTime: '',
  followupTimeUnit: 'HOURS',
  aiEnabledMessage: true,
  customMessage: '',
  triggerWorkflow: false,
  workflowId: '',
});

/** A stored scalar as text ('' for none); the form's text fields hold only strings. */
const textOf = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

/** The form's values for `type`: an existing action's details, else each field's initial value. */
function draftOf(type: ActionType, details: Record<string, unknown> | null): Draft {
  const draft: Draft = {};
  for (const spec of actionFields[type]) {
    const value = details?.[spec.key];
    if (spec.kind === 'boolean') draft[spec.key] = typeof value === 'boolean' ? value : spec.initial;
    else if (spec.kind === 'lines') draft[spec.key] = Array.isArray(value) ? value.join('\n') : '';
    else if (spec.kind === 'select') draft[spec.key] = typeof value === 'string' ? value : spec.options[0]!;
    else if (spec.kind === 'steps')
      draft[spec.key] = Array.isArray(value)
        ? (value as Record<string, unknown>[]).map((step) => ({
            followupTime: textOf(step.followupTime),
            followupTimeUnit: textOf(step.followupTimeUnit) || 'HOURS',
            aiEnabledMessage: step.aiEnabledMessage === true,
            customMessage: textOf(step.customMessage),
            triggerWorkflow: step.triggerWorkflow === true,
            workflowId: textOf(step.workflowId),
          }))
        : [newStep()];
    else draft[spec.key] = textOf(value);
  }
  return draft;
}

/**
 * The `details` the form's values make. Details the form does not show (an ADVANCED_FOLLOWUP's
 * follow-up settings, set apart below) are kept as they are.
 */
function detailsOf(type: ActionType, draft: Draft, kept: Record<string, unknown>): Record<string, unknown> {
  const details: Record<string, unknown> = { ...kept };
  for (const spec of actionFields[type]) {
    delete details[spec.key];
    if (spec.when && !spec.when(draft)) continue;
    const value = draft[spec.key]!;
    if (spec.kind === 'boolean') details[spec.key] = value === true;
    else if (spec.kind === 'steps')
      details[spec.key] = (value as StepDraft[]).map((step, index) => ({
        id: index,
        followupTime: step.followupTime.trim() === '' ? undefined : Number(step.followupTime),
        followupTimeUnit: step.followupTimeUnit,
        aiEnabledMessage: step.aiEnabledMessage,
        triggerWorkflow: step.triggerWorkflow,
        ...(!step.aiEnabledMessage && step.customMessage.trim() ? { customMessage: step.customMessage } : {}),
        ...(step.triggerWorkflow && step.workflowId.trim() ? { workflowId: step.workflowId.trim() } : {}),
      }));
    else if (spec.kind === 'lines') {
      const lines = textOf(value)
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean);
      if (lines.length || !spec.optional) details[spec.key] = lines;
    } else {
      const text = textOf(value).trim();
      if (text === '' && spec.optional) continue;
      details[spec.key] = spec.kind === 'number' ? (text === '' ? undefined : Number(text)) : text;
    }
  }
  return details;
}

/** The follow-up steps of an ADVANCED_FOLLOWUP action: each a delay, and an AI or a written message. */
function Steps({
  idPrefix,
  steps,
  problems,
  onChange,
}: {
  idPrefix: string;
  steps: StepDraft[];
  problems: Problems;
  onChange: (steps: StepDraft[]) => void;
}) {
  const change = (index: number, patch: Partial<StepDraft>) =>
    onChange(steps.map((step, i) => (i === index ? { ...step, ...patch } : step)));
  return (
    <fieldset class="field steps">
      <legend>Follow-ups</legend>
      <FieldProblem id={`${idPrefix}-followupSequence`} problems={problems} field="followupSequence" />
      {steps.map((step, index) => {
        const id = (field: string) => `${idPrefix}-step-${index}-${field}`;
        const key = (field: string) => `followupSequence.${index}.${field}`;
        return (
          <div class="step" key={index}>
            <label for={id('followupTime')}>Follow-up {index + 1}: after</label>
            <div class="with-unit">
              <input
                id={id('followupTime')}
                type="number"
                min={0}
                value={step.followupTime}
                onInput={(event) => change(index, { followupTime: event.currentTarget.value })}
                {...problemAttributes(id('followupTime'), problems, key('followupTime'))}
              />
              <select
                aria-label={`Follow-up ${index + 1} unit`}
                value={step.followupTimeUnit}
                onChange={(event) => change(index, { followupTimeUnit: event.currentTarget.value })}
              >
                {delayUnits.map((unit) => (
                  <option key={unit} value={unit}>
                    {unit.toLowerCase()}
                  </option>
                ))}
              </select>
            </div>
            <FieldProblem id={id('followupTime')} problems={problems} field={key('followupTime')} />
            <label class="inline">
              <input
                type="checkbox"
                checked={step.aiEnabledMessage}
                onChange={(event) => change(index, { aiEnabledMessage: event.currentTarget.checked })}
              />
              Follow-up {index + 1}: the AI writes the message
            </label>
            {!step.aiEnabledMessage && (
              <>
                <label for={id('customMessage')}>Follow-up {index + 1}: message</label>
                <textarea
                  id={id('customMessage')}
                  rows={2}
                  value={step.customMessage}
                  onInput={(event) => change(index, { customMessage: event.currentTarget.value })}
                  {...problemAttributes(id('customMessage'), problems, key('customMessage'))}
                />
                <FieldProblem id={id('customMessage')} problems={problems} field={key('customMessage')} />
              </>
            )}
            <label class="inline">
              <input
                type="checkbox"
                checked={step.triggerWorkflow}
                onChange={(event) => change(index, { triggerWorkflow: event.currentTarget.checked })}
              />
              Follow-up {index + 1}: also trigger a workflow
            </label>
            {step.triggerWorkflow && (
              <>
                <label for={id('workflowId')}>Follow-up {index + 1}: workflow id</label>
                <input
                  id={id('workflowId')}
                  value={step.workflowId}
                  onInput={(event) => change(index, { workflowId: event.currentTarget.value })}
                  {...problemAttributes(id('workflowId'), problems, key('workflowId'))}
                />
                <FieldProblem id={id('workflowId')} problems={problems} field={key('workflowId')} />
              </>
            )}
            {steps.length > 1 && (
              <button type="button" class="secondary" onClick={() => onChange(steps.filter((_, i) => i !== index))}>
                Remove follow-up {index + 1}
              </button>
            )}
          </div>
        );
      })}
      <button type="button" class="secondary" onClick={() => onChange([...steps, newStep()])}>
        Add a follow-up
      </button>
    </fieldset>
  );
}

/** A new action, or a change of one: its type, name and the fields of its type. */
function ActionForm({
  agentId,
  action,
  calendars,
  agents,
  onDone,
  onCancel,
}: {
  agentId: string;
  action: AgentAction | null;
  calendars: readonly Calendar[];
  /** The agents a transfer may go to (not this one). */
  agents: readonly AgentSummary[];
  onDone: (saved: AgentAction) => void;
  onCancel?: () => void;
}) {
  const [type, setType] = useState<ActionType>(action?.type ?? 'TRIGGER_WORKFLOW');
  const [name, setName] = useState(action?.name ?? '');
  const [draft, setDraft] = useState<Draft>(() => draftOf(type, action?.details ?? null));
  const [problems, setProblems] = useState<Problems>({});
  const saving = useAction(async (body: Schemas['CreateActionDTO']) => {
    const params = { header: conversationAiHeader, path: { agentId } };
    const saved = action
      ? await call(
          api.PUT('/conversation-ai/agents/{agentId}/actions/{actionId}', {
            params: { ...params, path: { agentId, actionId: action.id } },
            body,
          }),
        )
      : await call(api.POST('/conversation-ai/agents/{agentId}/actions', { params, body }));
    onDone(saved.data);
    return saved;
  });
  const idPrefix = `action-${action?.id ?? 'new'}`;
  const id = (key: string) => `${idPrefix}-${key}`;
  const set = (key: string, value: Draft[string]) => setDraft((previous) => ({ ...previous, [key]: value }));
  const labels = Object.fromEntries(actionFields[type].map((spec) => [spec.key, spec.label]));

  const submit = (event: Event) => {
    event.preventDefault();
    // Details the form does not show are kept, unless the type changed (they belong to the old one).
    const kept = action && action.type === type ? action.details : {};
    const body = { type, name, details: detailsOf(type, draft, kept) };
    const checked = actionInputSchema.safeParse(body);
    if (!checked.success) {
      setProblems(problemsOf(checked.error.issues, 'details'));
      return;
    }
    setProblems({});
    void saving.run(body);
  };

  const control = (spec: FieldSpec) => {
    const value = draft[spec.key];
    const text = textOf(value);
    const attributes = problemAttributes(id(spec.key), problems, spec.key);
    switch (spec.kind) {
      case 'boolean':
        return (
          <label class="inline" key={spec.key}>
            <input
              type="checkbox"
              checked={value === true}
              onChange={(event) => set(spec.key, event.currentTarget.checked)}
            />
            {spec.label}
          </label>
        );
      case 'steps':
        return (
          <Steps
            key={spec.key}
            idPrefix={idPrefix}
            steps={value as StepDraft[]}
            problems={problems}
            onChange={(steps) => set(spec.key, steps)}
          />
        );
      default: {
        const onInput = (event: { currentTarget: { value: string } }) => set(spec.key, event.currentTarget.value);
        const choices =
          spec.kind === 'select'
            ? spec.options.map((option) => ({ value: option, label: option }))
            : spec.kind === 'calendar'
              ? calendars.map((calendar) => ({ value: calendar.id, label: calendar.name }))
              : spec.kind === 'agent'
                ? agents.map((agent) => ({ value: agent.id, label: agent.name }))
                : null;
        return (
          <div class="field" key={spec.key}>
            <label for={id(spec.key)}>{spec.label}</label>
            {choices ? (
              <select id={id(spec.key)} value={text} onChange={onInput} {...attributes}>
                {spec.kind !== 'select' && <option value="">(choose)</option>}
                {choices.map((choice) => (
                  <option key={choice.value} value={choice.value}>
                    {choice.label}
                  </option>
                ))}
              </select>
            ) : spec.kind === 'textarea' || spec.kind === 'lines' ? (
              <textarea
                id={id(spec.key)}
                rows={spec.kind === 'lines' ? 3 : 2}
                value={text}
                onInput={onInput}
                {...attributes}
              />
            ) : spec.kind === 'number' ? (
              <input id={id(spec.key)} type="number" min={0} value={text} onInput={onInput} {...attributes} />
            ) : (
              <input id={id(spec.key)} value={text} onInput={onInput} {...attributes} />
            )}
            {spec.kind === 'calendar' && calendars.length === 0 && (
              <p class="hint">No calendar yet: register one under Calendars.</p>
            )}
            <FieldProblem id={id(spec.key)} problems={problems} field={spec.key} />
          </div>
        );
      }
    }
  };

  return (
    <form class="action-form" noValidate onSubmit={submit}>
      <div class="field">
        <label for={id('type')}>Action type</label>
        <select
          id={id('type')}
          value={type}
          onChange={(event) => {
            const next = event.currentTarget.value as ActionType;
            setType(next);
            setDraft(draftOf(next, action?.type === next ? action.details : null));
            setProblems({});
          }}
        >
          {actionTypes.map((option) => (
            <option key={option} value={option}>
              {actionTypeLabels[option]} ({option})
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for={id('name')}>Action name</label>
        <input
          id={id('name')}
          value={name}
          onInput={(event) => setName(event.currentTarget.value)}
          {...problemAttributes(id('name'), problems, 'name')}
        />
        <FieldProblem id={id('name')} problems={problems} field="name" />
      </div>
      {actionFields[type].filter((spec) => !spec.when || spec.when(draft)).map(control)}
      <FormProblems problems={problems} labels={{ ...labels, name: 'Action name' }} />
      <div class="buttons">
        <button type="submit" disabled={saving.pending}>
          {action ? 'Save action' : 'Add action'}
        </button>
        {onCancel && (
          <button type="button" class="secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      {saving.pending && <Progress label={action ? 'Saving the action…' : 'Adding the action…'} />}
      <ErrorMessage error={saving.error} />
    </form>
  );
}

/** An action in the list, with its change and removal. */
function ActionRow({
  agentId,
  action,
  canWrite,
  onEdit,
  onRemoved,
}: {
  agentId: string;
  action: AgentAction;
  canWrite: boolean;
  onEdit: () => void;
  onRemoved: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const removing = useAction(async () => {
    await call(
      api.DELETE('/conversation-ai/agents/{agentId}/actions/{actionId}', {
        params: { header: conversationAiHeader, path: { agentId, actionId: action.id } },
      }),
    );
    onRemoved();
    return true;
  });
  return (
    <li data-action-type={action.type}>
      <div class="action-row">
        <span>
          <strong>{action.name}</strong> <span class="muted">{actionTypeLabels[action.type]}</span>
        </span>
        {canWrite && (
          <span class="buttons">
            <button type="button" class="secondary" onClick={onEdit}>
              Edit {action.name}
            </button>
            {confirming ? (
              <button type="button" class="danger" disabled={removing.pending} onClick={() => void removing.run()}>
                Really remove {action.name}
              </button>
            ) : (
              <button type="button" class="secondary" onClick={() => setConfirming(true)}>
                Remove {action.name}
              </button>
            )}
          </span>
        )}
      </div>
      {removing.pending && <Progress label={`Removing ${action.name}…`} />}
      <ErrorMessage error={removing.error} />
    </li>
  );
}

export function Actions({
  agentId,
  actions,
  calendars,
  agents,
  canWrite,
  onChanged,
}: {
  agentId: string;
  actions: readonly AgentAction[];
  calendars: readonly Calendar[];
  agents: readonly AgentSummary[];
  canWrite: boolean;
  onChanged: () => void;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  // A new form after each addition: the next action starts empty.
  const [added, setAdded] = useState<{ count: number; notice: string | null }>({ count: 0, notice: null });
  return (
    <section class="panel" aria-labelledby="actions-heading">
      <h2 id="actions-heading">Actions</h2>
      {actions.length === 0 && <p class="muted">No action yet: the agent only answers.</p>}
      <ul class="action-list" aria-label="Actions of the agent">
        {actions.map((action) =>
          editing === action.id ? (
            <li key={action.id} data-action-type={action.type}>
              <ActionForm
                agentId={agentId}
                action={action}
                calendars={calendars}
                agents={agents}
                onDone={() => {
                  setEditing(null);
                  onChanged();
                }}
                onCancel={() => setEditing(null)}
              />
            </li>
          ) : (
            <ActionRow
              key={action.id}
              agentId={agentId}
              action={action}
              canWrite={canWrite}
              onEdit={() => setEditing(action.id)}
              onRemoved={onChanged}
            />
          ),
        )}
      </ul>
      {canWrite && editing === null && (
        <section class="new-action" aria-labelledby="new-action-heading">
          <h3 id="new-action-heading">New action</h3>
          <ActionForm
            key={added.count}
            agentId={agentId}
            action={null}
            calendars={calendars}
            agents={agents}
            onDone={(saved) => {
              setAdded({ count: added.count + 1, notice: `Action ${saved.name} added.` });
              onChanged();
            }}
          />
          {added.notice && <p role="status">{added.notice}</p>}
        </section>
      )}
    </section>
  );
}
