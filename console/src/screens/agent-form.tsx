/**
 * An agent's own settings (seed 004), to create one or change it. The form checks what it would send
 * with the API's own schema (src/domain/agent-schemas.ts: the documented bounds, such as a wait of at
 * most 300 seconds or 5 minutes) and sends nothing the API would refuse; what only the API can know
 * (another primary agent on the channel) comes back as its error, in words.
 */
import { useState } from 'preact/hooks';
import {
  agentChannels,
  agentModes,
  autoPilotMaxMessagesBounds,
  createAgentSchema,
  maxSleepTime,
  maxWaitTime,
  sleepTimeUnits,
  waitTimeUnits,
} from '../../../src/domain/agent-schemas';
import { MAX_TYPING_MS_PER_CHARACTER } from '../../../src/domain/typing';
import { api, call, type Schemas } from '../api/client';
import { useAction } from '../api/hooks';
import { ErrorMessage } from '../components/error-message';
import { FieldProblem, FormProblems, problemAttributes, problemsOf, type Problems } from '../components/form-problems';
import { Progress } from '../components/progress';
import { inputValue } from './channels-webhooks';
import { conversationAiHeader } from './agents-api';

export type Agent = Schemas['EmployeeResponseDTO'];
type AgentBody = Schemas['CreateEmployeeDto'] & Schemas['UpdateEmployeeDto'];
type KnowledgeBase = Schemas['KnowledgeBase'];
type WaitUnit = (typeof waitTimeUnits)[number];
type SleepUnit = (typeof sleepTimeUnits)[number];

/** The form's values as typed: numbers stay text until sent, so a half-typed value is not lost. */
interface Draft {
  name: string;
  businessName: string;
  mode: Agent['mode'];
  channels: Agent['channels'];
  isPrimary: boolean;
  waitTime: string;
  waitTimeUnit: WaitUnit;
  sleepEnabled: boolean;
  sleepTime: string;
  sleepTimeUnit: SleepUnit;
  personality: string;
  goal: string;
  instructions: string;
  autoPilotMaxMessages: string;
  knowledgeBaseIds: string[];
  respondToImages: boolean;
  respondToAudio: boolean;
  sleepOnManualMessage: boolean;
  sleepOnWorkflowMessage: boolean;
  splitMessages: '' | 'true' | 'false';
  typingMsPerCharacter: string;
}

const draftOf = (agent: Agent | null, firstAgent: boolean): Draft => ({
  name: agent?.name ?? '',
  businessName: agent?.businessName ?? '',
  mode: agent?.mode ?? 'OFF',
  channels: agent?.channels ?? [],
  // The API makes an organization's first agent primary; the form says so up front.
  isPrimary: agent?.isPrimary ?? firstAgent,
  waitTime: String(agent?.waitTime ?? 0),
  waitTimeUnit: agent?.waitTimeUnit ?? 'SECONDS',
  sleepEnabled: agent?.sleepEnabled ?? false,
  sleepTime: agent?.sleepTime == null ? '' : String(agent.sleepTime),
  sleepTimeUnit: agent?.sleepTimeUnit ?? 'HOURS',
  personality: agent?.personality ?? '',
  goal: agent?.goal ?? '',
  instructions: agent?.instructions ?? '',
  autoPilotMaxMessages: String(agent?.autoPilotMaxMessages ?? 25),
  knowledgeBaseIds: agent?.knowledgeBaseIds ?? [],
  respondToImages: agent?.respondToImages ?? false,
  respondToAudio: agent?.respondToAudio ?? false,
  sleepOnManualMessage: agent?.sleepOnManualMessage ?? false,
  sleepOnWorkflowMessage: agent?.sleepOnWorkflowMessage ?? false,
  splitMessages: agent?.splitMessages == null ? '' : agent.splitMessages ? 'true' : 'false',
  typingMsPerCharacter: agent?.typingMsPerCharacter == null ? '' : String(agent.typingMsPerCharacter),
});

/** A typed number, or undefined when empty (the schema then says it is required, where it is). */
const numberOf = (text: string) => (text.trim() === '' ? undefined : Number(text));

