/**
 * The console's routes. Every screen is under /console/ (the service answers index.html for all of
 * them); a screen whose scopes the credentials lack says so rather than calling the API for a 403.
 */
import type { ComponentChildren } from 'preact';
import { lazy, LocationProvider, Route, Router, useLocation } from 'preact-iso';
import { useEffect } from 'preact/hooks';
import type { Scope } from './api/client';
import { Layout, Screen } from './components/layout';
import { Progress } from './components/progress';
import { navEntries } from './nav';
import { AiTest } from './screens/ai-test';
import { Conversation } from './screens/conversation';
import { Inbox } from './screens/inbox';
import { SettingsAi } from './screens/settings-ai';
import { SignIn } from './screens/sign-in';
import { mayUse, SessionProvider, useSession } from './session';

/** Shows `children` when the credentials hold one of `scopes`, else says which are needed. */
function Allowed({ scopes, children }: { scopes: readonly Scope[]; children: ComponentChildren }) {
  const { me } = useSession();
  if (me && mayUse(me, scopes)) return <>{children}</>;
  return (
    <Screen title="Not allowed">
      <p>These credentials lack the scope this screen needs: {scopes.join(' or ')}.</p>
    </Screen>
  );
}

/** `/console/`: the first screen these credentials may use. */
function Home() {
  const { me } = useSession();
  const { route } = useLocation();
  const first = navEntries.find((entry) => me && mayUse(me, entry.scopes));
  useEffect(() => {
    if (first) route(first.href, true);
  }, [first, route]);
  return first ? null : (
    <Screen title="Nothing to show">
      <p>These credentials hold no scope any console screen uses.</p>
    </Screen>
  );
}

const conversationScopes: readonly Scope[] = ['conversations.readonly', 'conversations.write'];

// Module-level components: an inline one would be a new component (and remount) on every render.
const InboxScreen = () => (
  <Allowed scopes={conversationScopes}>
    <Inbox />
  </Allowed>
);
const ConversationScreen = ({ id }: { id: string }) => (
  <Allowed scopes={conversationScopes}>
    <Conversation id={id} />
  </Allowed>
);
const SettingsAiScreen = () => (
  <Allowed scopes={['admin']}>
    <SettingsAi />
  </Allowed>
);
const AiTestScreen = () => (
  <Allowed scopes={['admin']}>
    <AiTest />
  </Allowed>
);
/** A screen loaded on demand that could not be (the network dropped, a new build replaced it): said, not blank. */
const NotLoaded = ({ title }: { title: string }) => (
  <Screen title={title}>
    <div class="error" role="alert">
      <p>This screen could not be loaded. Check the connection and reload the page.</p>
    </div>
  </Screen>
);
// Agents and Settings → Channels bring the API's schemas (zod) to validate their forms: loaded only
// when opened, so the first visit does not pay for them.
const Agents = lazy(() =>
  import('./screens/agents').then(
    (module) => module.Agents,
    () => () => <NotLoaded title="Agents" />,
  ),
);
const Channels = lazy(() =>
  import('./screens/channels').then(
    (module) => module.Channels,
    () => () => <NotLoaded title="Settings → Channels" />,
  ),
);
const ChannelsScreen = () => (
  <Allowed scopes={['admin']}>
    <Channels />
  </Allowed>
);
const AgentsScreen = () => (
  <Allowed scopes={['conversation-ai.readonly', 'conversation-ai.write']}>
    <Agents />
  </Allowed>
);
const NotFound = () => (
  <Screen title="Not found">
    <p>
      There is no such screen. <a href="/console/">Back to the start</a>
    </p>
  </Screen>
);

function Screens() {
  const { me } = useSession();
  if (me === undefined) {
    return (
      <main id="main">
        <Progress label="Signing in…" />
      </main>
    );
  }
  if (me === null) return <SignIn />;
  return (
    <Layout me={me}>
      <Router>
        <Route path="/console" component={Home} />
        <Route path="/console/" component={Home} />
        <Route path="/console/inbox" component={InboxScreen} />
        <Route path="/console/conversations/:id" component={ConversationScreen} />
        <Route path="/console/settings/ai" component={SettingsAiScreen} />
        <Route path="/console/settings/ai/test" component={AiTestScreen} />
        <Route path="/console/settings/channels" component={ChannelsScreen} />
        <Route path="/console/agents" component={AgentsScreen} />
        <Route default component={NotFound} />
      </Router>
    </Layout>
  );
}

export function App() {
  return (
    <LocationProvider scope="/console">
      <SessionProvider>
        <Screens />
      </SessionProvider>
    </LocationProvider>
  );
}
