/**
 * The account fields Settings → Channels checks before anything is sent, with the API's own schemas
 * (imported, not restated): how replies are typed (every account).
 */
import { SplitMessages, TypingMsPerCharacter } from '../../../src/domain/channel-account-schemas';
import { MAX_TYPING_MS_PER_CHARACTER } from '../../../src/domain/typing';
import type { Schemas } from '../api/client';
import { FieldProblem, problemAttributes, type Problems } from '../components/form-problems';
import { inputValue } from './channels-webhooks';

type Account = Schemas['ChannelAccount'];

/** The typing settings as the form holds them: the pace as typed ('' = the service's default pace). */
export interface TypingDraft {
  split: boolean;
  pace: string;
}

export const typingDraftOf = (account?: Account): TypingDraft => ({
  split: account?.split_messages ?? false,
  pace: account?.typing_ms_per_character == null ? '' : String(account.typing_ms_per_character),
});

/** The draft as the API takes it; an unreadable pace stays a value the schema refuses (NaN), never a default. */
export const typingOf = (draft: TypingDraft) => ({
  split_messages: draft.split,
  typing_ms_per_character: draft.pace.trim() === '' ? null : Number(draft.pace),
});

/** What the typing fields must satisfy: the API's schemas for `split_messages` and `typing_ms_per_character`. */
export const typingChecks = { split_messages: SplitMessages, typing_ms_per_character: TypingMsPerCharacter };

export const typingLabels = {
  split_messages: 'Split replies into one message per paragraph',
  typing_ms_per_character: 'Typing pace (ms per character)',
};

/** Split replies and typing pace, with what each means. */
export function TypingFields(props: {
  idPrefix: string;
  draft: TypingDraft;
  problems: Problems;
  onChange: (draft: TypingDraft) => void;
}) {
  const { idPrefix, draft, problems } = props;
  const paceId = `${idPrefix}-pace`;
  return (
    <fieldset class="typing">
      <legend>Human-like typing</legend>
      <label class="inline">
        <input
          type="checkbox"
          checked={draft.split}
          aria-describedby={`${idPrefix}-typing-hint`}
          onChange={(event) => props.onChange({ ...draft, split: event.currentTarget.checked })}
        />
        {typingLabels.split_messages}
      </label>
      <div class="field">
        <label for={paceId}>{typingLabels.typing_ms_per_character}</label>
        <input
          id={paceId}
          type="number"
          inputMode="numeric"
          min={0}
          max={MAX_TYPING_MS_PER_CHARACTER}
          step={1}
          placeholder="Service default"
          value={draft.pace}
          onInput={inputValue((pace) => props.onChange({ ...draft, pace }))}
          {...problemAttributes(paceId, problems, 'typing_ms_per_character', `${idPrefix}-typing-hint`)}
        />
        <FieldProblem id={paceId} problems={problems} field="typing_ms_per_character" />
      </div>
      <p id={`${idPrefix}-typing-hint`} class="hint">
        Splitting sends a reply’s paragraphs (text between blank lines) as separate messages, each after its own
        “typing…”. The pace is how long “typing…” shows per character of each message, 0 to{' '}
        {MAX_TYPING_MS_PER_CHARACTER} ms, capped by the service’s longest typing time; leave it empty for the service’s
        default pace. An agent’s own typing settings win over the account’s.
      </p>
    </fieldset>
  );
}
