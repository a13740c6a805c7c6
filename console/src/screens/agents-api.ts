import type { operations } from '../api/schema';

/** Seed 004's `Version` header, which every /conversation-ai route requires (typed by the generated client). */
export const conversationAiHeader = {
  Version: '2021-04-15',
} as const satisfies operations['createAgent']['parameters']['header'];
