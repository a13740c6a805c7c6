/**
 * The inbox: the organization's conversations, newest activity first, refreshed every 2 s, with
 * filters, unread and waiting-for-a-human markers and who answers each one.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, call, type Schemas } from '../api/client';
import type { paths } from '../api/schema';
import { usePolling, useQuery } from '../api/hooks';
import { BotStateBadge, when } from '../components/bot-state';
import { ErrorMessage } from '../components/error-message';
import { Screen } from '../components/layout';
import { Progress } from '../components/progress';
import { isUnread } from '../seen';
import { mayUse, useSession } from '../session';

type Filters = Omit<NonNullable<paths['/v1/conversations']['get']['parameters']['query']>, 'limit' | 'cursor'>;
type Summary = Schemas['ConversationSummary'];

const LIVE_REFRESH_MS = 2_000;
const PAGE_SIZE = 50;

function listPage(query: Filters & { cursor?: string }) {
  return call(api.GET('/v1/conversations', { params: { query: { ...query, limit: PAGE_SIZE } } }));
}

/** `value` once it has stopped changing for `ms` (typing in the search box). */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

function ConversationRow({ conversation }: { conversation: Summary }) {
  const { contact } = conversation;
  const unread = isUnread(conversation.id, conversation.last_message_at);
  const waitingForHuman = conversation.awaiting_reply && conversation.bot_state !== 'active';
  return (
    <li class={`conversation-row${unread ? ' unread' : ''}`} data-conversation={conversation.id}>
      <a href={`/console/conversations/${conversation.id}`}>
        <span class="who-name">
          {contact?.name ?? contact?.phone ?? contact?.email ?? `Chat ${conversation.chat.id}`}
        </span>
        {contact?.name && contact.phone && <span class="muted"> {contact.phone}</span>}
      </a>
      <span class="markers">
        {unread && <span class="marker marker-unread">New</span>}
        {waitingForHuman && <span class="marker marker-waiting">Waiting for a human</span>}
        <BotStateBadge state={conversation.bot_state} />
      </span>
      <time dateTime={conversation.last_message_at} class="muted">
        {when(conversation.last_message_at)}
      </time>
    </li>
  );
}

export function Inbox() {
  const { me } = useSession();
  const isAdmin = me ? mayUse(me, ['admin']) : false;
  const [status, setStatus] = useState<Filters['status']>('open');
  const [botState, setBotState] = useState<Filters['bot_state']>(undefined);
  const [accountId, setAccountId] = useState('');
  const [searchText, setSearchText] = useState('');
  const search = useSettled(searchText.trim(), 300);
  const filters: Filters = {
    ...(status ? { status } : {}),
    ...(botState ? { bot_state: botState } : {}),
    ...(accountId ? { channel_account_id: accountId } : {}),
    ...(search ? { search } : {}),
  };
  const first = useQuery(() => listPage(filters), [status, botState, accountId, search]);
  usePolling(first.reload, LIVE_REFRESH_MS);
  // Older pages, loaded on demand; a filter change starts over.
  const [older, setOlder] = useState<{ rows: Summary[]; cursor: string | null; error?: Error; loading: boolean }>();
  useEffect(() => setOlder(undefined), [status, botState, accountId, search]);
  const accounts = useQuery(() => (isAdmin ? call(api.GET('/v1/accounts')) : Promise.resolve([])), [isAdmin]);

  const rows = [...(first.data?.conversations ?? []), ...(older?.rows ?? [])];
  const shown = rows.filter((row, index) => rows.findIndex((other) => other.id === row.id) === index);
  const nextCursor = older ? older.cursor : (first.data?.next_cursor ?? null);
  const loadOlder = async () => {
    if (!nextCursor) return;
    setOlder((previous) => ({ rows: previous?.rows ?? [], cursor: nextCursor, loading: true }));
    try {
      const page = await listPage({ ...filters, cursor: nextCursor });
      setOlder((previous) => ({
        rows: [...(previous?.rows ?? []), ...page.conversations],
        cursor: page.next_cursor,
        loading: false,
      }));
    } catch (error) {
      setOlder((previous) => ({
        rows: previous?.rows ?? [],
        cursor: nextCursor,
        error: error as Error,
        loading: false,
      }));
    }
  };

  return (
    <Screen title="Inbox">
      <form class="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <div class="field">
          <label for="inbox-search">Search contacts</label>
          <input
            id="inbox-search"
            type="search"
            placeholder="Name, phone or email"
            maxLength={100}
            value={searchText}
            onInput={(event) => setSearchText(event.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="inbox-status">Status</label>
          <select
            id="inbox-status"
            value={status ?? ''}
            onChange={(event) => setStatus((event.currentTarget.value || undefined) as Filters['status'])}
          >
            <option value="open">Open</option>
            <option value="closed">Closed</option>
            <option value="">Any</option>
          </select>
        </div>
        <div class="field">
          <label for="inbox-bot-state">Who answers</label>
          <select
            id="inbox-bot-state"
            value={botState ?? ''}
            onChange={(event) => setBotState((event.currentTarget.value || undefined) as Filters['bot_state'])}
          >
            <option value="">Anyone</option>
            <option value="active">The bot</option>
            <option value="paused">A human (bot paused or sleeping)</option>
            <option value="ai_disabled">Nobody (AI off)</option>
            <option value="closed">Closed</option>
          </select>
        </div>
        {isAdmin && (
          <div class="field">
            <label for="inbox-account">Channel account</label>
            <select id="inbox-account" value={accountId} onChange={(event) => setAccountId(event.currentTarget.value)}>
              <option value="">All accounts</option>
              {accounts.data?.map((account) => (
                <option key={account.id} value={account.id}>
                  {account.name}
                </option>
              ))}
            </select>
          </div>
        )}
      </form>
      <ErrorMessage error={first.error} onRetry={first.reload} />
      {first.loading && !first.data && <Progress label="Loading conversations…" />}
      {first.data && shown.length === 0 && <p class="muted">No conversation matches.</p>}
      <ul class="conversation-list" aria-label="Conversations">
        {shown.map((conversation) => (
          <ConversationRow key={conversation.id} conversation={conversation} />
        ))}
      </ul>
      {older?.error && (
        <p class="error" role="alert">
          {older.error.message}
        </p>
      )}
      {nextCursor && (
        <button type="button" class="secondary" disabled={older?.loading} onClick={() => void loadOlder()}>
          {older?.loading ? 'Loading…' : 'Older conversations'}
        </button>
      )}
    </Screen>
  );
}
