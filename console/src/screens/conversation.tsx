/**
 * One conversation as a support agent works it: the transcript (live), each AI turn behind its
 * message, the controls (AI on/off, take over / hand back, close / reopen), a composer that writes
 * as the human, a SUGGESTIVE agent's suggestions to approve or dismiss, and the bot's timers.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, call, type Schemas } from '../api/client';
import { useAction, usePolling, useQuery } from '../api/hooks';
import { BotStateBadge, when } from '../components/bot-state';
import { ErrorMessage } from '../components/error-message';
import { Screen } from '../components/layout';
import { Progress } from '../components/progress';
import { markSeen } from '../seen';
import { mayUse, useSession } from '../session';

type Details = Schemas['Conversation'];
type Message = Schemas['TranscriptMessage'];
type Turn = Schemas['AiTurn'];

const LIVE_REFRESH_MS = 2_000;
const TRANSCRIPT_PAGE = 200;

/**
 * The whole transcript, oldest first: every page once, then only what came after the last message
 * shown, every 2 s.
 */
function useTranscript(conversationId: string) {
  const [messages, setMessages] = useState<Message[]>([]);
  const [error, setError] = useState<Error>();
  const [loaded, setLoaded] = useState(false);
  const busy = useRef(false);
  const last = useRef<string | undefined>(undefined);
  const fetchMore = async () => {
    if (busy.current) return;
    busy.current = true;
    try {
      let cursor: string | null | undefined;
      do {
        const page = await call(
          api.GET('/v1/conversations/{conversationId}/messages', {
            params: {
              path: { conversationId },
              query: { limit: TRANSCRIPT_PAGE, ...(cursor ? { cursor } : last.current ? { after: last.current } : {}) },
            },
          }),
        );
        if (page.messages.length) {
          last.current = page.messages.at(-1)!.id;
          setMessages((shown) => [...shown, ...page.messages]);
        }
        cursor = page.next_cursor;
      } while (cursor);
      setError(undefined);
      setLoaded(true);
    } catch (failure) {
      setError(failure as Error);
    } finally {
      busy.current = false;
    }
  };
  useEffect(() => {
    void fetchMore();
  }, []);
  usePolling(() => void fetchMore(), LIVE_REFRESH_MS);
  // A message's status changes after it is shown (pending → sent): the tail is read again.
  const refreshStatuses = () => {
    last.current = undefined;
    setMessages([]);
    void fetchMore();
  };
  return { messages, error, loaded, refreshStatuses };
}

