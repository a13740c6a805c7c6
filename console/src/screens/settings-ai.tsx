/**
 * Settings → AI (seed 002): the organization's global layer, a channel account's layer and a chat's
 * own mode and prompt, each with the configuration in force and the layer every value comes from.
 */
import { useState } from 'preact/hooks';
import { api, call, type Schemas } from '../api/client';
import { useAction, useQuery } from '../api/hooks';
import { ErrorMessage } from '../components/error-message';
import { Screen } from '../components/layout';
import { Progress } from '../components/progress';

type Effective = Schemas['EffectiveAiConfig'];
type LayerUpdate = Schemas['AiSettingsUpdate'];
type Layer = Schemas['AiSettings'];
type ChatMode = Schemas['ChatAiSettingsUpdate']['mode'];

type Selection =
  { kind: 'global' } | { kind: 'account'; accountId: string } | { kind: 'chat'; accountId: string; chatId: string };

const effectiveLabels: Record<keyof Effective, string> = {
  enabled: 'AI enabled',
  chat_mode: 'Chat mode',
  base_url: 'Provider base URL',
  has_api_key: 'Provider API key set',
  model_name: 'Model',
  system_prompt: 'System prompt',
  temperature: 'Temperature',
  max_tokens: 'Max tokens',
  timeout_seconds: 'Timeout (s)',
  reply_delay_seconds: 'Reply delay (s)',
  reply_to_private: 'Reply to private chats',
  reply_to_groups: 'Reply to groups',
  reply_to_channels: 'Reply to channels',
  echo_mode: 'Echo mode',
};

const sourceLabels: Record<Effective['enabled']['source'], string> = {
  chat: 'this chat',
  account: 'the account',
  global: 'global settings',
  environment: 'service default',
};

const display = (value: unknown) =>
  typeof value === 'boolean' ? (value ? 'yes' : 'no') : value === '' ? '(empty)' : String(value);

