/**
 * The account fields Settings → Channels checks before anything is sent, with the API's own schemas
 * (imported, not restated): how replies are typed (every account) and a native account's provider
 * settings, credentials write-only (an empty field keeps the stored secret, a value replaces it).
 */
import { z } from 'zod';
import { settingsChangeSchema, nativeSettings } from '../../../src/channels/settings';
import { SplitMessages, TypingMsPerCharacter } from '../../../src/domain/channel-account-schemas';
import { MAX_TYPING_MS_PER_CHARACTER } from '../../../src/domain/typing';
import type { Schemas } from '../api/client';
import { FieldProblem, problemAttributes, type Problems } from '../components/form-problems';
import { inputValue } from './channels-webhooks';

type Account = Schemas['ChannelAccount'];
export type NativeType = keyof typeof nativeSettings;

/** The account's provider, when it is a native one (its settings are named after its type). */
export const nativeTypeOf = (account: Account): NativeType | null =>
  account.type in nativeSettings ? (account.type as NativeType) : null;

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

/** Settings fields read as people say them; a field not listed here shows its API name. */
const fieldLabels: Record<string, string> = {
  phone_number_id: 'Phone number id',
  access_token: 'Access token',
  app_secret: 'App secret',
  verify_token: 'Verify token',
  api_base_url: 'API base URL',
  followup_template: 'Follow-up template',
  'followup_template.name': 'Template name',
  'followup_template.language': 'Template language',
  bot_token: 'Bot token',
  secret_token: 'Secret token',
  base_url: 'Base URL',
  account_id: 'Account id',
  webhook_secret: 'Webhook secret',
  instance: 'Instance',
  api_key: 'API key',
};
const labelOf = (path: string) => fieldLabels[path] ?? path;

type Draft = Record<string, string>;

/** A field's schema without its default, optional or nullable wrapper: what kind of value it takes. */
function innerOf(schema: z.ZodType): z.ZodType {
  let inner = schema;
  while (inner instanceof z.ZodDefault || inner instanceof z.ZodOptional || inner instanceof z.ZodNullable) {
    inner = inner.unwrap() as z.ZodType;
  }
  return inner;
}

const descriptionOf = (schema: z.ZodType): string | undefined =>
  schema.meta()?.description ?? innerOf(schema).meta()?.description;

interface Field {
  /** `bot_token`, `followup_template.name`: the key in the draft and in the problems (after the type). */
  path: string;
  /** Its key in its object: `bot_token`, `name`. */
  name: string;
  schema: z.ZodType;
  secret: boolean;
  /** A group's own fields (an object setting such as WhatsApp's follow-up template). */
  parts?: Field[];
}

function fieldsOf(type: NativeType): Field[] {
  const { schema, secretFields } = nativeSettings[type];
  return Object.entries(schema.shape as Record<string, z.ZodType>).map(([name, field]) => {
    const inner = innerOf(field);
    const parts =
      inner instanceof z.ZodObject
        ? Object.entries(inner.shape as Record<string, z.ZodType>).map(([part, partSchema]) => ({
            path: `${name}.${part}`,
            name: part,
            schema: partSchema,
            secret: false,
          }))
        : undefined;
    return { path: name, name, schema: field, secret: (secretFields as readonly string[]).includes(name), parts };
  });
}

/** The account's settings as the API shows them: public values, credentials only as `has_<field>`. */
const shownSettings = (account: Account, type: NativeType) =>
  ((account as Record<string, unknown>)[type] ?? {}) as Record<string, unknown>;

const textOf = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

/** The fields' drafts: public values as stored, credentials empty (they are never shown). */
export function nativeDraftOf(account: Account, type: NativeType): Draft {
  const shown = shownSettings(account, type);
  const draft: Draft = {};
  for (const field of fieldsOf(type)) {
    if (field.secret) draft[field.path] = '';
    else if (field.parts) {
      const group = (shown[field.path] ?? {}) as Record<string, unknown>;
      for (const part of field.parts) draft[part.path] = textOf(group[part.name]);
    } else draft[field.path] = textOf(shown[field.path]);
  }
  return draft;
}

/** Credentials to remove (an optional one, such as Chatwoot's webhook secret), by field. */
export type Removals = Record<string, boolean>;

/**
 * The settings change PATCH takes: a typed credential replaces the stored one (empty: kept, or
 * removed when asked), a public value only when it changed (empty on an optional one: back to its
 * default). Undefined when nothing changes.
 */