/** The whole agent, every field: a create and a change send the same body, checked the same way. */
function bodyOf(draft: Draft): AgentBody {
  const sleepTime = numberOf(draft.sleepTime);
  return {
    name: draft.name,
    businessName: draft.businessName.trim() || null,
    mode: draft.mode,
    channels: draft.channels,
    isPrimary: draft.isPrimary,
    waitTime: numberOf(draft.waitTime),
    waitTimeUnit: draft.waitTimeUnit,
    sleepEnabled: draft.sleepEnabled,
    // No sleep time: both null, an indefinite sleep (until a human resumes the bot).
    sleepTime: sleepTime ?? null,
    sleepTimeUnit: sleepTime === undefined ? null : draft.sleepTimeUnit,
    personality: draft.personality,
    goal: draft.goal,
    instructions: draft.instructions,
    autoPilotMaxMessages: numberOf(draft.autoPilotMaxMessages) as number,
    knowledgeBaseIds: draft.knowledgeBaseIds,
    respondToImages: draft.respondToImages,
    respondToAudio: draft.respondToAudio,
    sleepOnManualMessage: draft.sleepOnManualMessage,
    sleepOnWorkflowMessage: draft.sleepOnWorkflowMessage,
    splitMessages: draft.splitMessages === '' ? null : draft.splitMessages === 'true',
    typingMsPerCharacter: numberOf(draft.typingMsPerCharacter) ?? null,
  };
}

const labels: Record<string, string> = {
  name: 'Name',
  businessName: 'Business name',
  mode: 'Mode',
  channels: 'Channels',
  waitTime: 'Wait before answering',
  sleepTime: 'Sleep time',
  sleepTimeUnit: 'Sleep time unit',
  personality: 'Personality',
  goal: 'Goal',
  instructions: 'Instructions',
  autoPilotMaxMessages: 'Auto-pilot messages before a human',
  typingMsPerCharacter: 'Typing time per character (ms)',
};

const modeLabels: Record<Agent['mode'], string> = {
  OFF: 'Off (answers nothing)',
  SUGGESTIVE: 'Suggestive (a human approves each reply)',
  AUTO_PILOT: 'Auto-pilot (answers on its own)',
};

const unitWords = (maxima: Record<string, number>) =>
  Object.entries(maxima)
    .map(([unit, max]) => `${max} ${unit.toLowerCase()}`)
    .join(' or ');

const toggles = [
  ['respondToImages', 'Answer images'],
  ['respondToAudio', 'Answer audio'],
  ['sleepOnManualMessage', 'Sleep when a human sends a message'],
  ['sleepOnWorkflowMessage', 'Sleep when a workflow sends a message'],
] as const;

