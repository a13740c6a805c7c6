import type { ConversationControls } from './definitions.js';

/** The bot state shown in the Temporal UI (`botState` search attribute), from the controls. */
export function botState(controls: ConversationControls): 'active' | 'paused' | 'ai_disabled' | 'closed' {
  if (controls.status === 'closed') return 'closed';
  if (!controls.botActive) return 'paused';
  if (!controls.aiEnabled) return 'ai_disabled';
  return 'active';
}
