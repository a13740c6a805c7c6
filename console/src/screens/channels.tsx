/**
 * Settings → Channels (seed 001): the channel accounts (a hook account's outbound hook, time zone,
 * whether closed conversations reopen, how replies are typed, a native account's provider settings
 * with credential rotation, token rotation), and per account its human-takeover webhook, webhook
 * subscriptions and delivery log (channels-webhooks.tsx).
 */
import { useState } from 'preact/hooks';
import { z } from 'zod';
import { AccountName } from '../../../src/domain/channel-account-schemas';
import { api, call, type Schemas } from '../api/client';
import { useAction, useQuery } from '../api/hooks';
import { ErrorMessage } from '../components/error-message';
import { FormProblems, problemsOf, type Problems } from '../components/form-problems';
import { Screen } from '../components/layout';
import { OneTimeSecrets } from '../components/one-time-secrets';
import { Progress } from '../components/progress';
import { when } from '../components/bot-state';
import {
  nativeChangeOf,
  nativeChecks,
  nativeDraftOf,
  nativeLabels,
  NativeSettingsFields,
  nativeTypeOf,
  typingChecks,
  typingDraftOf,
  typingLabels,
  typingOf,
  TypingFields,
  type Removals,
} from './channels-account-fields';
import { DeliveryLog, inputValue, Subscriptions, TakeoverWebhook } from './channels-webhooks';

type Account = Schemas['ChannelAccount'];
type NewHookAccount = Schemas['CreateHookChannelAccount'];
type HookType = NewHookAccount['type'];
type AccountChange = Schemas['UpdateChannelAccount'];

const hookTypeLabels: Record<HookType, string> = {
  whatsapp: 'WhatsApp (your integration)',
  sms: 'SMS (your integration)',
  webchat: 'Web chat (your integration)',
  other: 'Other (your integration)',
};

/** The fields a new and an existing account share: the time zone and whether closed conversations reopen. */
function TimeZoneAndReopen(props: {
  idPrefix: string;
  timezone: string;
  reopen: boolean;
  onTimezone: (timezone: string) => void;
  onReopen: (reopen: boolean) => void;
}) {
  return (
    <>
      <div class="field">
        <label for={`${props.idPrefix}-timezone`}>Time zone (IANA)</label>
        <input id={`${props.idPrefix}-timezone`} value={props.timezone} onInput={inputValue(props.onTimezone)} />
      </div>
      <label class="inline">
        <input
          type="checkbox"
          checked={props.reopen}
          onChange={(event) => props.onReopen(event.currentTarget.checked)}
        />
        Reopen a closed conversation when the contact writes again
      </label>
    </>
  );
}

