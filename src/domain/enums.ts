/**
 * The enumerations several domain modules share (model, AI configuration, agents): kept here, below
 * all of them, so none of them imports another for a list of names.
 */

/** Channels whose integration posts to the generic ingest route and receives the outbound hook. */
export const hookChannelTypes = ['whatsapp', 'sms', 'webchat', 'other'] as const;
/** Channels the service talks to natively, in the provider's own webhooks and send API (src/channels/). */
export const nativeChannelTypes = ['whatsapp_cloud', 'telegram', 'chatwoot', 'evolution'] as const;
export type HookChannelType = (typeof hookChannelTypes)[number];
export type NativeChannelType = (typeof nativeChannelTypes)[number];
export type ChannelType = HookChannelType | NativeChannelType;

export type ChatType = 'private' | 'group' | 'channel';
