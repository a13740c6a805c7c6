import type { ComponentChildren } from 'preact';
import { useLocation } from 'preact-iso';
import { navEntries } from '../nav';
import { mayUse, useSession, type Me } from '../session';

/** The frame of every signed-in screen: the navigation the credentials allow, who is signed in, sign out. */
export function Layout({ me, children }: { me: Me; children: ComponentChildren }) {
  const { signOut } = useSession();
  const { path } = useLocation();
  const entries = navEntries.filter((entry) => mayUse(me, entry.scopes));
  return (
    <div class="layout">
      <header class="top">
        <a class="brand" href="/console/">
          convo-pilot
        </a>
        <nav aria-label="Main">
          <ul>
            {entries.map((entry) => (
              <li key={entry.href}>
                <a href={entry.href} aria-current={path.startsWith(entry.href) ? 'page' : undefined}>
                  {entry.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="who">
          <span title={`Organization ${me.organization_id}`}>{me.actor.name ?? me.actor.id}</span>
          <button type="button" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main">{children}</main>
    </div>
  );
}

/** A screen's heading and body, the same on every screen. */
export function Screen({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <section class="screen">
      <h1>{title}</h1>
      {children}
    </section>
  );
}
