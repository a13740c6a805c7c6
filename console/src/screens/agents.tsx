/**
 * Agents (seed 004): the organization's conversation AI agents, searched by name and paged; an
 * agent's settings, actions and follow-up settings; the knowledge bases and calendars they use; and
 * (for admins) the AI provider's status, which an `insufficient_quota` answer sets and a reset clears.
 * Loaded on demand (app.tsx): it brings the API's agent schemas (zod) to validate its forms.
 */
import { useState } from 'preact/hooks';
import { api, call, type Schemas } from '../api/client';
import { useAction, useQuery } from '../api/hooks';
import { ErrorMessage } from '../components/error-message';
import { Screen } from '../components/layout';
import { Progress } from '../components/progress';
import { mayUse, useSession } from '../session';
import { Actions, actionTypeLabels } from './agent-actions';
import { AgentForm, type Agent } from './agent-form';
import { FollowupSettings } from './agent-followups';
import { Calendars, KnowledgeBases } from './agent-resources';
import { conversationAiHeader } from './agents-api';
import { inputValue } from './channels-webhooks';

const PAGE_SIZE = 20;

type Page = Schemas['SearchEmployeeResponseDTO'];

/** A page of agents whose name contains `query` (the API wants it in lowercase), after `startAfter`. */
const searchAgents = (query: string, startAfter?: string, limit = PAGE_SIZE): Promise<Page> =>
  call(
    api.GET('/conversation-ai/agents/search', {
      params: {
        header: conversationAiHeader,
        query: { limit, ...(query ? { query: query.toLowerCase() } : {}), ...(startAfter ? { startAfter } : {}) },
      },
    }),
  );

/** The AI provider's status: out of funds stops every agent until someone resets it. */
function ProviderStatus() {
  const status = useQuery(() => call(api.GET('/v1/ai/provider-status')), []);
  const resetting = useAction(async () => {
    const reset = await call(api.DELETE('/v1/ai/provider-status'));
    status.reload();
    return reset;
  });
  return (
    <section class="panel provider-status" aria-labelledby="provider-heading">
      <h2 id="provider-heading">AI provider</h2>
      {status.loading && !status.data && <Progress label="Checking the provider status…" />}
      <ErrorMessage error={status.error} onRetry={status.reload} />
      {status.data?.status === 'ok' && (
        <p role="status">
          <span class="badge badge-active">OK</span> The provider answers; agents reply as configured.
        </p>
      )}
      {status.data?.status === 'insufficient_funds' && (
        <div class="error" role="alert">
          <p>
            <strong>Insufficient funds:</strong> the provider refused a reply for lack of credit (insufficient_quota).
            Agents send nothing and AI cannot be turned on in a conversation until the status is reset. Top up the
            provider account, then reset.
          </p>
          <button type="button" disabled={resetting.pending} onClick={() => void resetting.run()}>
            Reset provider status
          </button>
        </div>
      )}
      {resetting.pending && <Progress label="Resetting the provider status…" />}
      <ErrorMessage error={resetting.error} />
    </section>
  );
}

/** The selected agent: its settings, actions and follow-up settings, read fresh from the API. */
function AgentDetail({
  agentId,
  notice,
  knowledgeBases,
  calendars,
  canWrite,
  onSaved,
  onDeleted,
}: {
  agentId: string;
  notice: string | null;
  knowledgeBases: Schemas['KnowledgeBase'][];
  calendars: Schemas['Calendar'][];
  canWrite: boolean;
  onSaved: (agent: Agent) => void;
  onDeleted: () => void;
}) {
  const params = { header: conversationAiHeader, path: { agentId } };
  const agent = useQuery(() => call(api.GET('/conversation-ai/agents/{agentId}', { params })), [agentId]);
  const actions = useQuery(
    () => call(api.GET('/conversation-ai/agents/{agentId}/actions/list', { params })).then((answer) => answer.data),
    [agentId],
  );
  // Transfers go to another agent: every agent (the API's largest page), not just the search's.
  const others = useQuery(() => searchAgents('', undefined, 100), [agentId]);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const deleting = useAction(async () => {
    await call(api.DELETE('/conversation-ai/agents/{agentId}', { params }));
    onDeleted();
    return true;
  });
  const transferTargets = (others.data?.agents ?? []).filter((other) => other.id !== agentId);
  const followupIds = (actions.data ?? [])
    .filter((action) => action.type === 'ADVANCED_FOLLOWUP')
    .map((action) => action.id)
    .join();
  return (
    <div class="agent-detail">
      {notice && <p role="status">{notice}</p>}
      <section class="panel" aria-labelledby="agent-heading">
        <h2 id="agent-heading">{agent.data ? agent.data.name : 'Agent'}</h2>
        {agent.loading && !agent.data && <Progress label="Loading the agent…" />}
        <ErrorMessage error={agent.error} onRetry={agent.reload} />
        {agent.data && (
          <>
            <p class="muted">
              {agent.data.actions.length === 0
                ? 'No actions.'
                : agent.data.actions.map((action) => actionTypeLabels[action.type]).join(' · ')}
            </p>
            <AgentForm
              agent={agent.data}
              firstAgent={false}
              knowledgeBases={knowledgeBases}
              canWrite={canWrite}
              onSaved={(saved) => {
                agent.reload();
                onSaved(saved);
              }}
            />
            {canWrite && (
              <div class="buttons">
                {confirmDelete ? (
                  <button type="button" class="danger" disabled={deleting.pending} onClick={() => void deleting.run()}>
                    Really delete {agent.data.name}
                  </button>
                ) : (
                  <button type="button" class="secondary" onClick={() => setConfirmDelete(true)}>
                    Delete agent
                  </button>
                )}
              </div>
            )}
            {deleting.pending && <Progress label="Deleting the agent…" />}
            <ErrorMessage error={deleting.error} />
          </>
        )}
      </section>
      {actions.loading && !actions.data && <Progress label="Loading the actions…" />}
      <ErrorMessage error={actions.error} onRetry={actions.reload} />
      <ErrorMessage error={others.error} onRetry={others.reload} />
      {actions.data && (
        <>
          <Actions
            agentId={agentId}
            actions={actions.data}
            calendars={calendars}
            agents={transferTargets}
            canWrite={canWrite}
            onChanged={() => {
              actions.reload();
              agent.reload();
            }}
          />
          <FollowupSettings
            key={followupIds}
            agentId={agentId}
            actions={actions.data}
            canWrite={canWrite}
            onSaved={actions.reload}
          />
        </>
      )}
    </div>
  );
}