function TurnDetails({ turn }: { turn: Turn }) {
  return (
    <details class="turn">
      <summary>
        AI turn: {turn.outcome}
        {turn.reason ? ` (${turn.reason})` : ''}
        {turn.tokens ? ` · ${turn.tokens.total} tokens` : ''}
        {turn.latency_ms !== null ? ` · ${turn.latency_ms} ms` : ''}
      </summary>
      <dl>
        <dt>Model</dt>
        <dd>{turn.model}</dd>
        {turn.agent && (
          <>
            <dt>Agent</dt>
            <dd>
              {turn.agent.id} ({turn.agent.mode})
            </dd>
          </>
        )}
        {turn.tokens && (
          <>
            <dt>Tokens</dt>
            <dd>
              {turn.tokens.prompt} prompt + {turn.tokens.completion} completion = {turn.tokens.total}
            </dd>
          </>
        )}
        <dt>Answering</dt>
        <dd>{turn.trigger_message_ids.length} message(s) of the contact</dd>
      </dl>
      {turn.actions.length > 0 && (
        <>
          <h3>Actions</h3>
          <ul>
            {turn.actions.map((action) => (
              <li key={`${action.action_id}-${action.at}`}>
                {action.name} ({action.type}): {action.status} — {action.result}
              </li>
            ))}
          </ul>
        </>
      )}
      {turn.knowledge.length > 0 && (
        <>
          <h3>Knowledge cited</h3>
          <ul>
            {turn.knowledge.map((chunk) => (
              <li key={chunk.chunk_id}>
                <q>{chunk.text}</q> <span class="muted">(score {chunk.score.toFixed(2)})</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </details>
  );
}

const authorLabel = (message: Message) =>
  message.author === 'human'
    ? (message.sent_by?.name ?? message.sent_by?.email ?? 'A human')
    : { contact: 'Contact', ai: 'AI', system: 'Automation' }[message.author];

function Transcript({ messages, turns }: { messages: Message[]; turns: Turn[] }) {
  const turnOf = new Map(turns.map((turn) => [turn.reply_message_id, turn]));
  // Turns that sent nothing (skipped, failed, superseded) appear where they happened.
  const silent = turns.filter((turn) => !messages.some((message) => message.id === turn.reply_message_id));
  type Entry = { at: string; message: Message; turn?: never } | { at: string; turn: Turn; message?: never };
  const entries: Entry[] = [
    ...messages.map((message) => ({ at: message.created_at, message })),
    ...silent.map((turn) => ({ at: turn.created_at, turn })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <ol class="transcript" aria-label="Transcript">
      {entries.map((entry) =>
        entry.message ? (
          <li key={entry.message.id} class={`bubble ${entry.message.direction} author-${entry.message.author}`}>
            <div class="bubble-head">
              <strong>{authorLabel(entry.message)}</strong>
              <time dateTime={entry.message.created_at}>{when(entry.message.created_at)}</time>
              {entry.message.direction === 'outbound' && (
                <span class={`status status-${entry.message.status}`}>{entry.message.status}</span>
              )}
            </div>
            {entry.message.kind !== 'text' && <p class="muted">[{entry.message.kind}]</p>}
            <p class="text">{entry.message.text}</p>
            {entry.message.error && <p class="muted">{entry.message.error}</p>}
            {turnOf.get(entry.message.id) && <TurnDetails turn={turnOf.get(entry.message.id)!} />}
          </li>
        ) : (
          <li key={entry.turn.id} class="note">
            <TurnDetails turn={entry.turn} />
          </li>
        ),
      )}
    </ol>
  );
}

function Controls({ details, onChange }: { details: Details; onChange: () => void }) {
  const [category, setCategory] = useState('');
  const [summary, setSummary] = useState('');
  const change = useAction(async (request: () => Promise<unknown>) => {
    await request();
    onChange();
  });
  const paused = !details.bot_active;
  const closed = details.status === 'closed';
  return (
    <section class="panel" aria-label="Controls">
      <h2>Controls</h2>
      <div class="buttons">
        <button
          type="button"
          disabled={change.pending}
          onClick={() =>
            void change.run(() =>
              call(
                api.POST('/functions/v1/bot-control', {
                  body: { conversation_id: details.id, action: paused ? 'resume' : 'pause' },
                }),
              ),
            )
          }
        >
          {paused ? 'Hand back to the bot' : 'Take over'}
        </button>
        <button
          type="button"
          class="secondary"
          disabled={change.pending}
          onClick={() =>
            void change.run(() =>
              call(
                api.POST('/api/conversations/{id}/toggle-ai', {
                  params: { path: { id: details.number } },
                  body: { ai_enabled: !details.ai_enabled },
                }),
              ),
            )
          }
        >
          {details.ai_enabled ? 'Turn AI off' : 'Turn AI on'}
        </button>
      </div>
      {closed ? (
        <button
          type="button"
          class="secondary"
          disabled={change.pending || !details.contact}
          onClick={() =>
            void change.run(() =>
              call(
                api.POST('/contact/{identifier}/conversation/status', {
                  params: { path: { identifier: `id:${details.contact!.id}` } },
                  body: { status: 'open' },
                }),
              ),
            )
          }
        >
          Reopen
        </button>
      ) : (
        <form
          class="close-form"
          onSubmit={(event) => {
            event.preventDefault();
            void change.run(() =>
              call(
                api.POST('/contact/{identifier}/conversation/status', {
                  params: { path: { identifier: `id:${details.contact!.id}` } },
                  body: {
                    status: 'close',
                    ...(category.trim() ? { category: category.trim(), summary: summary.trim() || undefined } : {}),
                  },
                }),
              ),
            );
          }}
        >
          <div class="field">
            <label for="close-category">Closing category</label>
            <input
              id="close-category"
              maxLength={128}
              value={category}
              onInput={(e) => setCategory(e.currentTarget.value)}
            />
          </div>
          <div class="field">
            <label for="close-summary">Summary</label>
            <input
              id="close-summary"
              maxLength={512}
              value={summary}
              onInput={(e) => setSummary(e.currentTarget.value)}
            />
          </div>
          <button type="submit" class="secondary" disabled={change.pending || !details.contact}>
            Close conversation
          </button>
        </form>
      )}
      {change.pending && <Progress label="Saving…" />}
      <ErrorMessage error={change.error} />
    </section>
  );
}

function Composer({ conversationId, onSent }: { conversationId: string; onSent: () => void }) {
  const [text, setText] = useState('');
  const send = useAction(async () => {
    await call(
      api.POST('/v1/conversations/{conversationId}/messages', {
        params: { path: { conversationId } },
        body: { text, source: 'manual' },
      }),
    );
    setText('');
    onSent();
  });
  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        void send.run();
      }}
    >
      <label for="composer-text">Write as a human</label>
      <textarea
        id="composer-text"
        rows={3}
        required
        maxLength={10_000}
        value={text}
        onInput={(event) => setText(event.currentTarget.value)}
      />
      <p class="hint">
        The message goes through the conversation’s channel; the bot pauses (or sleeps, as its agent says).
      </p>
      <button type="submit" disabled={send.pending || !text.trim()}>
        Send
      </button>
      {send.pending && <Progress label="Sending…" />}
      <ErrorMessage error={send.error} />
    </form>
  );
}

function Suggestions({ conversationId, canWrite }: { conversationId: string; canWrite: boolean }) {
  const pending = useQuery(
    () =>
      call(
        api.GET('/v1/conversations/{conversationId}/suggestions', {
          params: { path: { conversationId }, query: { status: 'pending' } },
        }),
      ),
    [conversationId],
  );
  usePolling(pending.reload, LIVE_REFRESH_MS);
  const [edits, setEdits] = useState<Record<string, string>>({});
  const decide = useAction(async (suggestionId: string, decision: 'approve' | 'dismiss') => {
    const path = { conversationId, suggestionId };
    if (decision === 'approve') {
      await call(
        api.POST('/v1/conversations/{conversationId}/suggestions/{suggestionId}/approve', {
          params: { path },
          body: edits[suggestionId] !== undefined ? { text: edits[suggestionId] } : {},
        }),
      );
    } else {
      await call(
        api.POST('/v1/conversations/{conversationId}/suggestions/{suggestionId}/dismiss', { params: { path } }),
      );
    }
    pending.reload();
  });
  if (!pending.data?.length && !pending.error) return null;
  return (
    <section class="panel" aria-label="Suggested replies">
      <h2>Suggested replies</h2>
      <ErrorMessage error={pending.error} onRetry={pending.reload} />
      {pending.data?.map((suggestion) => (
        <div key={suggestion.id} class="suggestion">
          <label for={`suggestion-${suggestion.id}`}>Suggestion ({when(suggestion.created_at)})</label>
          <textarea
            id={`suggestion-${suggestion.id}`}
            rows={3}
            readOnly={!canWrite}
            value={edits[suggestion.id] ?? suggestion.text}
            onInput={(event) => setEdits({ ...edits, [suggestion.id]: event.currentTarget.value })}
          />
          {canWrite && (
            <div class="buttons">
              <button type="button" disabled={decide.pending} onClick={() => void decide.run(suggestion.id, 'approve')}>
                Approve and send
              </button>
              <button
                type="button"
                class="secondary"
                disabled={decide.pending}
                onClick={() => void decide.run(suggestion.id, 'dismiss')}
              >
                Dismiss
              </button>
            </div>
          )}
        </div>
      ))}
      <ErrorMessage error={decide.error} />
    </section>
  );
}

function Facts({ details }: { details: Details }) {
  return (
    <section class="panel" aria-label="About this conversation">
      <h2>About</h2>
      <dl>
        <dt>Bot</dt>
        <dd>
          <BotStateBadge state={details.bot_state} />
          {!details.live && <span class="muted"> (stored state: the workflow did not answer)</span>}
        </dd>
        <dt>Channel</dt>
        <dd>{details.channel ? `${details.channel.name} (${details.channel.type})` : details.channel_account_id}</dd>
        <dt>Agent</dt>
        <dd>{details.agent ? `${details.agent.name} (${details.agent.mode})` : 'none'}</dd>
        {details.wake_at && (
          <>
            <dt>Bot wakes up</dt>
            <dd>{when(details.wake_at)}</dd>
          </>
        )}
        {details.scheduled_followup && (
          <>
            <dt>Next follow-up</dt>
            <dd>
              step {details.scheduled_followup.step}, {when(details.scheduled_followup.due_at)}
            </dd>
          </>
        )}
        {details.closing && (
          <>
            <dt>Closed as</dt>
            <dd>
              {details.closing.category ?? 'no category'}
              {details.closing.summary ? `: ${details.closing.summary}` : ''}
            </dd>
          </>
        )}
        <dt>Temporal</dt>
        <dd>
          {details.temporal_ui_url ? (
            <a href={details.temporal_ui_url} target="_blank" rel="noreferrer">
              The run in the Temporal UI
            </a>
          ) : (
            <code>{details.temporal_workflow_id}</code>
          )}
        </dd>
      </dl>
    </section>
  );
}

export function Conversation({ id }: { id: string }) {
  const { me } = useSession();
  const canWrite = me ? mayUse(me, ['conversations.write']) : false;
  const details = useQuery(
    () => call(api.GET('/v1/conversations/{conversationId}', { params: { path: { conversationId: id } } })),
    [id],
  );
  const turns = useQuery(
    () =>
      call(
        api.GET('/v1/conversations/{conversationId}/ai-logs', {
          params: { path: { conversationId: id }, query: { limit: 200 } },
        }),
      ),
    [id],
  );
  const transcript = useTranscript(id);
  usePolling(() => {
    details.reload();
    turns.reload();
  }, LIVE_REFRESH_MS);
  useEffect(() => {
    if (details.data) markSeen(id, details.data.last_message_at);
  }, [id, details.data?.last_message_at]);
  const afterChange = () => {
    details.reload();
    transcript.refreshStatuses();
  };

  const data = details.data;
  const title = data?.contact?.name ?? data?.contact?.phone ?? (data ? `Chat ${data.chat.id}` : 'Conversation');
  return (
    <Screen title={title}>
      <p>
        <a href="/console/inbox">← Inbox</a>
      </p>
      <ErrorMessage error={details.error} onRetry={details.reload} />
      {!data && details.loading && <Progress label="Loading the conversation…" />}
      {data && (
        <div class="conversation">
          <div class="conversation-main">
            <ErrorMessage error={transcript.error as never} />
            {!transcript.loaded && <Progress label="Loading the transcript…" />}
            <Transcript messages={transcript.messages} turns={turns.data?.turns ?? []} />
            {canWrite && <Composer conversationId={id} onSent={afterChange} />}
          </div>
          <aside class="conversation-side">
            <Facts details={data} />
            <Suggestions conversationId={id} canWrite={canWrite} />
            {canWrite && <Controls details={data} onChange={afterChange} />}
          </aside>
        </div>
      )}
    </Screen>
  );
}
