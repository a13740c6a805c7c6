/**
 * What agents use: knowledge bases (text split into chunks the agent is given per reply) and the
 * calendars APPOINTMENT_BOOKING actions book against (their signing secret shown once).
 */
import { useState } from 'preact/hooks';
import { api, call, type Schemas } from '../api/client';
import { useAction, type Query } from '../api/hooks';
import { ErrorMessage } from '../components/error-message';
import { OneTimeSecrets } from '../components/one-time-secrets';
import { Progress } from '../components/progress';
import { inputValue } from './channels-webhooks';

type KnowledgeBase = Schemas['KnowledgeBase'];
type Calendar = Schemas['Calendar'];

/** A removal asked twice: the first click only asks to confirm. */
function RemoveButton({ name, remove }: { name: string; remove: () => Promise<unknown> }) {
  const [confirming, setConfirming] = useState(false);
  const removing = useAction(remove);
  return (
    <>
      {confirming ? (
        <button type="button" class="danger" disabled={removing.pending} onClick={() => void removing.run()}>
          Really remove {name}
        </button>
      ) : (
        <button type="button" class="secondary" onClick={() => setConfirming(true)}>
          Remove {name}
        </button>
      )}
      {removing.pending && <Progress label={`Removing ${name}…`} />}
      <ErrorMessage error={removing.error} />
    </>
  );
}

export function KnowledgeBases({ list, canWrite }: { list: Query<KnowledgeBase[]>; canWrite: boolean }) {
  const [name, setName] = useState('');
  const [text, setText] = useState('');
  const creating = useAction(async () => {
    const created = await call(api.POST('/v1/knowledge-bases', { body: { name, text } }));
    setName('');
    setText('');
    list.reload();
    return created;
  });
  return (
    <section class="panel" aria-labelledby="knowledge-heading">
      <h2 id="knowledge-heading">Knowledge bases</h2>
      {list.loading && !list.data && <Progress label="Loading the knowledge bases…" />}
      <ErrorMessage error={list.error} onRetry={list.reload} />
      {list.data?.length === 0 && <p class="muted">No knowledge base yet.</p>}
      <ul class="resource-list" aria-label="Knowledge bases">
        {list.data?.map((knowledgeBase) => (
          <li key={knowledgeBase.id}>
            <span>
              <strong>{knowledgeBase.name}</strong>{' '}
              <span class="muted">
                {knowledgeBase.chunk_count} {knowledgeBase.chunk_count === 1 ? 'chunk' : 'chunks'}
              </span>
            </span>
            {canWrite && (
              <RemoveButton
                name={knowledgeBase.name}
                remove={async () => {
                  await call(
                    api.DELETE('/v1/knowledge-bases/{knowledgeBaseId}', {
                      params: { path: { knowledgeBaseId: knowledgeBase.id } },
                    }),
                  );
                  list.reload();
                }}
              />
            )}
          </li>
        ))}
      </ul>
      {canWrite && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void creating.run();
          }}
        >
          <div class="field">
            <label for="knowledge-name">Knowledge base name</label>
            <input id="knowledge-name" required value={name} onInput={inputValue(setName)} />
          </div>
          <div class="field">
            <label for="knowledge-text">Text (up to 500 kB; split at paragraphs)</label>
            <textarea id="knowledge-text" required rows={4} value={text} onInput={inputValue(setText)} />
          </div>
          <button type="submit" disabled={creating.pending}>
            Add knowledge base
          </button>
          {creating.pending && <Progress label="Splitting the text into chunks…" />}
          {creating.result && !creating.pending && (
            <p role="status">
              {creating.result.name}: {creating.result.chunk_count} chunks.
            </p>
          )}
          <ErrorMessage error={creating.error} />
        </form>
      )}
    </section>
  );
}

export function Calendars({ list, canWrite }: { list: Query<Calendar[]>; canWrite: boolean }) {
  const [name, setName] = useState('');
  const [bookingUrl, setBookingUrl] = useState('');
  const [pageUrl, setPageUrl] = useState('');
  const [secretShown, setSecretShown] = useState(false);
  const creating = useAction(async () => {
    const created = await call(
      api.POST('/v1/calendars', {
        body: { name, booking_url: bookingUrl, booking_page_url: pageUrl.trim() || null },
      }),
    );
    setName('');
    setBookingUrl('');
    setPageUrl('');
    setSecretShown(true);
    list.reload();
    return created;
  });
  return (
    <section class="panel" aria-labelledby="calendars-heading">
      <h2 id="calendars-heading">Calendars</h2>
      {list.loading && !list.data && <Progress label="Loading the calendars…" />}
      <ErrorMessage error={list.error} onRetry={list.reload} />
      {list.data?.length === 0 && <p class="muted">No calendar yet.</p>}
      <ul class="resource-list" aria-label="Calendars">
        {list.data?.map((calendar) => (
          <li key={calendar.id}>
            <span>
              <strong>{calendar.name}</strong> <span class="muted url">{calendar.booking_url}</span>
            </span>
            {canWrite && (
              <RemoveButton
                name={calendar.name}
                remove={async () => {
                  // 409 while a booking action uses it: the API's message names them.
                  await call(
                    api.DELETE('/v1/calendars/{calendarId}', { params: { path: { calendarId: calendar.id } } }),
                  );
                  list.reload();
                }}
              />
            )}
          </li>
        ))}
      </ul>
      {canWrite && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void creating.run();
          }}
        >
          <div class="field">
            <label for="calendar-name">Calendar name</label>
            <input id="calendar-name" required value={name} onInput={inputValue(setName)} />
          </div>
          <div class="field">
            <label for="calendar-booking-url">Booking URL (the service POSTs bookings here, signed)</label>
            <input
              id="calendar-booking-url"
              type="url"
              required
              value={bookingUrl}
              onInput={inputValue(setBookingUrl)}
            />
          </div>
          <div class="field">
            <label for="calendar-page-url">Booking page URL (optional: the link sent to contacts)</label>
            <input id="calendar-page-url" type="url" value={pageUrl} onInput={inputValue(setPageUrl)} />
          </div>
          <button type="submit" disabled={creating.pending}>
            Add calendar
          </button>
          {creating.pending && <Progress label="Registering the calendar…" />}
          <ErrorMessage error={creating.error} />
        </form>
      )}
      {creating.result && secretShown && !creating.pending && (
        <OneTimeSecrets
          title={`Signing secret of ${creating.result.name}`}
          secrets={[{ label: 'Signing secret (verifies the booking calls)', value: creating.result.signing_secret }]}
          onDone={() => setSecretShown(false)}
        />
      )}
    </section>
  );
}