type Selection = { kind: 'new' } | { kind: 'agent'; id: string; notice: string | null } | null;

export function Agents() {
  const { me } = useSession();
  const canWrite = !!me && mayUse(me, ['conversation-ai.write']);
  const isAdmin = !!me && me.scopes.includes('admin');
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState('');
  const [generation, setGeneration] = useState(0);
  const first = useQuery(() => searchAgents(query), [query, generation]);
  const [more, setMore] = useState<{ generation: number; agents: Agent[]; last: Page | null }>({
    generation: 0,
    agents: [],
    last: null,
  });
  // Pages loaded after the first belong to one search; a new search or a reload starts again.
  const later = more.generation === generation && more.last ? more : { agents: [], last: null };
  const agents = [...(first.data?.agents ?? []), ...later.agents];
  const lastPage = later.last ?? first.data;
  const loadingMore = useAction(async () => {
    const page = await searchAgents(query, agents.at(-1)?.id);
    setMore({ generation, agents: [...later.agents, ...page.agents], last: page });
    return page;
  });
  const refresh = () => setGeneration((n) => n + 1);
  const [selection, setSelection] = useState<Selection>(null);
  const knowledgeBases = useQuery(() => call(api.GET('/v1/knowledge-bases')), []);
  const calendars = useQuery(() => call(api.GET('/v1/calendars')), []);

  return (
    <Screen title="Agents">
      {isAdmin && <ProviderStatus />}
      {/* The list, the chosen agent, then what agents use: in that order on a phone. */}
      <div class="agents-layout">
        <div class="agents-list">
          <section class="panel" aria-labelledby="agents-heading">
            <h2 id="agents-heading">Agents</h2>
            <form
              class="search"
              role="search"
              onSubmit={(event) => {
                event.preventDefault();
                setQuery(typed.trim());
                refresh();
              }}
            >
              <label for="agent-search">Search by name</label>
              <div class="with-unit">
                <input id="agent-search" type="search" value={typed} onInput={inputValue(setTyped)} />
                <button type="submit">Search</button>
              </div>
            </form>
            {first.loading && <Progress label="Loading the agents…" />}
            <ErrorMessage error={first.error} onRetry={first.reload} />
            {first.data && (
              <p class="muted" aria-live="polite">
                {query
                  ? `${agents.length} shown whose name contains “${query}” (of ${first.data.totalCount} agents)`
                  : `${agents.length} of ${first.data.totalCount} agents`}
              </p>
            )}
            <ul class="account-list" aria-label="Agents">
              {agents.map((agent) => (
                <li key={agent.id} data-agent={agent.id}>
                  <button
                    type="button"
                    class="account-choice"
                    aria-pressed={selection?.kind === 'agent' && selection.id === agent.id}
                    onClick={() => setSelection({ kind: 'agent', id: agent.id, notice: null })}
                  >
                    <strong>{agent.name}</strong>
                    <span class="muted">
                      {agent.mode} · {agent.channels.join(', ') || 'no channel'}
                      {agent.isPrimary ? ' · primary' : ''}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
            {lastPage && lastPage.count === PAGE_SIZE && (
              <button
                type="button"
                class="secondary"
                disabled={loadingMore.pending}
                onClick={() => void loadingMore.run()}
              >
                More agents
              </button>
            )}
            {loadingMore.pending && <Progress label="Loading more agents…" />}
            <ErrorMessage error={loadingMore.error} />
            {canWrite && (
              <div class="buttons">
                <button type="button" onClick={() => setSelection({ kind: 'new' })}>
                  New agent
                </button>
              </div>
            )}
          </section>
        </div>
        <div class="agents-detail">
          {selection?.kind === 'new' ? (
            <section class="panel" aria-labelledby="new-agent-heading">
              <h2 id="new-agent-heading">New agent</h2>
              <AgentForm
                agent={null}
                firstAgent={first.data?.totalCount === 0}
                knowledgeBases={knowledgeBases.data ?? []}
                canWrite={canWrite}
                onSaved={(created) => {
                  refresh();
                  setSelection({ kind: 'agent', id: created.id, notice: `Agent ${created.name} created.` });
                }}
              />
            </section>
          ) : selection?.kind === 'agent' ? (
            <AgentDetail
              key={selection.id}
              agentId={selection.id}
              notice={selection.notice}
              knowledgeBases={knowledgeBases.data ?? []}
              calendars={calendars.data ?? []}
              canWrite={canWrite}
              onSaved={refresh}
              onDeleted={() => {
                refresh();
                setSelection(null);
              }}
            />
          ) : (
            <p class="muted">Choose an agent to see its settings, actions and follow-ups, or create one.</p>
          )}
        </div>
        <div class="agents-resources">
          <KnowledgeBases list={knowledgeBases} canWrite={canWrite} />
          <Calendars list={calendars} canWrite={canWrite} />
        </div>
      </div>
    </Screen>
  );
}