export function nativeChangeOf(
  account: Account,
  type: NativeType,
  draft: Draft,
  removals: Removals,
): Record<string, unknown> | undefined {
  const initial = nativeDraftOf(account, type);
  const change: Record<string, unknown> = {};
  for (const field of fieldsOf(type)) {
    const value = draft[field.path] ?? '';
    if (field.secret) {
      if (value !== '') change[field.path] = value;
      else if (removals[field.path]) change[field.path] = null;
    } else if (field.parts) {
      const parts = field.parts.map((part) => ({ part, value: draft[part.path] ?? '' }));
      if (parts.every(({ part, value: typed }) => typed === initial[part.path])) continue;
      // A group is given whole (its schema checks every part) or, all empty, removed.
      change[field.path] = parts.every(({ value: typed }) => typed.trim() === '')
        ? null
        : Object.fromEntries(parts.map(({ part, value: typed }) => [part.name, typed]));
    } else if (value !== initial[field.path]) {
      const empty = value.trim() === '';
      if (empty && field.schema.isOptional()) change[field.path] = null;
      else change[field.path] = !empty && innerOf(field.schema) instanceof z.ZodNumber ? Number(value) : value;
    }
  }
  return Object.keys(change).length > 0 ? change : undefined;
}

/** What a native account's change must satisfy: the API's own settings change schema, under the type's name. */
export const nativeChecks = (type: NativeType) => ({ [type]: settingsChangeSchema(type).optional() });

export function nativeLabels(type: NativeType): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const field of fieldsOf(type)) {
    labels[`${type}.${field.path}`] = labelOf(field.path);
    for (const part of field.parts ?? []) labels[`${type}.${part.path}`] = labelOf(part.path);
  }
  return labels;
}

/** A native account's provider settings: public ones shown and editable, credentials write-only. */
export function NativeSettingsFields(props: {
  account: Account;
  type: NativeType;
  draft: Draft;
  removals: Removals;
  problems: Problems;
  onDraft: (draft: Draft) => void;
  onRemovals: (removals: Removals) => void;
}) {
  const { account, type, draft, removals, problems } = props;
  const shown = shownSettings(account, type);
  const input = (field: Field, id: string, hintId: string | undefined) => {
    const inner = innerOf(field.schema);
    const attributes = {
      id,
      value: draft[field.path] ?? '',
      onInput: inputValue((value) => props.onDraft({ ...draft, [field.path]: value })),
      ...problemAttributes(id, problems, `${type}.${field.path}`, hintId),
    };
    // Credentials are typed, never shown, and never offered by the browser's saved passwords.
    if (field.secret) return <input type="password" autoComplete="new-password" {...attributes} />;
    if (inner instanceof z.ZodNumber) return <input type="number" inputMode="numeric" {...attributes} />;
    if (inner instanceof z.ZodURL) return <input type="url" autoComplete="off" {...attributes} />;
    return <input type="text" autoComplete="off" {...attributes} />;
  };
  return (
    <fieldset class="provider-settings">
      <legend>Provider settings</legend>
      {fieldsOf(type).map((field) => {
        const id = `native-${field.path}`;
        const description = descriptionOf(field.schema);
        if (field.parts) {
          return (
            <fieldset key={field.path} class="setting-group" aria-describedby={description ? `${id}-hint` : undefined}>
              <legend>{labelOf(field.path)}</legend>
              {description && (
                <p id={`${id}-hint`} class="hint">
                  {description} Leave both empty for none.
                </p>
              )}
              {field.parts.map((part) => {
                const partId = `native-${part.path.replace('.', '-')}`;
                return (
                  <div class="field" key={part.path}>
                    <label for={partId}>{labelOf(part.path)}</label>
                    {input(part, partId, undefined)}
                    <FieldProblem id={partId} problems={problems} field={`${type}.${part.path}`} />
                  </div>
                );
              })}
              <FieldProblem id={id} problems={problems} field={`${type}.${field.path}`} />
            </fieldset>
          );
        }
        const stored = shown[`has_${field.path}`] === true;
        const optional = field.schema.isOptional();
        const hint = field.secret
          ? `${stored ? 'Stored, never shown: leave empty to keep it, type a new one to replace it.' : 'Not set.'}${description ? ` ${description}` : ''}`
          : description;
        return (
          <div class="field" key={field.path}>
            <label for={id}>{labelOf(field.path)}</label>
            {input(field, id, hint ? `${id}-hint` : undefined)}
            {hint && (
              <p id={`${id}-hint`} class="hint">
                {hint}
              </p>
            )}
            {field.secret && optional && stored && (
              <label class="inline">
                <input
                  type="checkbox"
                  checked={removals[field.path] ?? false}
                  onChange={(event) => props.onRemovals({ ...removals, [field.path]: event.currentTarget.checked })}
                />
                Remove the stored {labelOf(field.path).toLowerCase()}
              </label>
            )}
            <FieldProblem id={id} problems={problems} field={`${type}.${field.path}`} />
          </div>
        );
      })}
    </fieldset>
  );
}
