/**
 * What this tab has read: the latest activity seen per conversation, in sessionStorage like the
 * credential (a conversation whose activity is newer than what was seen is unread).
 */
const STORAGE_KEY = 'convo-pilot.seen';

function load(): Record<string, string> {
  try {
    return JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? '{}') as Record<string, string>;
  } catch {
    return {};
  }
}

export function isUnread(conversationId: string, lastMessageAt: string): boolean {
  const seen = load()[conversationId];
  return seen === undefined || seen < lastMessageAt;
}

export function markSeen(conversationId: string, lastMessageAt: string): void {
  const seen = load();
  if ((seen[conversationId] ?? '') >= lastMessageAt) return;
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ ...seen, [conversationId]: lastMessageAt }));
}
