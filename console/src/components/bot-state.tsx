import type { Schemas } from '../api/client';

type BotState = Schemas['ConversationSummary']['bot_state'];

const labels: Record<BotState, string> = {
  active: 'Bot active',
  sleeping: 'Bot sleeping',
  paused: 'Human has it',
  ai_disabled: 'AI off',
  closed: 'Closed',
};

/** Who answers the conversation now, as a badge. */
export function BotStateBadge({ state }: { state: BotState }) {
  return <span class={`badge badge-${state}`}>{labels[state]}</span>;
}

/** Dates as the reader's locale writes them. */
export const when = (iso: string) => new Date(iso).toLocaleString();
