import type { BotState, ConversationControls } from './definitions.js';

/**
 * The bot state shown in the Temporal UI (`botState` search attribute): `sleeping` is a pause with a
 * wake-up timer (after a manual message, an action), `paused` one that lasts until a human resumes.
 */
export function botState(controls: ConversationControls, hasWakeTimer = false): BotState {
  if (controls.status === 'closed') return 'closed';
  if (!controls.botActive) return hasWakeTimer ? 'sleeping' : 'paused';
  if (!controls.aiEnabled) return 'ai_disabled';
  return 'active';
}
