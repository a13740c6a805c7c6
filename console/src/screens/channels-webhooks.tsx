/**
 * A channel account's webhooks on Settings → Channels: the human-takeover webhook (seed 001: URL,
 * method, headers, custom body merged over the default payload, with a live preview), the webhook
 * subscriptions and the delivery log of both.
 */
import { useState } from 'preact/hooks';
import { api, ApiError, call, type Schemas } from '../api/client';
import { useAction, usePolling, useQuery } from '../api/hooks';
import { when } from '../components/bot-state';
import { ErrorMessage } from '../components/error-message';
import { OneTimeSecrets } from '../components/one-time-secrets';
import { Progress } from '../components/progress';

type Account = Schemas['ChannelAccount'];
type TakeoverSettings = Schemas['HumanTakeoverWebhookSettings'];
type TakeoverMethod = TakeoverSettings['method'];
type WebhookEvent = Schemas['CreateWebhookSubscription']['events'][number];
type DeliveryStatus = Schemas['WebhookDelivery']['status'];

/** An input's onInput/onChange handler that hands its value to `set`. */
export const inputValue = (set: (value: string) => void) => (event: { currentTarget: { value: string } }) =>
  set(event.currentTarget.value);

/** The takeover webhook, or null when none is configured (the API answers 404). */
async function loadTakeover(accountId: string): Promise<TakeoverSettings | null> {
  try {
    return await call(api.GET('/v1/accounts/{accountId}/human-takeover-webhook', { params: { path: { accountId } } }));
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/** The custom body as typed: a JSON object, or why it is not one. */
function parseCustomBody(text: string): { body: Record<string, unknown> } | { problem: string } {
  if (!text.trim()) return { body: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { problem: `Not valid JSON: ${(error as Error).message}` };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    return { problem: 'The custom body must be a JSON object ({ … }).' };
  return { body: parsed as Record<string, unknown> };
}

/**
 * The payload a takeover sends, as the worker builds it (src/activities/webhooks.ts): seed 001's
 * default fields with example values for what only the takeover knows, the custom body over them.
 */
const mergedPayload = (account: Account, custom: Record<string, unknown>) => ({
  event: 'human_takeover',
  conversation_id: '(the conversation’s id)',
  channel_account_id: account.id,
  channel_name: account.name,
  agent: { id: '(who took over)', name: 'Jane Smith', email: 'jane@company.com' },
  contact: { id: '(the contact’s id)', first_name: 'John', last_name: 'Doe', phones: ['+1234567890'], emails: [] },
  timestamp: '(when the bot was paused)',
  ...custom,
});

interface HeaderRow {
  name: string;
  value: string;
}

const methods: readonly TakeoverMethod[] = ['POST', 'PUT', 'PATCH'];

/** What a save, rotation or removal leaves to say once the form starts again from the API's answer. */
interface TakeoverOutcome {
  notice: string;
  signingSecret?: string;
}

function TakeoverForm({
  account,
  stored,
  onChanged,
}: {
  account: Account;
  stored: TakeoverSettings | null;
  onChanged: (outcome: TakeoverOutcome) => void;
}) {
  const path = { accountId: account.id };
  const [url, setUrl] = useState(stored?.url ?? '');
  const [method, setMethod] = useState<TakeoverMethod>(stored?.method ?? 'POST');
  // Values are write-only: the stored names come back empty, to be typed again on a save.
  const [headers, setHeaders] = useState<HeaderRow[]>(() =>
    (stored?.header_names ?? []).map((name) => ({ name, value: '' })),
  );
  const [bodyText, setBodyText] = useState(() =>
    stored && Object.keys(stored.body).length ? JSON.stringify(stored.body, null, 2) : '',
  );
  const custom = parseCustomBody(bodyText);
  const missingValues = headers.filter((row) => row.name.trim() && !row.value).map((row) => row.name.trim());

  const saving = useAction(async () => {
    if (!('body' in custom)) throw new ApiError(0, custom.problem);
    const saved = await call(
      api.PUT('/v1/accounts/{accountId}/human-takeover-webhook', {
        params: { path },
        body: {
          url,
          method,
          headers: Object.fromEntries(
            headers.filter((row) => row.name.trim()).map((row) => [row.name.trim(), row.value]),
          ),
          body: custom.body,
        },
      }),
    );
    onChanged({ notice: 'Webhook saved.', ...(saved.signing_secret ? { signingSecret: saved.signing_secret } : {}) });
    return saved;
  });
  const rotating = useAction(async () => {
    const rotated = await call(
      api.POST('/v1/accounts/{accountId}/human-takeover-webhook/signing-secret', { params: { path } }),
    );
    onChanged({ notice: 'New signing secret issued.', signingSecret: rotated.signing_secret });
    return rotated;
  });
  const removing = useAction(async () => {
    await call(api.DELETE('/v1/accounts/{accountId}/human-takeover-webhook', { params: { path } }));
    onChanged({ notice: 'Webhook removed.' });
    return true;
  });
  const [confirmRemove, setConfirmRemove] = useState(false);
  const setHeader = (index: number, change: Partial<HeaderRow>) =>
    setHeaders(headers.map((row, i) => (i === index ? { ...row, ...change } : row)));

  return (
    <>
      <p class="muted">
        {stored
          ? stored.has_signing_secret
            ? 'Configured; calls are signed with the webhook’s own secret.'
            : 'Configured; calls are signed with the account’s hook secret until you rotate the signing secret.'
          : 'Not configured: nothing is called when a human takes over.'}
      </p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void saving.run();
        }}
      >
        <div class="field">
          <label for="takeover-url">Webhook URL</label>
          <input id="takeover-url" type="url" value={url} onInput={inputValue(setUrl)} />
        </div>
        <div class="field">
          <label for="takeover-method">Method</label>
          <select
            id="takeover-method"
            value={method}
            onChange={inputValue((value) => setMethod(value as TakeoverMethod))}
          >
            {methods.map((option) => (
              <option key={option}>{option}</option>
            ))}
          </select>
        </div>
        <fieldset class="field headers">
          <legend>Custom headers</legend>
          <p class="hint">
            Values are stored encrypted and never shown again; saving replaces all headers, so type the value of each
            header to keep.
          </p>
          {headers.map((row, index) => (
            <div class="header-row" key={index}>
              <label for={`header-name-${index}`}>Header {index + 1} name</label>
              <input
                id={`header-name-${index}`}
                value={row.name}
                onInput={(event) => setHeader(index, { name: event.currentTarget.value })}
              />
              <label for={`header-value-${index}`}>Header {index + 1} value</label>
              <input
                id={`header-value-${index}`}
                type="password"
                autocomplete="off"
                value={row.value}
                onInput={(event) => setHeader(index, { value: event.currentTarget.value })}
              />
              <button type="button" class="secondary" onClick={() => setHeaders(headers.filter((_, i) => i !== index))}>
                Remove header {index + 1}
              </button>
            </div>
          ))}
          <button type="button" class="secondary" onClick={() => setHeaders([...headers, { name: '', value: '' }])}>
            Add a header
          </button>
        </fieldset>
        <div class="field">
          <label for="takeover-body">Custom body (JSON object, merged over the default payload)</label>
          <textarea
            id="takeover-body"
            rows={6}
            spellcheck={false}
            value={bodyText}
            onInput={inputValue(setBodyText)}
            aria-invalid={'problem' in custom}
            aria-describedby="takeover-body-problem"
          />
          <p id="takeover-body-problem" class="field-problem">
            {'problem' in custom ? custom.problem : ''}
          </p>
        </div>
        <section aria-labelledby="payload-preview">
          <h3 id="payload-preview">Payload preview</h3>
          <p class="hint">What a takeover sends: the default fields, your custom body’s keys win.</p>
          <pre class="payload-preview" tabIndex={0} aria-labelledby="payload-preview">
            {JSON.stringify(mergedPayload(account, 'body' in custom ? custom.body : {}), null, 2)}
          </pre>
        </section>
        {missingValues.length > 0 && (
          <p class="field-problem">Type the value of {missingValues.join(', ')} (values are never shown back).</p>
        )}
        <div class="buttons">
          <button type="submit" disabled={saving.pending || 'problem' in custom || missingValues.length > 0}>
            Save webhook
          </button>
          {stored && (
            <>
              <button type="button" class="secondary" disabled={rotating.pending} onClick={() => void rotating.run()}>
                Rotate the signing secret
              </button>
              {confirmRemove ? (
                <button type="button" class="danger" disabled={removing.pending} onClick={() => void removing.run()}>
                  Really remove the webhook
                </button>
              ) : (
                <button type="button" class="secondary" onClick={() => setConfirmRemove(true)}>
                  Remove webhook
                </button>
              )}
            </>
          )}
        </div>
        {saving.pending && <Progress label="Saving the webhook…" />}
        {rotating.pending && <Progress label="Issuing a new signing secret…" />}
        {removing.pending && <Progress label="Removing the webhook…" />}
        <ErrorMessage error={saving.error ?? rotating.error ?? removing.error} />
      </form>
    </>
  );
}

export function TakeoverWebhook({ account }: { account: Account }) {
  const stored = useQuery(() => loadTakeover(account.id), [account.id]);
  const [outcome, setOutcome] = useState<TakeoverOutcome | null>(null);
  return (
    <section class="panel" aria-labelledby="takeover-heading">
      <h2 id="takeover-heading">Human-takeover webhook</h2>
      {stored.loading && stored.data === undefined && <Progress label="Loading the takeover webhook…" />}
      <ErrorMessage error={stored.error} onRetry={stored.reload} />
      {stored.data !== undefined && (
        // Keyed by what is stored, so a save or removal starts the form from the API's answer.
        <TakeoverForm
          key={JSON.stringify(stored.data)}
          account={account}
          stored={stored.data}
          onChanged={(next) => {
            setOutcome(next);
            stored.reload();
          }}
        />
      )}
      {outcome && <p role="status">{outcome.notice}</p>}
      {outcome?.signingSecret && (
        <OneTimeSecrets
          title="Takeover webhook signing secret"
          secrets={[{ label: 'Signing secret (verifies webhook-signature)', value: outcome.signingSecret }]}
          onDone={() => setOutcome({ notice: outcome.notice })}
        />
      )}
    </section>
  );
}

/** Every event a subscription may ask for; the type makes this list follow the API's enum. */
const eventLabels: Record<WebhookEvent, string> = {
  'message.received': 'A contact’s message arrived',
  'ai.reply.generated': 'The AI generated a reply',
  'ai.reply.sent': 'The AI’s reply was sent',
  'ai.reply.failed': 'The AI’s reply failed',
  human_takeover: 'A human took over',
  'agent.workflow.triggered': 'An agent triggered a workflow',
  'agent.suggestion.created': 'An agent suggested a reply',
  'ai.budget.exceeded': 'The AI budget was exceeded (organization-wide)',
};
const events = Object.keys(eventLabels) as WebhookEvent[];

export function Subscriptions({ account }: { account: Account }) {
  const path = { accountId: account.id };
  const list = useQuery(() => call(api.GET('/v1/accounts/{accountId}/webhooks', { params: { path } })), [account.id]);
  const [url, setUrl] = useState('');
  const [chosen, setChosen] = useState<WebhookEvent[]>([]);
  const [secretShown, setSecretShown] = useState(true);
  const creating = useAction(async () => {
    const created = await call(
      api.POST('/v1/accounts/{accountId}/webhooks', { params: { path }, body: { url, events: chosen } }),
    );
    list.reload();
    return created;
  });
  const removing = useAction(async (webhookId: string) => {
    await call(
      api.DELETE('/v1/accounts/{accountId}/webhooks/{webhookId}', { params: { path: { ...path, webhookId } } }),
    );
    list.reload();
    return webhookId;
  });
  return (
    <section class="panel" aria-labelledby="subscriptions-heading">
      <h2 id="subscriptions-heading">Webhook subscriptions</h2>
      {list.loading && !list.data && <Progress label="Loading the subscriptions…" />}
      <ErrorMessage error={list.error} onRetry={list.reload} />
      {list.data?.length === 0 && <p class="muted">No subscription.</p>}
      <ul class="subscriptions" aria-label="Subscriptions">
        {list.data?.map((subscription) => (
          <li key={subscription.id}>
            <span class="url">{subscription.url}</span>
            <span class="muted"> {subscription.events.join(', ')}</span>
            <button
              type="button"
              class="secondary"
              disabled={removing.pending}
              onClick={() => void removing.run(subscription.id)}
            >
              Unsubscribe {subscription.url}
            </button>
          </li>
        ))}
      </ul>
      {removing.pending && <Progress label="Unsubscribing…" />}
      <ErrorMessage error={removing.error} />
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setSecretShown(true);
          void creating.run();
        }}
      >
        <div class="field">
          <label for="subscription-url">Subscriber URL</label>
          <input id="subscription-url" type="url" value={url} onInput={inputValue(setUrl)} />
        </div>
        <fieldset class="field events">
          <legend>Events</legend>
          {events.map((event) => (
            <label class="inline" key={event}>
              <input
                type="checkbox"
                checked={chosen.includes(event)}
                onChange={(change) =>
                  setChosen(
                    change.currentTarget.checked ? [...chosen, event] : chosen.filter((other) => other !== event),
                  )
                }
              />
              <code>{event}</code> {eventLabels[event]}
            </label>
          ))}
        </fieldset>
        <div class="buttons">
          <button type="submit" disabled={creating.pending}>
            Subscribe
          </button>
        </div>
        {creating.pending && <Progress label="Subscribing…" />}
        <ErrorMessage error={creating.error} />
      </form>
      {creating.result && secretShown && !creating.pending && (
        <OneTimeSecrets
          title="Subscription secret"
          secrets={[{ label: `Secret of ${creating.result.url}`, value: creating.result.secret }]}
          onDone={() => setSecretShown(false)}
        />
      )}
    </section>
  );
}

