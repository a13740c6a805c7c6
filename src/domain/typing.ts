/** How long the channel shows "typing…" before a reply: grows with its length, within bounds. */
export interface TypingPace {
  msPerCharacter: number;
  maxMs: number;
}

export function typingDurationMs(text: string, pace: TypingPace): number {
  return Math.min(pace.maxMs, Math.round(text.length * pace.msPerCharacter));
}