export function AgentForm({
  agent,
  firstAgent,
  knowledgeBases,
  canWrite,
  onSaved,
}: {
  /** null: a new agent. */
  agent: Agent | null;
  firstAgent: boolean;
  knowledgeBases: readonly KnowledgeBase[];
  canWrite: boolean;
  onSaved: (agent: Agent) => void;
}) {
  const [draft, setDraft] = useState(() => draftOf(agent, firstAgent));
  const [problems, setProblems] = useState<Problems>({});
  const saving = useAction(async (body: AgentBody) => {
    const saved = agent
      ? await call(
          api.PUT('/conversation-ai/agents/{agentId}', {
            params: { header: conversationAiHeader, path: { agentId: agent.id } },
            body,
          }),
        )
      : await call(api.POST('/conversation-ai/agents', { params: { header: conversationAiHeader }, body }));
    onSaved(saved);
    return saved;
  });
  const set =
    <K extends keyof Draft>(field: K) =>
    (value: Draft[K]) =>
      setDraft((previous) => ({ ...previous, [field]: value }));
  const id = (field: string) => `agent-${field}`;
  const attributes = (field: string, hint?: boolean) =>
    problemAttributes(id(field), problems, field, hint ? `${id(field)}-hint` : undefined);
  const toggleIn = <T,>(list: readonly T[], value: T, on: boolean) =>
    on ? [...list, value] : list.filter((item) => item !== value);

  const submit = (event: Event) => {
    event.preventDefault();
    const body = bodyOf(draft);
    // The API's own schema, bounds included: what it would refuse is said here and not sent.
    const checked = createAgentSchema.safeParse(body);
    if (!checked.success) {
      setProblems(problemsOf(checked.error.issues));
      return;
    }
    setProblems({});
    void saving.run(body);
  };

  const text = (field: 'name' | 'businessName', label: string) => (
    <div class="field">
      <label for={id(field)}>{label}</label>
      <input id={id(field)} value={draft[field]} onInput={inputValue(set(field))} {...attributes(field)} />
      <FieldProblem id={id(field)} problems={problems} field={field} />
    </div>
  );
  const longText = (field: 'personality' | 'goal' | 'instructions', rows: number) => (
    <div class="field">
      <label for={id(field)}>{labels[field]}</label>
      <textarea
        id={id(field)}
        rows={rows}
        value={draft[field]}
        onInput={inputValue(set(field))}
        {...attributes(field)}
      />
      <FieldProblem id={id(field)} problems={problems} field={field} />
    </div>
  );

  return (
    <form class="agent-form" noValidate onSubmit={submit}>
      <fieldset class="plain" disabled={!canWrite}>
        <legend class="visually-hidden">{agent ? `Settings of ${agent.name}` : 'The new agent'}</legend>
        {text('name', 'Name')}
        {text('businessName', 'Business name (optional)')}
        <div class="field">
          <label for={id('mode')}>Mode</label>
          <select
            id={id('mode')}
            value={draft.mode}
            onChange={inputValue((value) => set('mode')(value as Draft['mode']))}
          >
            {agentModes.map((mode) => (
              <option key={mode} value={mode}>
                {modeLabels[mode]}
              </option>
            ))}
          </select>
        </div>
        <fieldset class="field">
          <legend>Channels</legend>
          <div class="choices">
            {agentChannels.map((channel) => (
              <label class="inline" key={channel}>
                <input
                  type="checkbox"
                  checked={draft.channels.includes(channel)}
                  onChange={(event) => set('channels')(toggleIn(draft.channels, channel, event.currentTarget.checked))}
                />
                {channel.replace('_', ' ')}
              </label>
            ))}
          </div>
          <label class="inline">
            <input
              type="checkbox"
              checked={draft.isPrimary}
              onChange={(event) => set('isPrimary')(event.currentTarget.checked)}
            />
            Primary agent of these channels (answers their new conversations)
          </label>
          <FieldProblem id={id('channels')} problems={problems} field="channels" />
        </fieldset>
        <div class="field">
          <label for={id('waitTime')}>{labels.waitTime}</label>
          <div class="with-unit">
            <input
              id={id('waitTime')}
              type="number"
              min={0}
              max={maxWaitTime[draft.waitTimeUnit]}
              value={draft.waitTime}
              onInput={inputValue(set('waitTime'))}
              {...attributes('waitTime', true)}
            />
            <select
              aria-label="Wait time unit"
              value={draft.waitTimeUnit}
              onChange={inputValue((value) => set('waitTimeUnit')(value as WaitUnit))}
            >
              {waitTimeUnits.map((unit) => (
                <option key={unit} value={unit}>
                  {unit.toLowerCase()}
                </option>
              ))}
            </select>
          </div>
          <p id={`${id('waitTime')}-hint`} class="hint">
            How long the conversation must be quiet before the agent answers: at most {unitWords(maxWaitTime)}.
          </p>
          <FieldProblem id={id('waitTime')} problems={problems} field="waitTime" />
        </div>
        <fieldset class="field">
          <legend>Sleep</legend>
          <label class="inline">
            <input
              type="checkbox"
              checked={draft.sleepEnabled}
              onChange={(event) => set('sleepEnabled')(event.currentTarget.checked)}
            />
            Sleep after a human or a workflow writes
          </label>
          <label for={id('sleepTime')}>{labels.sleepTime}</label>
          <div class="with-unit">
            <input
              id={id('sleepTime')}
              type="number"
              min={0}
              max={maxSleepTime[draft.sleepTimeUnit]}
              value={draft.sleepTime}
              onInput={inputValue(set('sleepTime'))}
              {...attributes('sleepTime', true)}
            />
            <select
              aria-label="Sleep time unit"
              value={draft.sleepTimeUnit}
              onChange={inputValue((value) => set('sleepTimeUnit')(value as SleepUnit))}
            >
              {sleepTimeUnits.map((unit) => (
                <option key={unit} value={unit}>
                  {unit.toLowerCase()}
                </option>
              ))}
            </select>
          </div>
          <p id={`${id('sleepTime')}-hint`} class="hint">
            At most {unitWords(maxSleepTime)}; empty: until a human resumes the bot.
          </p>
          <FieldProblem id={id('sleepTime')} problems={problems} field="sleepTime" />
          <FieldProblem id={id('sleepTimeUnit')} problems={problems} field="sleepTimeUnit" />
          {toggles.slice(2).map(([field, label]) => (
            <label class="inline" key={field}>
              <input
                type="checkbox"
                checked={draft[field]}
                onChange={(event) => set(field)(event.currentTarget.checked)}
              />
              {label}
            </label>
          ))}
        </fieldset>
        {longText('personality', 2)}
        {longText('goal', 2)}
        {longText('instructions', 5)}
        <div class="field">
          <label for={id('autoPilotMaxMessages')}>{labels.autoPilotMaxMessages}</label>
          <input
            id={id('autoPilotMaxMessages')}
            type="number"
            min={autoPilotMaxMessagesBounds.min}
            max={autoPilotMaxMessagesBounds.max}
            value={draft.autoPilotMaxMessages}
            onInput={inputValue(set('autoPilotMaxMessages'))}
            {...attributes('autoPilotMaxMessages', true)}
          />
          <p id={`${id('autoPilotMaxMessages')}-hint`} class="hint">
            From {autoPilotMaxMessagesBounds.min} to {autoPilotMaxMessagesBounds.max} AI messages in a row, then a human
            takes over.
          </p>
          <FieldProblem id={id('autoPilotMaxMessages')} problems={problems} field="autoPilotMaxMessages" />
        </div>
        <fieldset class="field">
          <legend>Knowledge bases</legend>
          {knowledgeBases.length === 0 && <p class="muted">None yet: add one under Knowledge bases.</p>}
          <div class="choices">
            {knowledgeBases.map((knowledgeBase) => (
              <label class="inline" key={knowledgeBase.id}>
                <input
                  type="checkbox"
                  checked={draft.knowledgeBaseIds.includes(knowledgeBase.id)}
                  onChange={(event) =>
                    set('knowledgeBaseIds')(
                      toggleIn(draft.knowledgeBaseIds, knowledgeBase.id, event.currentTarget.checked),
                    )
                  }
                />
                {knowledgeBase.name}
              </label>
            ))}
          </div>
          <FieldProblem id={id('knowledgeBaseIds')} problems={problems} field="knowledgeBaseIds" />
        </fieldset>
        <fieldset class="field">
          <legend>Media and typing</legend>
          {toggles.slice(0, 2).map(([field, label]) => (
            <label class="inline" key={field}>
              <input
                type="checkbox"
                checked={draft[field]}
                onChange={(event) => set(field)(event.currentTarget.checked)}
              />
              {label}
            </label>
          ))}
          <label for={id('splitMessages')}>Split replies on blank lines</label>
          <select
            id={id('splitMessages')}
            value={draft.splitMessages}
            onChange={inputValue((value) => set('splitMessages')(value as Draft['splitMessages']))}
          >
            <option value="">as the channel account says</option>
            <option value="true">yes</option>
            <option value="false">no</option>
          </select>
          <label for={id('typingMsPerCharacter')}>{labels.typingMsPerCharacter}</label>
          <input
            id={id('typingMsPerCharacter')}
            type="number"
            min={0}
            max={MAX_TYPING_MS_PER_CHARACTER}
            value={draft.typingMsPerCharacter}
            onInput={inputValue(set('typingMsPerCharacter'))}
            {...attributes('typingMsPerCharacter', true)}
          />
          <p id={`${id('typingMsPerCharacter')}-hint`} class="hint">
            0 to {MAX_TYPING_MS_PER_CHARACTER}; empty: as the channel account says.
          </p>
          <FieldProblem id={id('typingMsPerCharacter')} problems={problems} field="typingMsPerCharacter" />
        </fieldset>
      </fieldset>
      <FormProblems problems={problems} labels={labels} />
      {canWrite && (
        <div class="buttons">
          <button type="submit" disabled={saving.pending}>
            {agent ? 'Save agent' : 'Create agent'}
          </button>
        </div>
      )}
      {saving.pending && <Progress label={agent ? 'Saving the agent…' : 'Creating the agent…'} />}
      {saving.result && !saving.pending && <p role="status">{agent ? 'Agent saved.' : 'Agent created.'}</p>}
      <ErrorMessage error={saving.error} />
    </form>
  );
}