/** Every field in force and the layer it comes from. */
function EffectiveTable({ effective }: { effective: Effective }) {
  return (
    <table class="effective">
      <caption>In force</caption>
      <thead>
        <tr>
          <th scope="col">Setting</th>
          <th scope="col">Value</th>
          <th scope="col">From</th>
        </tr>
      </thead>
      <tbody>
        {(Object.keys(effectiveLabels) as (keyof Effective)[]).map((field) => (
          <tr key={field} data-field={field}>
            <th scope="row">{effectiveLabels[field]}</th>
            <td class="value">{display(effective[field].value)}</td>
            <td>
              <span class={`layer layer-${effective[field].source}`}>{sourceLabels[effective[field].source]}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A layer's own fields (the provider key apart): '' means not set here, the next layer applies. */
const layerFields = [
  { name: 'enabled', label: 'AI enabled', kind: 'boolean' },
  { name: 'base_url', label: 'Provider base URL', kind: 'text' },
  { name: 'model_name', label: 'Model', kind: 'text' },
  { name: 'default_system_prompt', label: 'System prompt', kind: 'textarea' },
  { name: 'temperature', label: 'Temperature (0–2)', kind: 'number' },
  { name: 'max_tokens', label: 'Max tokens', kind: 'number' },
  { name: 'timeout_seconds', label: 'Timeout (s)', kind: 'number' },
  { name: 'reply_delay_seconds', label: 'Reply delay (s)', kind: 'number' },
  { name: 'reply_to_private', label: 'Reply to private chats', kind: 'boolean' },
  { name: 'reply_to_groups', label: 'Reply to groups', kind: 'boolean' },
  { name: 'reply_to_channels', label: 'Reply to channels', kind: 'boolean' },
  { name: 'echo_mode', label: 'Echo mode', kind: 'boolean' },
] as const satisfies readonly { name: keyof LayerUpdate & keyof Layer; label: string; kind: string }[];

type FieldName = (typeof layerFields)[number]['name'];
type Draft = Record<FieldName, string>;

const draftOf = (layer: Layer): Draft =>
  Object.fromEntries(layerFields.map(({ name }) => [name, layer[name] === null ? '' : String(layer[name])])) as Draft;

function updateFrom(draft: Draft): LayerUpdate {
  const update: Record<string, unknown> = {};
  for (const { name, kind } of layerFields) {
    const text = draft[name].trim();
    update[name] = text === '' ? null : kind === 'boolean' ? text === 'true' : kind === 'number' ? Number(text) : text;
  }
  return update;
}

/** The global or an account layer's form; the provider key is write-only. */
function LayerForm({ stored, save }: { stored: Layer; save: (update: LayerUpdate) => Promise<Layer> }) {
  const [draft, setDraft] = useState(() => draftOf(stored));
  const [newKey, setNewKey] = useState('');
  const [removeKey, setRemoveKey] = useState(false);
  const saving = useAction(async () => {
    const update = updateFrom(draft);
    if (newKey.trim()) update.api_key = newKey.trim();
    else if (removeKey) update.api_key = null;
    const saved = await save(update);
    setNewKey('');
    setRemoveKey(false);
    return saved;
  });
  const layer = saving.result ?? stored;
  const set = (name: FieldName) => (event: { currentTarget: { value: string } }) =>
    setDraft({ ...draft, [name]: event.currentTarget.value });
  return (
    <form
      class="layer-form"
      onSubmit={(event) => {
        event.preventDefault();
        void saving.run();
      }}
    >
      <p class="hint">Empty (or “inherit”) leaves a setting to the next layer.</p>
      {layerFields.map(({ name, label, kind }) => (
        <div class="field" key={name}>
          <label for={`layer-${name}`}>{label}</label>
          {kind === 'boolean' ? (
            <select id={`layer-${name}`} value={draft[name]} onChange={set(name)}>
              <option value="">inherit</option>
              <option value="true">yes</option>
              <option value="false">no</option>
            </select>
          ) : kind === 'textarea' ? (
            <textarea id={`layer-${name}`} rows={4} value={draft[name]} onInput={set(name)} />
          ) : kind === 'number' ? (
            <input id={`layer-${name}`} type="number" step="any" value={draft[name]} onInput={set(name)} />
          ) : (
            <input id={`layer-${name}`} type="text" value={draft[name]} onInput={set(name)} />
          )}
        </div>
      ))}
      <fieldset class="field">
        <legend>Provider API key</legend>
        <p>{layer.has_api_key ? 'A key is set (it is never shown).' : 'No key set on this layer.'}</p>
        <label for="layer-api_key">Replace with</label>
        <input
          id="layer-api_key"
          type="password"
          autocomplete="off"
          value={newKey}
          onInput={(event) => setNewKey(event.currentTarget.value)}
        />
        {layer.has_api_key && (
          <label class="inline">
            <input
              type="checkbox"
              checked={removeKey}
              onChange={(event) => setRemoveKey(event.currentTarget.checked)}
            />
            Remove the key
          </label>
        )}
      </fieldset>
      <button type="submit" disabled={saving.pending}>
        Save
      </button>
      {saving.pending && <Progress label="Saving…" />}
      {saving.result !== undefined && !saving.pending && <p role="status">Saved.</p>}
      <ErrorMessage error={saving.error} />
    </form>
  );
}

function GlobalOrAccount({ accountId }: { accountId: string | null }) {
  const layer = useQuery(
    () =>
      accountId
        ? call(api.GET('/v1/accounts/{accountId}/ai', { params: { path: { accountId } } }))
        : call(api.GET('/v1/ai/global')),
    [accountId],
  );
  const effective = useQuery(
    () => call(api.GET('/v1/ai/effective', { params: { query: accountId ? { account_id: accountId } : {} } })),
    [accountId],
  );
  const save = async (update: LayerUpdate) => {
    const saved = accountId
      ? await call(api.PUT('/v1/accounts/{accountId}/ai', { params: { path: { accountId } }, body: update }))
      : await call(api.PUT('/v1/ai/global', { body: update }));
    effective.reload();
    return saved;
  };
  return (
    <div class="columns">
      <div>
        <h2>{accountId ? 'This account’s settings' : 'Global settings'}</h2>
        {layer.loading && !layer.data && <Progress label="Loading the settings…" />}
        <ErrorMessage error={layer.error} onRetry={layer.reload} />
        {layer.data && <LayerForm key={accountId ?? 'global'} stored={layer.data} save={save} />}
      </div>
      <div>
        {effective.loading && !effective.data && <Progress label="Loading the configuration in force…" />}
        <ErrorMessage error={effective.error} onRetry={effective.reload} />
        {effective.data && <EffectiveTable effective={effective.data} />}
      </div>
    </div>
  );
}

const chatModes: readonly ChatMode[] = ['inherit', 'enabled', 'disabled'];

function Chat({ accountId, chatId }: { accountId: string; chatId: string }) {
  const path = { accountId, chatId };
  const chat = useQuery(
    () => call(api.GET('/v1/accounts/{accountId}/chats/{chatId}/ai', { params: { path } })),
    [accountId, chatId],
  );
  const [mode, setMode] = useState<ChatMode | null>(null);
  const [prompt, setPrompt] = useState<string | null>(null);
  const saving = useAction(() =>
    call(
      api.PUT('/v1/accounts/{accountId}/chats/{chatId}/ai', {
        params: { path },
        body: {
          mode: mode ?? chat.data!.mode,
          custom_system_prompt: (prompt ?? chat.data!.custom_system_prompt) || null,
        },
      }),
    ),
  );
  const current = saving.result ?? chat.data;
  return (
    <div class="columns">
      <div>
        <h2>This chat’s settings</h2>
        {chat.loading && !chat.data && <Progress label="Loading the chat’s settings…" />}
        <ErrorMessage error={chat.error} onRetry={chat.reload} />
        {current && (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void saving.run();
            }}
          >
            <div class="field">
              <label for="chat-mode">AI in this chat</label>
              <select
                id="chat-mode"
                value={mode ?? current.mode}
                onChange={(event) => setMode(event.currentTarget.value as ChatMode)}
              >
                {chatModes.map((value) => (
                  <option key={value} value={value}>
                    {value}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="chat-prompt">Custom system prompt (empty: the account’s or global one)</label>
              <textarea
                id="chat-prompt"
                rows={4}
                value={prompt ?? current.custom_system_prompt ?? ''}
                onInput={(event) => setPrompt(event.currentTarget.value)}
              />
            </div>
            <button type="submit" disabled={saving.pending}>
              Save
            </button>
            {saving.pending && <Progress label="Saving…" />}
            <ErrorMessage error={saving.error} />
          </form>
        )}
      </div>
      <div>{current && <EffectiveTable effective={current.effective} />}</div>
    </div>
  );
}

/** Which layer to show: global, an account, or a chat of an account. */
function SelectionForm({ onSelect }: { onSelect: (selection: Selection) => void }) {
  const accounts = useQuery(() => call(api.GET('/v1/accounts')), []);
  const [kind, setKind] = useState<Selection['kind']>('global');
  const [accountId, setAccountId] = useState('');
  const [chatId, setChatId] = useState('');
  const account = accountId || accounts.data?.[0]?.id || '';
  return (
    <form
      class="selection"
      onSubmit={(event) => {
        event.preventDefault();
        if (kind === 'global') onSelect({ kind });
        else if (kind === 'account') onSelect({ kind, accountId: account });
        else onSelect({ kind, accountId: account, chatId: chatId.trim() });
      }}
    >
      <div class="field">
        <label for="selection-kind">Layer</label>
        <select
          id="selection-kind"
          value={kind}
          onChange={(event) => setKind(event.currentTarget.value as Selection['kind'])}
        >
          <option value="global">Global (the organization)</option>
          <option value="account">A channel account</option>
          <option value="chat">A chat</option>
        </select>
      </div>
      {kind !== 'global' && (
        <div class="field">
          <label for="selection-account">Channel account</label>
          <select id="selection-account" value={account} onChange={(event) => setAccountId(event.currentTarget.value)}>
            {accounts.data?.map((item) => (
              <option key={item.id} value={item.id}>
                {item.name}
              </option>
            ))}
          </select>
          <ErrorMessage error={accounts.error} onRetry={accounts.reload} />
        </div>
      )}
      {kind === 'chat' && (
        <div class="field">
          <label for="selection-chat">Chat id</label>
          <input
            id="selection-chat"
            required
            value={chatId}
            onInput={(event) => setChatId(event.currentTarget.value)}
          />
        </div>
      )}
      <button type="submit" disabled={kind !== 'global' && !account}>
        Show
      </button>
    </form>
  );
}

export function SettingsAi() {
  const [selection, setSelection] = useState<Selection>({ kind: 'global' });
  return (
    <Screen title="Settings → AI">
      <p>
        A chat’s settings override its account’s, which override the global ones, which override the service’s defaults.{' '}
        <a href="/console/settings/ai/test">Test the AI</a>
      </p>
      <SelectionForm onSelect={setSelection} />
      {selection.kind === 'chat' ? (
        <Chat
          key={`${selection.accountId}:${selection.chatId}`}
          accountId={selection.accountId}
          chatId={selection.chatId}
        />
      ) : (
        <GlobalOrAccount accountId={selection.kind === 'account' ? selection.accountId : null} />
      )}
    </Screen>
  );
}