const statuses: readonly DeliveryStatus[] = ['pending', 'delivered', 'failed'];

/** The account's deliveries (subscriptions and takeover webhook), newest first, kept live. */
export function DeliveryLog({ account }: { account: Account }) {
  const [event, setEvent] = useState<WebhookEvent | ''>('');
  const [status, setStatus] = useState<DeliveryStatus | ''>('');
  const deliveries = useQuery(
    () =>
      call(
        api.GET('/v1/accounts/{accountId}/webhooks/deliveries', {
          params: {
            path: { accountId: account.id },
            query: { ...(event ? { event } : {}), ...(status ? { status } : {}) },
          },
        }),
      ),
    [account.id, event, status],
  );
  usePolling(deliveries.reload, 2000);
  return (
    <section class="panel" aria-labelledby="deliveries-heading">
      <h2 id="deliveries-heading">Delivery log</h2>
      <div class="filters">
        <div class="field">
          <label for="delivery-event">Event</label>
          <select id="delivery-event" value={event} onChange={inputValue((value) => setEvent(value as WebhookEvent))}>
            <option value="">any</option>
            {events.map((option) => (
              <option key={option}>{option}</option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="delivery-status">Status</label>
          <select
            id="delivery-status"
            value={status}
            onChange={inputValue((value) => setStatus(value as DeliveryStatus))}
          >
            <option value="">any</option>
            {statuses.map((option) => (
              <option key={option}>{option}</option>
            ))}
          </select>
        </div>
      </div>
      {deliveries.loading && !deliveries.data && <Progress label="Loading the deliveries…" />}
      <ErrorMessage error={deliveries.error} onRetry={deliveries.reload} />
      {deliveries.data?.length === 0 && <p class="muted">No delivery.</p>}
      {deliveries.data && deliveries.data.length > 0 && (
        // Focusable, so the keyboard can scroll it sideways on a narrow screen.
        <div class="table-scroll" tabIndex={0} role="region" aria-label="Deliveries table">
          <table class="deliveries">
            <caption>Deliveries, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Last code</th>
                <th scope="col">Last error</th>
                <th scope="col">Time</th>
                <th scope="col">URL</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.data.map((delivery) => (
                <tr key={delivery.id} data-delivery={delivery.id} data-event={delivery.event}>
                  <td>{delivery.event}</td>
                  <td>
                    <span class={`delivery-${delivery.status}`}>{delivery.status}</span>
                  </td>
                  <td>{delivery.attempts}</td>
                  <td>{delivery.last_status_code ?? '—'}</td>
                  <td>{delivery.last_error ?? '—'}</td>
                  <td>{when(delivery.completed_at ?? delivery.created_at)}</td>
                  <td class="url">{delivery.url}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
