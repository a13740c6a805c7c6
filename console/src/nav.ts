import type { Scope } from './api/client';

/** The console's screens in the navigation; an entry shows when the credentials hold one of its scopes. */
export interface NavEntry {
  href: string;
  label: string;
  scopes: readonly Scope[];
}

export const navEntries: readonly NavEntry[] = [
  { href: '/console/inbox', label: 'Inbox', scopes: ['conversations.readonly', 'conversations.write'] },
  { href: '/console/settings/ai', label: 'Settings → AI', scopes: ['admin'] },
  { href: '/console/settings/channels', label: 'Settings → Channels', scopes: ['admin'] },
  { href: '/console/agents', label: 'Agents', scopes: ['conversation-ai.readonly', 'conversation-ai.write'] },
];
