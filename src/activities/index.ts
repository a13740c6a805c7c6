import { createChannelDeliveryActivities, type ChannelDeliveryDeps } from './channel-delivery.js';
import { createReplyGenerationActivities, type ReplyGenerationDeps } from './reply-generation.js';

export type ActivityDeps = ReplyGenerationDeps & ChannelDeliveryDeps;

/** All activities the conversation workflow calls, built from their dependencies (one set per worker). */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createReplyGenerationActivities(deps),
    ...createChannelDeliveryActivities(deps),
  };
}

export type ConversationActivities = ReturnType<typeof createActivities>;
