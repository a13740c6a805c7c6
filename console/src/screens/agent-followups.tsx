/**
 * The follow-up settings of an agent's ADVANCED_FOLLOWUP actions (seed 004's PATCH
 * …/followup-settings): dynamic channel switching, and whether follow-ups wait for the working hours,
 * by day of the week, in the contact's or the location's time zone. Checked with the API's own schema.
 */
import { useState } from 'preact/hooks';
import { updateFollowupSettingsSchema } from '../../../src/domain/agent-schemas';
import { api, call, type Schemas } from '../api/client';
import { useAction } from '../api/hooks';
import { ErrorMessage } from '../components/error-message';
import { FieldProblem, FormProblems, problemsOf, type Problems } from '../components/form-problems';
import { Progress } from '../components/progress';
import type { AgentAction } from './agent-actions';
import { conversationAiHeader } from './agents-api';

type Settings = Schemas['UpdateFollowupSettingsDTO']['followupSettings'];
type Zone = 'contact' | 'location';

/** Day 0 is Sunday (seed 004); the week is shown from Monday. */
const days = [1, 2, 3, 4, 5, 6, 0] as const;
const dayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

interface IntervalDraft {
  from: string;
  until: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const timeOf = (hour: number, minute: number) => `${pad(hour % 24)}:${pad(minute)}`;

/** `HH:MM` as hour and minute; an end of 00:00 is midnight, the end of the day (24:00). */
function parseTime(text: string, end: boolean): { hour: number; minute: number } {
  const [hour, minute] = text.split(':').map(Number);
  if (hour === undefined || minute === undefined || Number.isNaN(hour) || Number.isNaN(minute))
    return { hour: Number.NaN, minute: Number.NaN };
  return end && hour === 0 && minute === 0 ? { hour: 24, minute: 0 } : { hour, minute };
}

/** The settings stored on an action (the API keeps them in its details), or the defaults. */
function storedSettings(action: AgentAction | undefined): Settings {
  const stored = action?.details.followupSettings as Settings | undefined;
  return (
    stored ?? { dynamicChannelSwitching: false, followUpHours: false, workingHours: [], timezoneToUse: 'location' }
  );
}

export function FollowupSettings({
  agentId,
  actions,
  canWrite,
  onSaved,
}: {
  agentId: string;
  actions: readonly AgentAction[];
  canWrite: boolean;
  onSaved: () => void;
}) {
  const followups = actions.filter((action) => action.type === 'ADVANCED_FOLLOWUP');
  const initial = storedSettings(followups[0]);
  const [actionIds, setActionIds] = useState<string[]>(() => followups.map((action) => action.id));
  const [switching, setSwitching] = useState(initial.dynamicChannelSwitching);
  const [hoursOnly, setHoursOnly] = useState(initial.followUpHours);
  const [zone, setZone] = useState<Zone>(initial.timezoneToUse === 'contact' ? 'contact' : 'location');
  const [hours, setHours] = useState<Record<number, IntervalDraft[]>>(() =>
    Object.fromEntries(
      initial.workingHours.map((day) => [
        day.dayOfTheWeek,
        day.intervals.map((i) => ({ from: timeOf(i.startHour, i.startMinute), until: timeOf(i.endHour, i.endMinute) })),
      ]),
    ),
  );
  const [problems, setProblems] = useState<Problems>({});
  const saving = useAction(async (body: Schemas['UpdateFollowupSettingsDTO']) => {
    const saved = await call(
      api.PATCH('/conversation-ai/agents/{agentId}/followup-settings', {
        params: { header: conversationAiHeader, path: { agentId } },
        body,
      }),
    );
    onSaved();
    return saved;
  });

  if (followups.length === 0) {
    return (
      <section class="panel" aria-labelledby="followup-heading">
        <h2 id="followup-heading">Follow-up settings</h2>
        <p class="muted">Add a “Follow up” (ADVANCED_FOLLOWUP) action to choose when its follow-ups go out.</p>
      </section>
    );
  }

  const setDay = (day: number, intervals: IntervalDraft[]) => setHours({ ...hours, [day]: intervals });
  const body = (): Schemas['UpdateFollowupSettingsDTO'] => ({
    actionIds,
    followupSettings: {
      dynamicChannelSwitching: switching,
      followUpHours: hoursOnly,
      timezoneToUse: zone,
      workingHours: days
        .filter((day) => (hours[day] ?? []).length > 0)
        .map((day) => ({
          dayOfTheWeek: day,
          intervals: hours[day]!.map((interval) => {
            const start = parseTime(interval.from, false);
            const end = parseTime(interval.until, true);
            return { startHour: start.hour, startMinute: start.minute, endHour: end.hour, endMinute: end.minute };
          }),
        })),
    },
  });
  /** A problem of `followupSettings.workingHours.<i>.intervals.<j>` under the interval's own fields. */
  const intervalProblem = (day: number, index: number) => {
    const position = body().followupSettings.workingHours.findIndex((entry) => entry.dayOfTheWeek === day);
    const prefix = `followupSettings.workingHours.${position}.intervals.${index}.`;
    return Object.entries(problems)
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, message]) => `${key.slice(prefix.length).replace(/Hour|Minute/, '')}: ${message}`)
      .join('; ');
  };
  const problemLabels = Object.fromEntries(
    Object.keys(problems).map((key) => {
      const match = /^followupSettings\.workingHours\.(\d+)\.intervals\.(\d+)\./.exec(key);
      const day = match ? body().followupSettings.workingHours[Number(match[1])]?.dayOfTheWeek : undefined;
      return [
        key,
        day !== undefined ? `${dayNames[day]}, hours ${Number(match![2]) + 1}` : key === 'actionIds' ? 'Apply to' : key,
      ];
    }),
  );

  return (
    <section class="panel" aria-labelledby="followup-heading">
      <h2 id="followup-heading">Follow-up settings</h2>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const value = body();
          const checked = updateFollowupSettingsSchema.safeParse(value);
          if (!checked.success) {
            setProblems(problemsOf(checked.error.issues));
            return;
          }
          setProblems({});
          void saving.run(value);
        }}
      >
        <fieldset class="plain" disabled={!canWrite}>
          <legend class="visually-hidden">Follow-up settings</legend>
          <fieldset class="field">
            <legend>Apply to</legend>
            {followups.map((action) => (
              <label class="inline" key={action.id}>
                <input
                  type="checkbox"
                  checked={actionIds.includes(action.id)}
                  onChange={(event) =>
                    setActionIds(
                      event.currentTarget.checked
                        ? [...actionIds, action.id]
                        : actionIds.filter((id) => id !== action.id),
                    )
                  }
                />
                {action.name}
              </label>
            ))}
            <FieldProblem id="followup-actionIds" problems={problems} field="actionIds" />
          </fieldset>
          <label class="inline">
            <input
              type="checkbox"
              checked={switching}
              onChange={(event) => setSwitching(event.currentTarget.checked)}
            />
            Switch channels dynamically
          </label>
          <label class="inline">
            <input
              type="checkbox"
              checked={hoursOnly}
              onChange={(event) => setHoursOnly(event.currentTarget.checked)}
            />
            Send follow-ups only in working hours
          </label>
          <div class="field">
            <label for="followup-zone">Time zone of the working hours</label>
            <select id="followup-zone" value={zone} onChange={(event) => setZone(event.currentTarget.value as Zone)}>
              <option value="location">The location’s (the channel account’s time zone)</option>
              <option value="contact">The contact’s (else the channel account’s)</option>
            </select>
          </div>
          <fieldset class="field working-hours">
            <legend>Working hours</legend>
            <p class="hint">A day without hours is closed. An end of 00:00 is midnight.</p>
            {days.map((day) => {
              const intervals = hours[day] ?? [];
              const name = dayNames[day];
              return (
                <div class="day" key={day} data-day={day}>
                  <strong>{name}</strong>
                  {intervals.length === 0 && <span class="muted"> closed</span>}
                  {intervals.map((interval, index) => {
                    const id = `hours-${day}-${index}`;
                    const change = (patch: Partial<IntervalDraft>) =>
                      setDay(
                        day,
                        intervals.map((item, i) => (i === index ? { ...item, ...patch } : item)),
                      );
                    const problem = intervalProblem(day, index);
                    return (
                      <div class="interval" key={index}>
                        <label for={`${id}-from`}>
                          <span class="visually-hidden">
                            {name} {index + 1}{' '}
                          </span>
                          from
                        </label>
                        <input
                          id={`${id}-from`}
                          type="time"
                          value={interval.from}
                          onInput={(event) => change({ from: event.currentTarget.value })}
                          aria-invalid={problem !== ''}
                          aria-describedby={`${id}-problem`}
                        />
                        <label for={`${id}-until`}>
                          <span class="visually-hidden">
                            {name} {index + 1}{' '}
                          </span>
                          until
                        </label>
                        <input
                          id={`${id}-until`}
                          type="time"
                          value={interval.until}
                          onInput={(event) => change({ until: event.currentTarget.value })}
                          aria-invalid={problem !== ''}
                          aria-describedby={`${id}-problem`}
                        />
                        <button
                          type="button"
                          class="secondary"
                          onClick={() =>
                            setDay(
                              day,
                              intervals.filter((_, i) => i !== index),
                            )
                          }
                        >
                          Remove {name} {index + 1}
                        </button>
                        <p id={`${id}-problem`} class="field-problem">
                          {problem}
                        </p>
                      </div>
                    );
                  })}
                  <button
                    type="button"
                    class="secondary"
                    onClick={() => setDay(day, [...intervals, { from: '09:00', until: '17:00' }])}
                  >
                    Add hours on {name}
                  </button>
                </div>
              );
            })}
          </fieldset>
        </fieldset>
        <FormProblems problems={problems} labels={problemLabels} />
        {canWrite && (
          <div class="buttons">
            <button type="submit" disabled={saving.pending}>
              Save follow-up settings
            </button>
          </div>
        )}
        {saving.pending && <Progress label="Saving the follow-up settings…" />}
        {saving.result && !saving.pending && <p role="status">Follow-up settings saved.</p>}
        <ErrorMessage error={saving.error} />
      </form>
    </section>
  );
}