/** A new hook account: the integration posts to ingest and receives the outbound hook. */
function CreateAccount({ onCreated }: { onCreated: (account: Account) => void }) {
  const [name, setName] = useState('');
  const [type, setType] = useState<HookType>('whatsapp');
  const [hookUrl, setHookUrl] = useState('');
  const [timezone, setTimezone] = useState('UTC');
  const [reopen, setReopen] = useState(true);
  const [typing, setTyping] = useState(typingDraftOf());
  const [problems, setProblems] = useState<Problems>({});
  const creating = useAction(async () => {
    const body: NewHookAccount = {
      name,
      type,
      outbound_hook_url: hookUrl,
      timezone,
      reopen_on_inbound: reopen,
      ...typingOf(typing),
    };
    const created = await call(api.POST('/v1/accounts', { body }));
    onCreated(created);
    return created;
  });
  const [shown, setShown] = useState(true);
  const created = creating.result;
  return (
    <section class="panel" aria-labelledby="new-account">
      <h2 id="new-account">New hook account</h2>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const checked = z.object({ name: AccountName, ...typingChecks }).safeParse({ name, ...typingOf(typing) });
          setProblems(checked.success ? {} : problemsOf(checked.error.issues));
          if (!checked.success) return;
          setShown(true);
          void creating.run();
        }}
      >
        <div class="field">
          <label for="account-name">Name</label>
          <input id="account-name" value={name} onInput={inputValue(setName)} required />
        </div>
        <div class="field">
          <label for="account-type">Type</label>
          <select id="account-type" value={type} onChange={inputValue((value) => setType(value as HookType))}>
            {(Object.keys(hookTypeLabels) as HookType[]).map((option) => (
              <option key={option} value={option}>
                {hookTypeLabels[option]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="account-hook">Outbound hook URL</label>
          <input id="account-hook" type="url" value={hookUrl} onInput={inputValue(setHookUrl)} />
        </div>
        <TimeZoneAndReopen
          idPrefix="account"
          timezone={timezone}
          reopen={reopen}
          onTimezone={setTimezone}
          onReopen={setReopen}
        />
        <TypingFields idPrefix="account" draft={typing} problems={problems} onChange={setTyping} />
        <FormProblems problems={problems} labels={{ name: 'Name', ...typingLabels }} />
        <div class="buttons">
          <button type="submit" disabled={creating.pending}>
            Create account
          </button>
        </div>
        {creating.pending && <Progress label="Creating the account…" />}
        <ErrorMessage error={creating.error} />
      </form>
      {created && shown && !creating.pending && (
        <OneTimeSecrets
          title={`Secrets of ${created.name}`}
          secrets={[
            { label: 'Hook secret (verifies the outbound hook’s signature)', value: created.hook_secret },
            { label: 'Account token (ingest, Authorization: Bearer)', value: created.account_token },
          ]}
          onDone={() => setShown(false)}
        />
      )}
    </section>
  );
}

/** Name, time zone, reopening and typing of an account, a native one's provider settings; its token rotation. */
function EditAccount({ account, onSaved }: { account: Account; onSaved: (account: Account) => void }) {
  const nativeType = nativeTypeOf(account);
  const [name, setName] = useState(account.name);
  const [timezone, setTimezone] = useState(account.timezone);
  const [reopen, setReopen] = useState(account.reopen_on_inbound);
  const [typing, setTyping] = useState(typingDraftOf(account));
  const [settings, setSettings] = useState(() => (nativeType ? nativeDraftOf(account, nativeType) : {}));
  const [removals, setRemovals] = useState<Removals>({});
  const [problems, setProblems] = useState<Problems>({});
  const saving = useAction(async (body: AccountChange) => {
    const saved = await call(
      api.PATCH('/v1/accounts/{accountId}', { params: { path: { accountId: account.id } }, body }),
    );
    // Credentials are write-only: once stored, their fields are empty again (empty keeps them).
    if (nativeType) setSettings(nativeDraftOf(saved, nativeType));
    setRemovals({});
    onSaved(saved);
    return saved;
  });
  // What is stored now: the answer to the last save, before the account list has loaded it again.
  const stored = saving.result ?? account;
  const save = () => {
    const change = nativeType ? nativeChangeOf(stored, nativeType, settings, removals) : undefined;
    const body = {
      name,
      timezone,
      reopen_on_inbound: reopen,
      ...typingOf(typing),
      ...(nativeType && change ? { [nativeType]: change } : {}),
    };
    const checks = z.object({ name: AccountName, ...typingChecks, ...(nativeType ? nativeChecks(nativeType) : {}) });
    const checked = checks.safeParse(body);
    setProblems(checked.success ? {} : problemsOf(checked.error.issues));
    if (checked.success) void saving.run(body);
  };
  const rotating = useAction(() =>
    call(api.POST('/v1/accounts/{accountId}/token', { params: { path: { accountId: account.id } } })),
  );
  const [tokenShown, setTokenShown] = useState(true);
  return (
    <section class="panel" aria-labelledby="account-settings">
      <h2 id="account-settings">Account settings</h2>
      <dl>
        <dt>Type</dt>
        <dd>{account.type}</dd>
        {account.outbound_hook_url && (
          <>
            <dt>Outbound hook URL</dt>
            <dd class="url">{account.outbound_hook_url}</dd>
          </>
        )}
        {account.webhook_path && (
          <>
            <dt>Provider webhook path</dt>
            <dd class="url">{account.webhook_path}</dd>
          </>
        )}
        <dt>Created</dt>
        <dd>{when(account.created_at)}</dd>
      </dl>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <div class="field">
          <label for="edit-name">Name</label>
          <input id="edit-name" value={name} onInput={inputValue(setName)} />
        </div>
        <TimeZoneAndReopen
          idPrefix="edit"
          timezone={timezone}
          reopen={reopen}
          onTimezone={setTimezone}
          onReopen={setReopen}
        />
        <TypingFields idPrefix="edit" draft={typing} problems={problems} onChange={setTyping} />
        {nativeType && (
          <NativeSettingsFields
            account={stored}
            type={nativeType}
            draft={settings}
            removals={removals}
            problems={problems}
            onDraft={setSettings}
            onRemovals={setRemovals}
          />
        )}
        <FormProblems
          problems={problems}
          labels={{ name: 'Name', ...typingLabels, ...(nativeType ? nativeLabels(nativeType) : {}) }}
        />
        <div class="buttons">
          <button type="submit" disabled={saving.pending}>
            Save account
          </button>
          <button
            type="button"
            class="secondary"
            disabled={rotating.pending}
            onClick={() => {
              setTokenShown(true);
              void rotating.run();
            }}
          >
            Rotate the account token
          </button>
        </div>
        {saving.pending && <Progress label="Saving the account…" />}
        {saving.result && !saving.pending && Object.keys(problems).length === 0 && <p role="status">Account saved.</p>}
        <ErrorMessage error={saving.error} />
        {rotating.pending && <Progress label="Issuing a new token…" />}
        <ErrorMessage error={rotating.error} />
      </form>
      {rotating.result && tokenShown && !rotating.pending && (
        <OneTimeSecrets
          title="New account token"
          secrets={[
            { label: 'Account token (the previous one no longer works)', value: rotating.result.account_token },
          ]}
          onDone={() => setTokenShown(false)}
        />
      )}
    </section>
  );
}

export function Channels() {
  const accounts = useQuery(() => call(api.GET('/v1/accounts')), []);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = accounts.data?.find((account) => account.id === selectedId);
  return (
    <Screen title="Settings → Channels">
      <div class="columns channels">
        <div>
          <section class="panel" aria-labelledby="accounts-heading">
            <h2 id="accounts-heading">Channel accounts</h2>
            {accounts.loading && !accounts.data && <Progress label="Loading the channel accounts…" />}
            <ErrorMessage error={accounts.error} onRetry={accounts.reload} />
            {accounts.data?.length === 0 && <p class="muted">No channel account yet: create one below.</p>}
            <ul class="account-list" aria-label="Channel accounts">
              {accounts.data?.map((account) => (
                <li key={account.id} data-account={account.id}>
                  <button
                    type="button"
                    class="account-choice"
                    aria-pressed={account.id === selectedId}
                    onClick={() => setSelectedId(account.id)}
                  >
                    <strong>{account.name}</strong>
                    <span class="muted">
                      {account.type} · {account.timezone}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
          <CreateAccount
            onCreated={(account) => {
              accounts.reload();
              setSelectedId(account.id);
            }}
          />
        </div>
        <div>
          {selected ? (
            <div key={selected.id} class="account-detail">
              <EditAccount account={selected} onSaved={() => accounts.reload()} />
              <TakeoverWebhook account={selected} />
              <Subscriptions account={selected} />
              <DeliveryLog account={selected} />
            </div>
          ) : (
            <p class="muted">Choose an account to see its settings, webhooks and delivery log.</p>
          )}
        </div>
      </div>
    </Screen>
  );
}
