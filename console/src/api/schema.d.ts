/**
 * Generated, do not edit: the API's types, from the OpenAPI document the service builds from its zod
 * schemas. Regenerate with `npm run generate:console-client` after changing a route.
 */

export interface paths {
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process answers */
        get: operations["health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: MongoDB and Temporal both answer */
        get: operations["ready"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller: organization, actor and scopes of these credentials
         * @description Any valid API key, account token or admin JWT may ask; it reveals nothing the holder could not use.
         */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List this organization’s API keys (never the keys themselves) */
        get: operations["listApiKeys"];
        put?: never;
        /**
         * Issue an API key for this organization
         * @description The key is returned once; only its SHA-256 hash is stored.
         */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/{keyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API key */
        delete: operations["revokeApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List channel accounts */
        get: operations["listChannelAccounts"];
        put?: never;
        /** Register a channel account (an integration’s hook, or WhatsApp Cloud, Telegram, Chatwoot, Evolution) */
        post: operations["createChannelAccount"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/accounts/{accountId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a channel account */
        get: operations["getChannelAccount"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Rename a channel account, set its time zone, whether closed conversations reopen or how replies are typed, or change a native account’s settings (rotate its credentials) */
        patch: operations["updateChannelAccount"];
        trace?: never;
    };
    "/v1/accounts/{accountId}/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Issue a new account token (the previous one stops working) */
        post: operations["rotateAccountToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/accounts/{accountId}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Receive an inbound message from a channel integration
         * @description Authenticate with the account token (or an API key with `messages.ingest`). Stores the message and hands it to the conversation’s workflow, which answers through the account’s outbound hook. Answers 202 once the message is durable; retry on 5xx with the same `message_id`. Limited per organization and per channel account (429 with `Retry-After`; `X-RateLimit-*` on every answer).
         */
        post: operations["ingestInboundMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/channels/whatsapp-cloud/{accountId}/webhook": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * WhatsApp Cloud API: the webhook verification request
         * @description Meta calls it when the webhook is configured: `hub.mode=subscribe` and the account’s `verify_token` answer the `hub.challenge` as plain text; anything else is 403.
         */
        get: operations["verify_whatsapp_cloud_webhook"];
        put?: never;
        /**
         * Receive WhatsApp Cloud API webhooks
         * @description The provider’s own webhook payloads, as its documentation shows them (no API key): proven by `X-Hub-Signature-256: sha256=HMAC-SHA256(app_secret, raw body)`; otherwise 401 and nothing is stored. Messages are stored idempotently by the provider’s message id and answered through the provider’s send API.
         */
        post: operations["receive_whatsapp_cloud_webhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/channels/telegram/{accountId}/webhook": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Receive Telegram webhooks
         * @description The provider’s own webhook payloads, as its documentation shows them (no API key): proven by `X-Telegram-Bot-Api-Secret-Token` equal to the account’s `secret_token`; otherwise 401 and nothing is stored. Messages are stored idempotently by the provider’s message id and answered through the provider’s send API.
         */
        post: operations["receive_telegram_webhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/channels/chatwoot/{accountId}/webhook": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Receive Chatwoot (Agent Bot) webhooks
         * @description The provider’s own webhook payloads, as its documentation shows them (no API key): proven by `X-Chatwoot-Signature: sha256=HMAC-SHA256(webhook_secret, "<X-Chatwoot-Timestamp>.<raw body>")` when a `webhook_secret` is set; otherwise 401 and nothing is stored. Messages are stored idempotently by the provider’s message id and answered through the provider’s send API.
         */
        post: operations["receive_chatwoot_webhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/channels/evolution/{accountId}/webhook": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Receive Evolution API webhooks
         * @description The provider’s own webhook payloads, as its documentation shows them (no API key): proven by the body’s `apikey` equal to the account’s `api_key`; otherwise 401 and nothing is stored. Messages are stored idempotently by the provider’s message id and answered through the provider’s send API.
         */
        post: operations["receive_evolution_webhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contacts/{contactId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a contact */
        get: operations["getContact"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Block or unblock a contact, or set its time zone
         * @description A blocked contact’s messages are stored, never answered by the AI. `timezone` (IANA, `null` to forget it) is where follow-ups set to the contact’s time zone count working hours.
         */
        patch: operations["updateContact"];
        trace?: never;
    };
    "/v1/ai/budget": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The organization’s daily token budget and today’s use */
        get: operations["getAiBudget"];
        /**
         * Set the organization’s own daily token budget (below the service’s)
         * @description Provider tokens the organization may spend per UTC day (reply turns, tool rounds, AI tests). The service’s budget (`AI_DAILY_TOKEN_BUDGET`) is a ceiling: the lower of the two applies. `null` clears the organization’s own. A turn over budget is skipped (AI log reason `budget_exceeded`) and `ai.budget.exceeded` is emitted once per day.
         */
        put: operations["updateAiBudget"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ai/global": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The organization-wide AI settings (never the API key: `has_api_key`) */
        get: operations["getGlobalAiSettings"];
        /** Set the organization-wide AI settings (the global layer) */
        put: operations["updateGlobalAiSettings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ai/effective": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The AI configuration in force for the organization, an account or a chat, with each value’s layer
         * @description Without `account_id`: what an account with no settings of its own gets (global layer over the environment). With `account_id`: that account’s. With `chat_id` too: that chat’s, as `GET /v1/accounts/{accountId}/chats/{chatId}/ai` shows it. `source` names the layer each value comes from: `chat`, `account`, `global` or `environment`.
         */
        get: operations["getEffectiveAiConfig"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/accounts/{accountId}/ai": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One channel account’s AI settings */
        get: operations["getAccountAiSettings"];
        /** Set one channel account’s AI settings (overrides the global layer) */
        put: operations["updateAccountAiSettings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/accounts/{accountId}/chats/{chatId}/ai": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A chat’s AI settings and its effective configuration, with the layer each value comes from */
        get: operations["getChatAiSettings"];
        /**
         * Per-chat AI mode (inherit | enabled | disabled) and custom system prompt
         * @description `disabled`: the AI never answers this chat. `enabled`: it answers even when the chat’s type is off in `reply_to_*` (it still needs AI switched on for the account and organization). `inherit`: the account and global rules apply.
         */
        put: operations["updateChatAiSettings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ai/chat/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Test the AI with an account token; `send_to_chat` also sends the reply into `chat_id` */
        post: operations["testAiAsAccount"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ai/admin/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Test the AI with the configuration of the organization, an account or a chat; `send_to_chat` also sends the reply into `chat_id` */
        post: operations["testAiAsAdmin"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/accounts/{accountId}/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The account’s webhook subscriptions */
        get: operations["listWebhookSubscriptions"];
        put?: never;
        /**
         * Subscribe a URL to the account’s AI events
         * @description Events: `ai.reply.generated`, `ai.reply.sent`, `ai.reply.failed`, `agent.workflow.triggered`, `agent.suggestion.created`, and `ai.budget.exceeded` (organization-wide: whichever account subscribes, once per UTC day). Each is a signed JSON POST (Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature` with the returned `secret`) of `{type, timestamp, data}`, retried with backoff for up to 24 hours until answered 2xx.
         */
        post: operations["createWebhookSubscription"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/accounts/{accountId}/webhooks/{webhookId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Unsubscribe (pending deliveries to it stop) */
        delete: operations["deleteWebhookSubscription"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/accounts/{accountId}/webhooks/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The delivery log of the account’s webhooks and human-takeover webhook, newest first */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/conversations/{id}/toggle-ai": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Enable or disable AI responses for a conversation (seed 000)
         * @description While AI is disabled, incoming messages are stored and get no automatic reply; enabling takes effect for the next message. Enabling answers 402 `INSUFFICIENT_FUNDS` while the provider is out of funds (checked only when enabling).
         */
        post: operations["toggleAi"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/functions/v1/bot-control": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pause (human takeover) or resume the bot on a conversation (seed 001)
         * @description Pause sets `ai_agent_active=false`, drops the bot’s pending reply and triggers the channel’s human-takeover webhook (delivered with retries; see the account’s webhook deliveries). Resume re-enables the bot for the next message.
         */
        post: operations["botControl"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/functions/v1/rest-api-proxy/conversations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List conversations with select, filters, order, limit and offset (seed 001) */
        get: operations["listConversations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/contact/{identifier}/conversation/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Open or close the contact’s conversation (seed 003)
         * @description The identifier is `id:<contact number or id>`, `email:<email>` or `phone:<E.164 phone>`. Closing stops the bot and its pending timers; opening resumes normal handling. `summary` is only used with `category`. Rate limited per organization.
         */
        post: operations["setConversationStatus"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/accounts/{accountId}/human-takeover-webhook": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The channel’s human-takeover webhook */
        get: operations["getHumanTakeoverWebhook"];
        /**
         * Configure the channel’s human-takeover webhook (seed 001)
         * @description Called (with retries) when the bot is paused on one of the account’s conversations. Default payload: `event`, `conversation_id`, `channel_account_id`, `channel_name`, `agent` (the caller), `contact`, `timestamp`; `body` is merged over it.
         */
        put: operations["setHumanTakeoverWebhook"];
        post?: never;
        /** Remove the channel’s human-takeover webhook */
        delete: operations["deleteHumanTakeoverWebhook"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/accounts/{accountId}/human-takeover-webhook/signing-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Give the human-takeover webhook a new signing secret (the previous one stops signing at once)
         * @description Also the migration of a webhook saved before webhooks had their own secret (`has_signing_secret: false`): until rotated, its calls are signed with the account’s `hook_secret`.
         */
        post: operations["rotateHumanTakeoverWebhookSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations/{conversationId}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The transcript, oldest first
         * @description Pass `next_cursor` as `cursor` for the next page; to follow a live conversation, pass the last message’s id as `after`.
         */
        get: operations["listConversationMessages"];
        put?: never;
        /**
         * Send a human agent’s (or an automation’s) message into the conversation
         * @description The conversation’s workflow stores it and sends it through the channel (retried, sent once). Without a conversation AI agent a human’s message pauses the bot until resumed (bot-control `resume`); with one, the agent’s sleep settings decide.
         */
        post: operations["sendHumanMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ai/provider-status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The organization’s provider status (`insufficient_funds` after an `insufficient_quota` answer) */
        get: operations["getProviderStatus"];
        put?: never;
        post?: never;
        /** Reset the provider status to `ok` (after topping up the provider account) */
        delete: operations["resetProviderStatus"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The inbox: conversations, newest activity first
         * @description Filters combine. `search` matches the contact’s name, phone or email (any letter case; the conversations of the first 500 matching contacts). Pass `next_cursor` as `cursor` for the next page.
         */
        get: operations["listInboxConversations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations/{conversationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One conversation: contact, channel, controls, bot state, agent and its timers */
        get: operations["getConversation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations/{conversationId}/ai-logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The AI turns of a conversation, oldest first: outcome, reason, model, tokens, latency, actions */
        get: operations["listConversationAiTurns"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/conversation-ai/agents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create an agent
         * @description Enum values are accepted in upper case (`AUTO_PILOT`, `SECONDS`) or the vendor’s lower case (`auto-pilot`, `seconds`) and answered in upper case. The first agent of an organization is primary unless `isPrimary` is false; at most one primary agent serves each channel (422 naming the other agent otherwise). Wait time ≤ 300 seconds / 5 minutes; sleep time ≤ 172800 seconds / 2880 minutes / 48 hours, both null for an indefinite sleep; `knowledgeBaseIds` must exist.
         */
        post: operations["createAgent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/conversation-ai/agents/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search agents
         * @description Oldest first (ties by id), so `startAfter` (the last id of the previous page) pages through a stable order. `query` matches a substring of the name (case-insensitively; it must be sent in lowercase). `totalCount` counts every agent of the organization, `count` the agents in this page.
         */
        get: operations["searchAgents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/conversation-ai/agents/{agentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an agent */
        get: operations["getAgent"];
        /**
         * Update an agent
         * @description Changes the fields sent (`autoPilotMaxMessages` is required, as documented). The bounds are checked on the agent the change produces (e.g. a new `waitTimeUnit` against the stored `waitTime`). Making an agent primary requires `mode`.
         */
        put: operations["updateAgent"];
        post?: never;
        /**
         * Delete an agent
         * @description Removes the agent and its actions. Conversations it was answering go back to their channel’s primary agent; TRANSFER_BOT actions pointing at it are disabled and booking actions stop transferring to it.
         */
        delete: operations["deleteAgent"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/conversation-ai/agents/{agentId}/actions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Attach an action to an agent
         * @description `details` follows the schema of `type`: TRIGGER_WORKFLOW, UPDATE_CONTACT_FIELD, APPOINTMENT_BOOKING (`calendarId` a calendar of `/v1/calendars`), STOP_BOT, HUMAN_HAND_OVER, ADVANCED_FOLLOWUP, TRANSFER_BOT (`transferToBot` another agent).
         */
        post: operations["createAgentAction"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/conversation-ai/agents/{agentId}/actions/list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the actions of an agent */
        get: operations["listAgentActions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/conversation-ai/agents/{agentId}/actions/{actionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an action */
        get: operations["getAgentAction"];
        /**
         * Update an action
         * @description Replaces the type, name and details (validated as on creation).
         */
        put: operations["updateAgentAction"];
        post?: never;
        /** Remove an action from an agent */
        delete: operations["deleteAgentAction"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/conversation-ai/agents/{agentId}/followup-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Update the follow-up settings of ADVANCED_FOLLOWUP actions
         * @description Every action listed in `actionIds` is updated, or none: each must be an ADVANCED_FOLLOWUP action of the agent (422 naming the others). The answer carries the first listed action after the change.
         */
        patch: operations["updateFollowupSettings"];
        trace?: never;
    };
    "/conversation-ai/generations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the generation details of an AI message
         * @description `messageId` is the AI message (the id of the reply, or of a suggestion). `source`: `conversation` for an answer to the contact, `workflow` for a follow-up.
         */
        get: operations["getGenerationDetails"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/knowledge-bases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List knowledge bases */
        get: operations["listKnowledgeBases"];
        put?: never;
        /**
         * Create a knowledge base from text
         * @description The text is split into chunks of about 800 characters at paragraph, then sentence boundaries; agents listing the knowledge base in `knowledgeBaseIds` are given the chunks relevant to each reply.
         */
        post: operations["createKnowledgeBase"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/knowledge-bases/{knowledgeBaseId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a knowledge base with its chunks */
        get: operations["getKnowledgeBase"];
        put?: never;
        post?: never;
        /** Delete a knowledge base (its chunks, and its id from the agents using it) */
        delete: operations["deleteKnowledgeBase"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/calendars": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List calendars */
        get: operations["listCalendars"];
        put?: never;
        /**
         * Register a calendar for APPOINTMENT_BOOKING actions
         * @description Bookings are POSTed (signed like every outbound call) to `booking_url`, which must not target a private network outside development; `booking_page_url` is the link sent to the contact when an action only sends a link.
         */
        post: operations["createCalendar"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/calendars/{calendarId}/signing-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Give the calendar a new signing secret for its booking calls (the previous one stops signing at once) */
        post: operations["rotateCalendarSigningSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/calendars/{calendarId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a calendar */
        get: operations["getCalendar"];
        put?: never;
        post?: never;
        /** Delete a calendar no booking action uses */
        delete: operations["deleteCalendar"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations/{conversationId}/suggestions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Replies a SUGGESTIVE agent proposed in the conversation, newest first */
        get: operations["listSuggestions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations/{conversationId}/suggestions/{suggestionId}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve a pending suggestion: it is sent to the contact as the AI’s message
         * @description Optionally with the `text` a human edited. Only one approval wins (a second one is 409); the text is sent through the conversation’s workflow once, as `sent_message_id`.
         */
        post: operations["approveSuggestion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations/{conversationId}/suggestions/{suggestionId}/dismiss": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Dismiss a pending suggestion: it is never sent */
        post: operations["dismissSuggestion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/codec/decode": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Temporal codec server: decode payloads (operators only)
         * @description Temporal's codec server protocol for the Temporal UI and CLI. Needs an operator token (`Authorization: Bearer …` or `Basic` with the token as password); an organization's API key or admin JWT is refused.
         */
        post: operations["codecDecode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/codec/encode": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Temporal codec server: encode payloads (operators only)
         * @description Temporal's codec server protocol for the Temporal UI and CLI. Needs an operator token (`Authorization: Bearer …` or `Basic` with the token as password); an organization's API key or admin JWT is refused.
         */
        post: operations["codecEncode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/codec/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Temporal codec server: the operator signed in (sign-in page for the Temporal UI) */
        get: operations["codecSession"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who changed which setting, when: AI settings, channel accounts, webhooks, agents, API keys
         * @description Newest first. Each entry names the actor (API key id or admin JWT `sub`, and the client address), the action, the target and the setting before and after, with secrets redacted. Pass `next_cursor` as `cursor` for the next page.
         */
        get: operations["listAuditLog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Me: {
            organization_id: string;
            actor: {
                /**
                 * @description `api_key`: an API key; `account`: a channel account’s token; `admin`: an admin JWT.
                 * @enum {string}
                 */
                type: "api_key" | "admin" | "account";
                /** @description The key’s id, or the JWT’s `sub`. */
                id: string;
                name: string | null;
                email: string | null;
            };
            /** @description An admin JWT acts with `admin`. */
            scopes: ("admin" | "messages.ingest" | "ai.test" | "conversations.readonly" | "conversations.write" | "conversation-ai.readonly" | "conversation-ai.write")[];
            /** @description Set for an account token: the only channel account it acts on. */
            channel_account_id: string | null;
        };
        IssuedApiKey: components["schemas"]["ApiKey"] & {
            key: string;
        };
        ApiKey: {
            id: string;
            name: string;
            /** @description The first characters of the key, to tell keys apart. */
            prefix: string;
            scopes: ("admin" | "messages.ingest" | "ai.test" | "conversations.readonly" | "conversations.write" | "conversation-ai.readonly" | "conversation-ai.write")[];
            created_at: string;
            revoked_at: string | null;
        };
        CreateApiKey: {
            name: string;
            scopes: ("admin" | "messages.ingest" | "ai.test" | "conversations.readonly" | "conversations.write" | "conversation-ai.readonly" | "conversation-ai.write")[];
        };
        CreatedChannelAccount: components["schemas"]["ChannelAccount"] & {
            /** @description Secret for verifying `webhook-signature` on hook calls (Standard Webhooks). Shown only here. */
            hook_secret: string;
            /** @description The account token (`Authorization: Bearer …`) for ingest and `/v1/ai/chat/test`. Shown only here. */
            account_token: string;
        };
        ChannelAccount: {
            id: string;
            name: string;
            /** @enum {string} */
            type: "whatsapp" | "sms" | "webchat" | "other" | "whatsapp_cloud" | "telegram" | "chatwoot" | "evolution";
            /** @description Hook channels only; null for native ones. */
            outbound_hook_url: string | null;
            timezone: string;
            reopen_on_inbound: boolean;
            split_messages: boolean;
            /** @description null: the service’s TYPING_MS_PER_CHARACTER */
            typing_ms_per_character: number | null;
            created_at: string;
            /** @description Native channels: where the provider posts its webhooks (append it to the service’s public URL). */
            webhook_path: string | null;
            /** @description `whatsapp_cloud` accounts: the settings, credentials shown only as `has_<field>`. */
            whatsapp_cloud?: {
                [key: string]: unknown;
            };
            /** @description `telegram` accounts: the settings, credentials shown only as `has_<field>`. */
            telegram?: {
                [key: string]: unknown;
            };
            /** @description `chatwoot` accounts: the settings, credentials shown only as `has_<field>`. */
            chatwoot?: {
                [key: string]: unknown;
            };
            /** @description `evolution` accounts: the settings, credentials shown only as `has_<field>`. */
            evolution?: {
                [key: string]: unknown;
            };
        };
        CreateChannelAccount: components["schemas"]["CreateHookChannelAccount"] | components["schemas"]["CreateWhatsAppCloudAccount"] | components["schemas"]["CreateTelegramAccount"] | components["schemas"]["CreateChatwootAccount"] | components["schemas"]["CreateEvolutionAccount"];
        CreateHookChannelAccount: {
            name: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "whatsapp" | "sms" | "webchat" | "other";
            /**
             * Format: uri
             * @description Receives `message.send` events as signed JSON POSTs (Standard Webhooks headers).
             */
            outbound_hook_url: string;
            /**
             * @description The business’s IANA time zone on this channel (follow-ups set to the location’s time zone)
             * @example Europe/Madrid
             */
            timezone?: string;
            /**
             * @description A closed conversation on this channel reopens when the contact writes again, and the bot answers (default true). False: it stays closed, the message is stored for the humans.
             * @default true
             */
            reopen_on_inbound: boolean;
            /**
             * @description Replies are sent paragraph by paragraph (split on blank lines), each message after its own typing indicator and typing time (default false). An agent’s `splitMessages` wins.
             * @default false
             */
            split_messages: boolean;
            /**
             * @description Typing time per character of each message, capped at the service’s TYPING_MAX_SECONDS (null, the default: the service’s TYPING_MS_PER_CHARACTER). An agent’s `typingMsPerCharacter` wins.
             * @default null
             */
            typing_ms_per_character: number | null;
        };
        CreateWhatsAppCloudAccount: {
            name: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "whatsapp_cloud";
            /**
             * @description The business’s IANA time zone on this channel (follow-ups set to the location’s time zone)
             * @example Europe/Madrid
             */
            timezone?: string;
            /**
             * @description A closed conversation on this channel reopens when the contact writes again, and the bot answers (default true). False: it stays closed, the message is stored for the humans.
             * @default true
             */
            reopen_on_inbound: boolean;
            /**
             * @description Replies are sent paragraph by paragraph (split on blank lines), each message after its own typing indicator and typing time (default false). An agent’s `splitMessages` wins.
             * @default false
             */
            split_messages: boolean;
            /**
             * @description Typing time per character of each message, capped at the service’s TYPING_MAX_SECONDS (null, the default: the service’s TYPING_MS_PER_CHARACTER). An agent’s `typingMsPerCharacter` wins.
             * @default null
             */
            typing_ms_per_character: number | null;
            whatsapp_cloud: components["schemas"]["WhatsAppCloudSettings"];
        };
        WhatsAppCloudSettings: {
            /**
             * @description The business phone number’s id (not the number itself).
             * @example 106540352242922
             */
            phone_number_id: string;
            /** @description A system-user access token. */
            access_token: string;
            /** @description The Meta app’s secret: signs every webhook. */
            app_secret: string;
            /** @description Any string; paste the same into the app’s webhook “Verify token”. */
            verify_token: string;
            /**
             * Format: uri
             * @default https://graph.facebook.com/v21.0
             */
            api_base_url: string;
            /** @description An approved message template sent instead of a free-form message outside the 24-hour customer-service window; without it such messages are skipped (`outside_customer_service_window`). */
            followup_template?: {
                name: string;
                language: string;
            };
        };
        CreateTelegramAccount: {
            name: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "telegram";
            /**
             * @description The business’s IANA time zone on this channel (follow-ups set to the location’s time zone)
             * @example Europe/Madrid
             */
            timezone?: string;
            /**
             * @description A closed conversation on this channel reopens when the contact writes again, and the bot answers (default true). False: it stays closed, the message is stored for the humans.
             * @default true
             */
            reopen_on_inbound: boolean;
            /**
             * @description Replies are sent paragraph by paragraph (split on blank lines), each message after its own typing indicator and typing time (default false). An agent’s `splitMessages` wins.
             * @default false
             */
            split_messages: boolean;
            /**
             * @description Typing time per character of each message, capped at the service’s TYPING_MAX_SECONDS (null, the default: the service’s TYPING_MS_PER_CHARACTER). An agent’s `typingMsPerCharacter` wins.
             * @default null
             */
            typing_ms_per_character: number | null;
            telegram: components["schemas"]["TelegramSettings"];
        };
        TelegramSettings: {
            /** @description The token @BotFather gave the bot. */
            bot_token: string;
            /** @description The `secret_token` given to `setWebhook`; Telegram sends it on every update. */
            secret_token: string;
            /**
             * Format: uri
             * @default https://api.telegram.org
             */
            api_base_url: string;
        };
        CreateChatwootAccount: {
            name: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "chatwoot";
            /**
             * @description The business’s IANA time zone on this channel (follow-ups set to the location’s time zone)
             * @example Europe/Madrid
             */
            timezone?: string;
            /**
             * @description A closed conversation on this channel reopens when the contact writes again, and the bot answers (default true). False: it stays closed, the message is stored for the humans.
             * @default true
             */
            reopen_on_inbound: boolean;
            /**
             * @description Replies are sent paragraph by paragraph (split on blank lines), each message after its own typing indicator and typing time (default false). An agent’s `splitMessages` wins.
             * @default false
             */
            split_messages: boolean;
            /**
             * @description Typing time per character of each message, capped at the service’s TYPING_MAX_SECONDS (null, the default: the service’s TYPING_MS_PER_CHARACTER). An agent’s `typingMsPerCharacter` wins.
             * @default null
             */
            typing_ms_per_character: number | null;
            chatwoot: components["schemas"]["ChatwootSettings"];
        };
        ChatwootSettings: {
            /**
             * Format: uri
             * @description Where Chatwoot runs, e.g. https://app.chatwoot.com
             */
            base_url: string;
            /** @description The Chatwoot account id (in its dashboard URLs). */
            account_id: number;
            /** @description The agent bot’s access token. */
            bot_token: string;
            /** @description When set, `X-Chatwoot-Signature` (HMAC of `timestamp.body`) is required on every event. */
            webhook_secret?: string;
        };
        CreateEvolutionAccount: {
            name: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "evolution";
            /**
             * @description The business’s IANA time zone on this channel (follow-ups set to the location’s time zone)
             * @example Europe/Madrid
             */
            timezone?: string;
            /**
             * @description A closed conversation on this channel reopens when the contact writes again, and the bot answers (default true). False: it stays closed, the message is stored for the humans.
             * @default true
             */
            reopen_on_inbound: boolean;
            /**
             * @description Replies are sent paragraph by paragraph (split on blank lines), each message after its own typing indicator and typing time (default false). An agent’s `splitMessages` wins.
             * @default false
             */
            split_messages: boolean;
            /**
             * @description Typing time per character of each message, capped at the service’s TYPING_MAX_SECONDS (null, the default: the service’s TYPING_MS_PER_CHARACTER). An agent’s `typingMsPerCharacter` wins.
             * @default null
             */
            typing_ms_per_character: number | null;
            evolution: components["schemas"]["EvolutionSettings"];
        };
        EvolutionSettings: {
            /**
             * Format: uri
             * @description Where the Evolution API server runs.
             */
            base_url: string;
            /** @description The instance name. */
            instance: string;
            /** @description The instance’s API key: sent by Evolution as `apikey` in every webhook body. */
            api_key: string;
        };
        UpdateChannelAccount: {
            name?: string;
            /**
             * @description The business’s IANA time zone on this channel (follow-ups set to the location’s time zone)
             * @example Europe/Madrid
             */
            timezone?: string;
            /** @description A closed conversation on this channel reopens when the contact writes again, and the bot answers (default true). False: it stays closed, the message is stored for the humans. */
            reopen_on_inbound?: boolean;
            whatsapp_cloud?: components["schemas"]["WhatsAppCloudSettingsChange"];
            telegram?: components["schemas"]["TelegramSettingsChange"];
            chatwoot?: components["schemas"]["ChatwootSettingsChange"];
            evolution?: components["schemas"]["EvolutionSettingsChange"];
            /** @description Replies are sent paragraph by paragraph (split on blank lines), each message after its own typing indicator and typing time (default false). An agent’s `splitMessages` wins. */
            split_messages?: boolean;
            /** @description Typing time per character of each message, capped at the service’s TYPING_MAX_SECONDS (null, the default: the service’s TYPING_MS_PER_CHARACTER). An agent’s `typingMsPerCharacter` wins. */
            typing_ms_per_character?: number | null;
        };
        /** @description `whatsapp_cloud` accounts only: the settings to change (credential rotation). Given fields replace the stored ones, absent ones are kept, `null` clears an optional one; credentials are sealed again and never returned. */
        WhatsAppCloudSettingsChange: {
            /**
             * @description The business phone number’s id (not the number itself).
             * @example 106540352242922
             */
            phone_number_id?: string;
            /** @description A system-user access token. */
            access_token?: string;
            /** @description The Meta app’s secret: signs every webhook. */
            app_secret?: string;
            /** @description Any string; paste the same into the app’s webhook “Verify token”. */
            verify_token?: string;
            /** Format: uri */
            api_base_url?: string | null;
            /** @description An approved message template sent instead of a free-form message outside the 24-hour customer-service window; without it such messages are skipped (`outside_customer_service_window`). */
            followup_template?: {
                name: string;
                language: string;
            } | null;
        };
        /** @description `telegram` accounts only: the settings to change (credential rotation). Given fields replace the stored ones, absent ones are kept, `null` clears an optional one; credentials are sealed again and never returned. */
        TelegramSettingsChange: {
            /** @description The token @BotFather gave the bot. */
            bot_token?: string;
            /** @description The `secret_token` given to `setWebhook`; Telegram sends it on every update. */
            secret_token?: string;
            /** Format: uri */
            api_base_url?: string | null;
        };
        /** @description `chatwoot` accounts only: the settings to change (credential rotation). Given fields replace the stored ones, absent ones are kept, `null` clears an optional one; credentials are sealed again and never returned. */
        ChatwootSettingsChange: {
            /**
             * Format: uri
             * @description Where Chatwoot runs, e.g. https://app.chatwoot.com
             */
            base_url?: string;
            /** @description The Chatwoot account id (in its dashboard URLs). */
            account_id?: number;
            /** @description The agent bot’s access token. */
            bot_token?: string;
            /** @description When set, `X-Chatwoot-Signature` (HMAC of `timestamp.body`) is required on every event. */
            webhook_secret?: string | null;
        };
        /** @description `evolution` accounts only: the settings to change (credential rotation). Given fields replace the stored ones, absent ones are kept, `null` clears an optional one; credentials are sealed again and never returned. */
        EvolutionSettingsChange: {
            /**
             * Format: uri
             * @description Where the Evolution API server runs.
             */
            base_url?: string;
            /** @description The instance name. */
            instance?: string;
            /** @description The instance’s API key: sent by Evolution as `apikey` in every webhook body. */
            api_key?: string;
        };
        InboundMessageAccepted: {
            message_id: string;
            conversation_id: string;
            contact_id: string;
            /** @description True when this `message_id` had been received before. */
            duplicate: boolean;
        };
        InboundMessage: {
            /** @description The channel’s own id for this message. Posting the same id again is harmless: it is stored and answered once. */
            message_id: string;
            from: {
                /** @description The sender’s id on the channel (phone, JID, visitor id). */
                id: string;
                name?: string;
                phone?: string;
                /** Format: email */
                email?: string;
            };
            /** @description The chat the message was posted in; defaults to the private chat with the sender. */
            chat?: {
                id: string;
                /** @enum {string} */
                type: "private" | "group" | "channel";
            };
            /**
             * @default text
             * @enum {string}
             */
            type: "text" | "image" | "audio" | "video" | "document" | "other";
            /**
             * @description Message text, or the caption of a media message.
             * @default
             */
            text: string;
            /**
             * Format: date-time
             * @description When the contact sent it (ISO 8601).
             */
            timestamp?: string;
        };
        Contact: {
            id: string;
            number: number;
            channel_account_id: string;
            external_id: string;
            name: string | null;
            phone: string | null;
            email: string | null;
            blocked: boolean;
            /** @description IANA time zone (follow-ups in the contact’s working hours) */
            timezone: string | null;
            /** @description Email or phone as the AI model wrote them in a conversation: unverified, never used to identify the contact (`email:`/`phone:` lookups, channel switching). */
            unverified_fields: {
                email?: {
                    value: string;
                    /** @enum {string} */
                    source: "ai";
                    conversation_id: string;
                    updated_at: string;
                };
                phone?: {
                    value: string;
                    /** @enum {string} */
                    source: "ai";
                    conversation_id: string;
                    updated_at: string;
                };
            };
            created_at: string;
        };
        UpdateContact: {
            blocked?: boolean;
            /**
             * @description An IANA time zone
             * @example Europe/Madrid
             */
            timezone?: string;
        };
        AiBudget: {
            /** @description The organization’s own budget, if set. */
            daily_token_budget: number | null;
            /** @description The budget in force: the lower of the organization’s and the service’s; null: none. */
            effective_daily_token_budget: number | null;
            tokens_used_today: number;
            exceeded: boolean;
            /** @description The next 00:00 UTC. */
            resets_at: string;
        };
        AiBudgetUpdate: {
            daily_token_budget: number | null;
        };
        /** @description One layer; `null` means not set here (the next layer applies). */
        AiSettings: {
            enabled: boolean | null;
            base_url: string | null;
            has_api_key: boolean;
            model_name: string | null;
            default_system_prompt: string | null;
            temperature: number | null;
            max_tokens: number | null;
            timeout_seconds: number | null;
            reply_delay_seconds: number | null;
            reply_to_private: boolean | null;
            reply_to_groups: boolean | null;
            reply_to_channels: boolean | null;
            echo_mode: boolean | null;
            updated_at: string | null;
        };
        /** @description Fields you send are set; `null` clears a field (the next layer applies); omitted fields keep their value. */
        AiSettingsUpdate: {
            enabled?: boolean | null;
            /**
             * Format: uri
             * @description OpenAI-compatible base URL; `${base_url}/chat/completions` is called. A URL other than the service’s needs an `api_key` of the organization’s own (this layer’s, or the global one for an account).
             */
            base_url?: string | null;
            /** @description Stored encrypted; never returned. */
            api_key?: string | null;
            model_name?: string | null;
            default_system_prompt?: string | null;
            temperature?: number | null;
            max_tokens?: number | null;
            timeout_seconds?: number | null;
            reply_delay_seconds?: number | null;
            reply_to_private?: boolean | null;
            reply_to_groups?: boolean | null;
            reply_to_channels?: boolean | null;
            echo_mode?: boolean | null;
        };
        /** @description The configuration in force and the layer each value comes from. */
        EffectiveAiConfig: {
            enabled: {
                value: boolean;
                /** @enum {string} */
                source: "chat" | "account" | "global" | "environment";
            };
            chat_mode: {
                /** @enum {string} */
                value: "inherit" | "enabled" | "disabled";
                /** @enum {string} */
                source: "chat" | "account" | "global" | "environment";
            };
            base_url: {
                value: string;
                /** @enum {string} */
                source: "chat" | "account" | "global" | "environment";
            };
            has_api_key: {
                value: boolean;
                /** @enum {string} */
                source: "chat" | "account" | "global" | "environment";
            };
            model_name: {
                value: string;
                /** @enum {string} */
                source: "chat" | "account" | "global" | "environment";
            };
            system_prompt: {
                value: string;
                /** @enum {string} */
                source: "chat" | "account" | "global" | "environment";
            };
            temperature: {
                value: number;
                /** @enum {string} */
                source: "chat" | "account" | "global" | "environment";
            };
            max_tokens: {
                value: number;
                /** @enum {string} */
                source: "chat" | "account" | "global" | "environment";
            };
            timeout_seconds: {
                value: number;
                /** @enum {string} */
                source: "chat" | "account" | "global" | "environment";
            };
            reply_delay_seconds: {
                value: number;
                /** @enum {string} */
                source: "chat" | "account" | "global" | "environment";
            };
            reply_to_private: {
                value: boolean;
                /** @enum {string} */
                source: "chat" | "account" | "global" | "environment";
            };
            reply_to_groups: {
                value: boolean;
                /** @enum {string} */
                source: "chat" | "account" | "global" | "environment";
            };
            reply_to_channels: {
                value: boolean;
                /** @enum {string} */
                source: "chat" | "account" | "global" | "environment";
            };
            echo_mode: {
                value: boolean;
                /** @enum {string} */
                source: "chat" | "account" | "global" | "environment";
            };
        };
        ChatAiSettings: {
            /** @enum {string} */
            mode: "inherit" | "enabled" | "disabled";
            custom_system_prompt: string | null;
            effective: components["schemas"]["EffectiveAiConfig"];
        };
        ChatAiSettingsUpdate: {
            /** @enum {string} */
            mode: "inherit" | "enabled" | "disabled";
            custom_system_prompt?: string | null;
        };
        AiTestResult: {
            reply: string;
            model: string;
            usage: {
                prompt_tokens: number;
                completion_tokens: number;
                total_tokens: number;
            } | null;
            latency_ms: number;
            ai_log_id: string;
            sent: boolean;
            /** @description The outbound message id when the reply was sent to the chat. */
            message_id: string | null;
        };
        AiChatTest: {
            message: string;
            chat_id?: string;
            send_to_chat?: boolean;
        };
        AiAdminTest: {
            account_id?: string;
            chat_id?: string;
            message: string;
            /** @description Also send the reply into the chat (needs `account_id` and `chat_id`); default false. */
            send_to_chat?: boolean;
        };
        CreatedWebhookSubscription: components["schemas"]["WebhookSubscription"] & {
            secret: string;
        };
        WebhookSubscription: {
            id: string;
            url: string;
            events: ("message.received" | "ai.reply.generated" | "ai.reply.sent" | "ai.reply.failed" | "human_takeover" | "agent.workflow.triggered" | "agent.suggestion.created" | "ai.budget.exceeded")[];
            created_at: string;
        };
        CreateWebhookSubscription: {
            /** Format: uri */
            url: string;
            events: ("message.received" | "ai.reply.generated" | "ai.reply.sent" | "ai.reply.failed" | "human_takeover" | "agent.workflow.triggered" | "agent.suggestion.created" | "ai.budget.exceeded")[];
        };
        WebhookDelivery: {
            /** @description Also the `webhook-id` header of every attempt. */
            id: string;
            /** @enum {string} */
            target: "subscription" | "human_takeover" | "channel_handoff";
            subscription_id: string | null;
            event_id: string;
            /** @enum {string} */
            event: "message.received" | "ai.reply.generated" | "ai.reply.sent" | "ai.reply.failed" | "human_takeover" | "agent.workflow.triggered" | "agent.suggestion.created" | "ai.budget.exceeded";
            url: string;
            /** @enum {string} */
            status: "pending" | "delivered" | "failed";
            attempts: number;
            last_status_code: number | null;
            last_error: string | null;
            payload: {
                [key: string]: unknown;
            };
            created_at: string;
            completed_at: string | null;
        };
        ToggleAiAnswer: {
            success: boolean;
            message?: string;
            error?: string;
        };
        ToggleAi: {
            ai_enabled: boolean;
        };
        BotControlAnswer: {
            success: boolean;
            conversation_id: string;
            bot_active: boolean;
            /** @enum {string} */
            action: "pause" | "resume";
        };
        BotControl: {
            conversation_id: string;
            /** @enum {string} */
            action: "pause" | "resume";
        };
        ConversationStatusAnswer: {
            contactId: number;
        };
        ConversationStatus: {
            /** @enum {string} */
            status: "open" | "close";
            category?: string;
            summary?: string;
        };
        SavedHumanTakeoverWebhook: components["schemas"]["HumanTakeoverWebhookSettings"] & {
            /** @description Present when the webhook got its signing secret now (its first save). Shown only here. */
            signing_secret?: string;
        };
        HumanTakeoverWebhookSettings: {
            url: string;
            /** @enum {string} */
            method: "POST" | "PUT" | "PATCH";
            /** @description Header values are stored encrypted and never returned. */
            header_names: string[];
            body: {
                [key: string]: unknown;
            };
            /** @description Whether the webhook has its own signing secret; `false` for a webhook saved before they existed, which is still signed with the account’s `hook_secret` until the secret is rotated. */
            has_signing_secret: boolean;
        };
        HumanTakeoverWebhook: {
            /** Format: uri */
            url: string;
            /**
             * @default POST
             * @enum {string}
             */
            method: "POST" | "PUT" | "PATCH";
            /** @default {} */
            headers: {
                [key: string]: string;
            };
            /**
             * @description Merged over the default payload (custom keys win).
             * @default {}
             */
            body: {
                [key: string]: unknown;
            };
        };
        TakeoverWebhookSigningSecret: {
            /** @description Verifies `webhook-signature` on the takeover calls (Standard Webhooks). Shown only here. */
            signing_secret: string;
        };
        HumanMessageAccepted: {
            message_id: string;
        };
        HumanMessage: {
            text: string;
            /**
             * @description Who sends it: a human agent (`manual`) or the business’s automation (`workflow`). With a conversation AI agent, each puts the bot to sleep as the agent’s sleepOnManualMessage / sleepOnWorkflowMessage say.
             * @default manual
             * @enum {string}
             */
            source: "manual" | "workflow";
        };
        ProviderStatus: {
            /** @enum {string} */
            status: "ok" | "insufficient_funds";
        };
        ConversationPage: {
            conversations: components["schemas"]["ConversationSummary"][];
            next_cursor: string | null;
        };
        ConversationSummary: {
            id: string;
            number: number;
            /** @enum {string} */
            status: "open" | "closed";
            /**
             * @description `paused` until a human resumes; `sleeping` (detail only) a pause with a wake-up; in the listing a sleeping bot shows as `paused`.
             * @enum {string}
             */
            bot_state: "active" | "sleeping" | "paused" | "ai_disabled" | "closed";
            ai_enabled: boolean;
            bot_active: boolean;
            channel_account_id: string;
            chat: {
                id: string;
                /** @enum {string} */
                type: "private" | "group" | "channel";
            };
            contact: components["schemas"]["ContactSummary"];
            /** @description The latest message is the contact’s: nobody has answered it yet. */
            awaiting_reply: boolean;
            closing: {
                category: string | null;
                summary: string | null;
                closed_at: string;
            } | null;
            created_at: string;
            last_message_at: string;
        };
        ContactSummary: {
            id: string;
            name: string | null;
            phone: string | null;
            email: string | null;
        } | null;
        Conversation: components["schemas"]["ConversationSummary"] & {
            channel: {
                id: string;
                name: string;
                type: string;
            } | null;
            /** @description The conversation AI agent answering it (seed 004), if any. */
            agent: {
                id: string;
                name: string;
                mode: string;
            } | null;
            /** @description When a sleeping bot wakes up. */
            wake_at: string | null;
            /** @description The next follow-up step of an ADVANCED_FOLLOWUP action, when one is due. */
            scheduled_followup: {
                action_id: string;
                step: number;
                due_at: string;
            } | null;
            /** @description Inbound messages waiting for the next reply. */
            pending_messages: number | null;
            /** @description Whether the conversation’s workflow answered: when false, the bot state is MongoDB’s copy and the timers are unknown (null). */
            live: boolean;
            /** @description The conversation’s workflow id in Temporal. */
            temporal_workflow_id: string;
            /** @description The workflow in the Temporal UI, when `TEMPORAL_UI_URL` is configured. */
            temporal_ui_url: string | null;
        };
        TranscriptPage: {
            messages: components["schemas"]["TranscriptMessage"][];
            next_cursor: string | null;
        };
        TranscriptMessage: {
            id: string;
            /** @enum {string} */
            direction: "inbound" | "outbound";
            /**
             * @description `human`: a person of the business (`sent_by` names them when known); `system`: an automation (source `workflow`).
             * @enum {string}
             */
            author: "contact" | "ai" | "human" | "system";
            /** @description The API key or admin that sent a human’s message through the API. */
            sent_by: {
                id: string;
                name: string | null;
                email: string | null;
            } | null;
            /** @enum {string} */
            kind: "text" | "image" | "audio" | "video" | "document" | "other";
            /** @description The text, or a media message’s caption. */
            text: string;
            media: {
                id: string | null;
                url: string | null;
                mime_type: string | null;
                file_name: string | null;
            } | null;
            /**
             * @description Inbound: `received`. Outbound: `pending` until the channel took it, `sent`, `skipped` (not allowed to send, see `error`), `failed` (refused, or the channel stayed down; see `error`; also when the provider reported it failed).
             * @enum {string}
             */
            status: "received" | "pending" | "sent" | "skipped" | "failed";
            error: string | null;
            /** @description Native channels: the provider’s latest report (`delivered`, `read`, `failed`…). */
            channel_status: {
                status: string;
                at: string;
                error: string | null;
            } | null;
            channel_message_id: string | null;
            created_at: string;
            sent_at: string | null;
        };
        AiTurnPage: {
            turns: components["schemas"]["AiTurn"][];
            next_cursor: string | null;
        };
        AiTurn: {
            id: string;
            /** @enum {string} */
            outcome: "generated" | "skipped" | "failed";
            /** @description Why a turn was skipped or failed (`paused`, `superseded`, `outside_customer_service_window`…). */
            reason: string | null;
            /**
             * @description `workflow`: a follow-up.
             * @enum {string}
             */
            source: "conversation" | "workflow";
            trigger_message_ids: string[];
            /** @description The outbound message this turn became (when it was sent). */
            reply_message_id: string;
            /** @description Newer messages that made this reply stale. */
            superseded_by: string[];
            reply: string | null;
            model: string;
            agent: {
                id: string;
                mode: string | null;
            } | null;
            tokens: {
                prompt: number;
                completion: number;
                total: number;
            } | null;
            latency_ms: number | null;
            actions: {
                action_id: string;
                type: string;
                name: string;
                arguments: {
                    [key: string]: unknown;
                };
                /** @enum {string} */
                status: "succeeded" | "failed" | "quota_exceeded";
                result: string;
                at: string;
            }[];
            /** @description The knowledge-base passages given to the model. */
            knowledge: {
                knowledge_base_id: string;
                chunk_id: string;
                score: number;
                text: string;
            }[];
            /** @description The full prompt and details (`/conversation-ai/generations`). */
            generation_url: string;
            created_at: string;
        };
        EmployeeResponseDTO: {
            id: string;
            name: string;
            businessName: string | null;
            /** @enum {string} */
            mode: "OFF" | "SUGGESTIVE" | "AUTO_PILOT";
            channels: ("SMS" | "WhatsApp" | "WebChat" | "Live_Chat" | "FB" | "IG")[];
            isPrimary: boolean;
            waitTime: number;
            /** @enum {string} */
            waitTimeUnit: "SECONDS" | "MINUTES";
            sleepEnabled: boolean;
            sleepTime: number | null;
            /** @enum {string|null} */
            sleepTimeUnit: "SECONDS" | "MINUTES" | "HOURS" | null;
            personality: string;
            goal: string;
            instructions: string;
            autoPilotMaxMessages: number;
            knowledgeBaseIds: string[];
            respondToImages: boolean;
            respondToAudio: boolean;
            sleepOnManualMessage: boolean;
            sleepOnWorkflowMessage: boolean;
            /** @description Replies sent paragraph by paragraph; null: as the channel account says (`split_messages`) */
            splitMessages: boolean | null;
            /** @description Typing time per character; null: as the channel account says, else the service default */
            typingMsPerCharacter: number | null;
            actions: {
                id: string;
                /** @enum {string} */
                type: "TRIGGER_WORKFLOW" | "UPDATE_CONTACT_FIELD" | "APPOINTMENT_BOOKING" | "STOP_BOT" | "HUMAN_HAND_OVER" | "ADVANCED_FOLLOWUP" | "TRANSFER_BOT";
            }[];
            createdAt: string;
            updatedAt: string;
        };
        CreateEmployeeDto: {
            name: string;
            businessName?: string | null;
            /** @enum {string} */
            mode?: "OFF" | "SUGGESTIVE" | "AUTO_PILOT" | "off" | "suggestive" | "auto-pilot";
            channels?: ("SMS" | "WhatsApp" | "WebChat" | "Live_Chat" | "FB" | "IG")[];
            isPrimary?: boolean;
            waitTime?: number;
            /** @enum {string} */
            waitTimeUnit?: "SECONDS" | "MINUTES" | "seconds" | "minutes";
            sleepEnabled?: boolean;
            sleepTime?: number | null;
            /** @enum {string|null} */
            sleepTimeUnit?: "SECONDS" | "MINUTES" | "HOURS" | "seconds" | "minutes" | "hours" | null;
            personality: string;
            goal: string;
            instructions: string;
            autoPilotMaxMessages?: number;
            knowledgeBaseIds?: string[];
            respondToImages?: boolean;
            respondToAudio?: boolean;
            sleepOnManualMessage?: boolean;
            sleepOnWorkflowMessage?: boolean;
            /** @description Send a reply paragraph by paragraph (split on blank lines), each message after its own typing time. null: as the channel account says (`split_messages`, default false). */
            splitMessages?: boolean | null;
            /** @description Typing time per character of each message, capped at the service’s TYPING_MAX_SECONDS. null: as the channel account says (`typing_ms_per_character`), else the service’s TYPING_MS_PER_CHARACTER. */
            typingMsPerCharacter?: number | null;
        };
        SearchEmployeeResponseDTO: {
            agents: components["schemas"]["EmployeeResponseDTO"][];
            totalCount: number;
            count: number;
        };
        UpdateEmployeeDto: {
            name?: string;
            businessName?: string | null;
            /** @enum {string} */
            mode?: "OFF" | "SUGGESTIVE" | "AUTO_PILOT" | "off" | "suggestive" | "auto-pilot";
            channels?: ("SMS" | "WhatsApp" | "WebChat" | "Live_Chat" | "FB" | "IG")[];
            isPrimary?: boolean;
            waitTime?: number;
            /** @enum {string} */
            waitTimeUnit?: "SECONDS" | "MINUTES" | "seconds" | "minutes";
            sleepEnabled?: boolean;
            sleepTime?: number | null;
            /** @enum {string|null} */
            sleepTimeUnit?: "SECONDS" | "MINUTES" | "HOURS" | "seconds" | "minutes" | "hours" | null;
            personality?: string;
            goal?: string;
            instructions?: string;
            autoPilotMaxMessages: number;
            knowledgeBaseIds?: string[];
            respondToImages?: boolean;
            respondToAudio?: boolean;
            sleepOnManualMessage?: boolean;
            sleepOnWorkflowMessage?: boolean;
            /** @description Send a reply paragraph by paragraph (split on blank lines), each message after its own typing time. null: as the channel account says (`split_messages`, default false). */
            splitMessages?: boolean | null;
            /** @description Typing time per character of each message, capped at the service’s TYPING_MAX_SECONDS. null: as the channel account says (`typing_ms_per_character`), else the service’s TYPING_MS_PER_CHARACTER. */
            typingMsPerCharacter?: number | null;
        };
        DeleteEmployeeResponseDTO: {
            success: boolean;
            id: string;
        };
        ActionResponseDTO: {
            data: components["schemas"]["ActionDataDTO"];
            success: boolean;
        };
        ActionDataDTO: {
            id: string;
            name: string;
            /** @enum {string} */
            type: "TRIGGER_WORKFLOW" | "UPDATE_CONTACT_FIELD" | "APPOINTMENT_BOOKING" | "STOP_BOT" | "HUMAN_HAND_OVER" | "ADVANCED_FOLLOWUP" | "TRANSFER_BOT";
            agentId: string;
            details: {
                [key: string]: unknown;
            };
        };
        CreateActionDTO: {
            /** @enum {string} */
            type: "TRIGGER_WORKFLOW" | "UPDATE_CONTACT_FIELD" | "APPOINTMENT_BOOKING" | "STOP_BOT" | "HUMAN_HAND_OVER" | "ADVANCED_FOLLOWUP" | "TRANSFER_BOT" | "triggerWorkflow" | "updateContactField" | "appointmentBooking" | "stopBot" | "humanHandOver" | "advancedFollowup" | "transferBot";
            name: string;
            /** @description Action-specific details; the structure depends on the type (triggerWorkflowDto, updateContactFieldDto, appointmentBookingDto, stopBotDto, humanHandOverDto, advancedFollowupDto, transferBotDto). */
            details: {
                [key: string]: unknown;
            };
        };
        fetchActionsForEmployeeResponseDTO: {
            data: components["schemas"]["ActionDataDTO"][];
            success: boolean;
        };
        deleteActionResponseDTO: {
            data: {
                id: string;
            };
            success: boolean;
        };
        UpdateFollowupSettingsDTO: {
            actionIds: string[];
            followupSettings: {
                dynamicChannelSwitching: boolean;
                /** @default false */
                followUpHours: boolean;
                /** @default [] */
                workingHours: {
                    dayOfTheWeek: number;
                    /** @default [] */
                    intervals: {
                        startHour: number;
                        startMinute: number;
                        endHour: number;
                        endMinute: number;
                    }[];
                }[];
                /**
                 * @default location
                 * @enum {string}
                 */
                timezoneToUse: "contact" | "location" | "business";
            };
        };
        FetchAIResponseDetailsResponseDTO: {
            /** @description The system prompt */
            prompt: string;
            /** @description The conversation messages the model saw after the system prompt */
            history: {
                /** @enum {string} */
                role: "user" | "assistant";
                content: string;
            }[];
            responseMessage: string;
            /** @description The text of the contact messages this generation answered */
            input: string;
            /** @description The goal of the agent (null if it was deleted) */
            intent: string | null;
            agentId: string | null;
            /** @enum {string|null} */
            mode: "OFF" | "SUGGESTIVE" | "AUTO_PILOT" | null;
            actionLogs: {
                [key: string]: unknown;
            }[];
            knowledgeBaseChunks: {
                knowledgeBaseId: string;
                chunkId: string;
                text: string;
                score: number;
            }[];
            /** @description Always empty: convo-pilot has no FAQ sources */
            faqs: unknown[];
            /** @description Always empty: convo-pilot has no website sources */
            website: unknown[];
        };
        KnowledgeBase: {
            id: string;
            name: string;
            chunk_count: number;
            created_at: string;
        };
        CreateKnowledgeBase: {
            name: string;
            text: string;
        };
        KnowledgeBaseWithChunks: components["schemas"]["KnowledgeBase"] & {
            chunks: {
                id: string;
                ordinal: number;
                text: string;
            }[];
        };
        CreatedCalendar: components["schemas"]["Calendar"] & {
            /** @description Verifies `webhook-signature` on the booking calls (Standard Webhooks). Shown only here. */
            signing_secret: string;
        };
        Calendar: {
            id: string;
            name: string;
            booking_url: string;
            booking_page_url: string | null;
            /** @description Whether booking calls are signed with the calendar’s own secret; `false` for a calendar created before calendars had one, whose calls are signed with the channel account’s `hook_secret` until the secret is rotated. */
            has_signing_secret: boolean;
            created_at: string;
        };
        CreateCalendar: {
            name: string;
            /** Format: uri */
            booking_url: string;
            /**
             * Format: uri
             * @default null
             */
            booking_page_url: string | null;
        };
        CalendarSigningSecret: {
            /** @description Verifies `webhook-signature` on the booking calls (Standard Webhooks). Shown only here. */
            signing_secret: string;
        };
        Suggestion: {
            /** @description Also the AI log id: see `GET /conversation-ai/generations` */
            id: string;
            conversation_id: string;
            agent_id: string;
            /** @description The proposed text; once approved, the text sent */
            text: string;
            /** @enum {string} */
            status: "pending" | "approved" | "dismissed";
            created_at: string;
            decided_at: string | null;
            sent_message_id: string | null;
        };
        ApproveSuggestion: {
            text?: string;
        };
        CodecPayloads: {
            payloads: components["schemas"]["CodecPayload"][];
        };
        CodecPayload: {
            metadata?: {
                [key: string]: string;
            };
            data?: string;
        };
        AuditLogPage: {
            entries: components["schemas"]["AuditEntry"][];
            next_cursor: string | null;
        };
        AuditEntry: {
            id: string;
            /** @description When the change was made (UTC). */
            at: string;
            actor: {
                /** @enum {string} */
                type: "api_key" | "admin" | "account";
                /** @description The API key’s id, or the admin JWT’s `sub`. */
                id: string;
                name: string | null;
                /** @description Client address (see TRUSTED_PROXIES). */
                ip: string | null;
            };
            /** @example ai_settings.updated */
            action: string;
            target: {
                /** @enum {string} */
                type: "ai_settings" | "chat_ai_settings" | "channel_account" | "human_takeover_webhook" | "webhook_subscription" | "agent" | "api_key";
                id: string;
            };
            /** @description Secrets show as `[redacted]`. */
            before: {
                [key: string]: unknown;
            } | null;
            after: {
                [key: string]: unknown;
            } | null;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    health: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Alive */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok" | "unavailable";
                        checks?: {
                            [key: string]: string;
                        };
                    };
                };
            };
        };
    };
    ready: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready to take traffic */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok" | "unavailable";
                        checks?: {
                            [key: string]: string;
                        };
                    };
                };
            };
            /** @description A dependency is down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok" | "unavailable";
                        checks?: {
                            [key: string]: string;
                        };
                    };
                };
            };
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The credentials’ organization, actor and scopes */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    listApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Keys, newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKey"][];
                };
            };
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateApiKey"];
            };
        };
        responses: {
            /** @description Issued */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IssuedApiKey"];
                };
            };
            /** @description Invalid body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    revokeApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                keyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid path, query, header or body parameters (each named in the error) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such key in this organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    listChannelAccounts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The organization’s channel accounts */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChannelAccount"][];
                };
            };
        };
    };
    createChannelAccount: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateChannelAccount"];
            };
        };
        responses: {
            /** @description Created; `hook_secret` is shown only in this answer */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedChannelAccount"];
                };
            };
            /** @description Invalid body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getChannelAccount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The channel account */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChannelAccount"];
                };
            };
            /** @description Invalid path, query, header or body parameters (each named in the error) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such account in this organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    updateChannelAccount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateChannelAccount"];
            };
        };
        responses: {
            /** @description The channel account after the change */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChannelAccount"];
                };
            };
            /** @description Invalid body (an unknown time zone, typing_ms_per_character out of bounds, an unknown settings field, settings left invalid) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such account in this organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A settings object named after another type than the account’s */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    rotateAccountToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The new token, shown only here */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The account token (`Authorization: Bearer …`) for ingest and `/v1/ai/chat/test`. Shown only here. */
                        account_token: string;
                    };
                };
            };
            /** @description Invalid path, query, header or body parameters (each named in the error) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such account in this organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ingestInboundMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InboundMessage"];
            };
        };
        responses: {
            /** @description Accepted: stored and handed to the conversation workflow */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InboundMessageAccepted"];
                };
            };
            /** @description Invalid body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such channel account in this organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Too many requests (organization or channel account): retry after `Retry-After` seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    verify_whatsapp_cloud_webhook: {
        parameters: {
            query?: {
                "hub.mode"?: string;
                "hub.verify_token"?: string;
                "hub.challenge"?: string;
            };
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The challenge, as plain text */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description Invalid path, query, header or body parameters (each named in the error) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Wrong verify token or mode */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such account of this provider */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    receive_whatsapp_cloud_webhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Received (a repeated delivery is answered and ignored) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Events found in the body. */
                        received: number;
                    };
                };
            };
            /** @description The body is not JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing or invalid proof */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such account of this provider */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Too many requests (organization or channel account): retry after `Retry-After` seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    receive_telegram_webhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Received (a repeated delivery is answered and ignored) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Events found in the body. */
                        received: number;
                    };
                };
            };
            /** @description The body is not JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing or invalid proof */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such account of this provider */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Too many requests (organization or channel account): retry after `Retry-After` seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    receive_chatwoot_webhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Received (a repeated delivery is answered and ignored) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Events found in the body. */
                        received: number;
                    };
                };
            };
            /** @description The body is not JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing or invalid proof */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such account of this provider */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Too many requests (organization or channel account): retry after `Retry-After` seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    receive_evolution_webhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Received (a repeated delivery is answered and ignored) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Events found in the body. */
                        received: number;
                    };
                };
            };
            /** @description The body is not JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing or invalid proof */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such account of this provider */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Too many requests (organization or channel account): retry after `Retry-After` seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getContact: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                contactId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The contact */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Contact"];
                };
            };
            /** @description Invalid path, query, header or body parameters (each named in the error) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such contact in this organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    updateContact: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                contactId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateContact"];
            };
        };
        responses: {
            /** @description The contact after the change */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Contact"];
                };
            };
            /** @description Invalid body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such contact in this organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getAiBudget: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The budget in force and today’s use */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AiBudget"];
                };
            };
        };
    };
    updateAiBudget: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AiBudgetUpdate"];
            };
        };
        responses: {
            /** @description The budget in force and today’s use */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AiBudget"];
                };
            };
            /** @description Invalid path, query, header or body parameters (each named in the error) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getGlobalAiSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The global layer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AiSettings"];
                };
            };
            /** @description Missing or invalid admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    updateGlobalAiSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["AiSettingsUpdate"];
            };
        };
        responses: {
            /** @description The global layer after the change */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AiSettings"];
                };
            };
            /** @description Invalid body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing or invalid admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such account in this organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `provider_key_required`: `base_url` is not the service’s provider and no layer of the organization has an `api_key` to send there (the service’s key only goes to its own provider) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getEffectiveAiConfig: {
        parameters: {
            query?: {
                account_id?: string;
                chat_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The configuration in force and the layer of each value */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EffectiveAiConfig"];
                };
            };
            /** @description Invalid path, query, header or body parameters (each named in the error) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing or invalid admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such account in this organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getAccountAiSettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The account layer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AiSettings"];
                };
            };
            /** @description Invalid path, query, header or body parameters (each named in the error) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing or invalid admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such account in this organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    updateAccountAiSettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["AiSettingsUpdate"];
            };
        };
        responses: {
            /** @description The account layer after the change */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AiSettings"];
                };
            };
            /** @description Invalid body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing or invalid admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such account in this organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `provider_key_required`: `base_url` is not the service’s provider and no layer of the organization has an `api_key` to send there (the service’s key only goes to its own provider) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getChatAiSettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: string;
                chatId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Chat settings and effective configuration */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChatAiSettings"];
                };
            };
            /** @description Invalid path, query, header or body parameters (each named in the error) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing or invalid admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such account in this organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    updateChatAiSettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: string;
                chatId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChatAiSettingsUpdate"];
            };
        };
        responses: {
            /** @description The chat settings and the configuration now in force */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChatAiSettings"];
                };
            };
            /** @description Invalid body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing or invalid admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such account in this organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    testAiAsAccount: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AiChatTest"];
            };
        };
        responses: {
            /** @description The AI’s reply */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AiTestResult"];
                };
            };
            /** @description Invalid body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing or invalid account token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not an account token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `send_to_chat` with a chat that has no conversation */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The provider cannot be called: `no_api_key`, `provider_key_required` (`base_url` is not the service’s provider and the organization has no `api_key` of its own) or `model_not_allowed` (outside `AI_ALLOWED_MODELS` on the service’s key); `prompt_too_large` (over `AI_MAX_PROMPT_CHARACTERS`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Too many tests (`too_many_requests`), or the organization spent its daily token budget (`budget_exceeded`); see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The provider failed (not retried: this is a test): a generic message and `details.provider_status`; what the provider answered is only in the service’s log */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    testAiAsAdmin: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AiAdminTest"];
            };
        };
        responses: {
            /** @description The AI’s reply */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AiTestResult"];
                };
            };
            /** @description Invalid body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing or invalid admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such account in this organization, or `send_to_chat` with a chat that has no conversation */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The provider cannot be called: `no_api_key`, `provider_key_required` (`base_url` is not the service’s provider and the organization has no `api_key` of its own) or `model_not_allowed` (outside `AI_ALLOWED_MODELS` on the service’s key); `prompt_too_large` (over `AI_MAX_PROMPT_CHARACTERS`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Too many tests (`too_many_requests`), or the organization spent its daily token budget (`budget_exceeded`); see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The provider failed (not retried: this is a test): a generic message and `details.provider_status`; what the provider answered is only in the service’s log */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    listWebhookSubscriptions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Subscriptions */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookSubscription"][];
                };
            };
            /** @description Invalid path, query, header or body parameters (each named in the error) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    createWebhookSubscription: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateWebhookSubscription"];
            };
        };
        responses: {
            /** @description Subscribed; `secret` is shown only here */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedWebhookSubscription"];
                };
            };
            /** @description Invalid body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such account in this organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    deleteWebhookSubscription: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: string;
                webhookId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid path, query, header or body parameters (each named in the error) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such subscription */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                event?: "message.received" | "ai.reply.generated" | "ai.reply.sent" | "ai.reply.failed" | "human_takeover" | "agent.workflow.triggered" | "agent.suggestion.created" | "ai.budget.exceeded";
                status?: "pending" | "delivered" | "failed";
                limit?: number;
            };
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deliveries */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDelivery"][];
                };
            };
            /** @description Invalid query */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    toggleAi: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The conversation number */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ToggleAi"];
            };
        };
        responses: {
            /** @description `{"success": true, "message": "AI state updated successfully"}` */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ToggleAiAnswer"];
                };
            };
            /** @description Missing or invalid `ai_enabled` or id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ToggleAiAnswer"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ToggleAiAnswer"];
                };
            };
            /** @description Provider out of funds */
            402: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ToggleAiAnswer"];
                };
            };
            /** @description No such conversation in this organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ToggleAiAnswer"];
                };
            };
            /** @description The change is recorded but its conversation did not apply it within 15 s (a reply being generated holds it up); it still applies, `Retry-After: 2` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ToggleAiAnswer"];
                };
            };
        };
    };
    botControl: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BotControl"];
            };
        };
        responses: {
            /** @description The accepted state */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BotControlAnswer"];
                };
            };
            /** @description `Required: conversation_id, action` or `action must be "pause" or "resume"` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `Missing authentication` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `Conversation not found` (invalid id or another organization) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The change is recorded but its conversation did not apply it within 15 s (a reply being generated holds it up); it still applies, `Retry-After: 2` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    listConversations: {
        parameters: {
            query?: {
                /** @description Comma-separated columns (default all): id, number, ai_agent_active, ai_enabled, status, contact_id, channel_account_id, chat_id, chat_type, last_message_at, created_at */
                select?: string;
                /** @description `column.asc` or `column.desc` */
                order?: string;
                limit?: number;
                offset?: number | null;
                /** @description Filter: id=value (or eq.value) */
                id?: string;
                /** @description Filter: number=value (or eq.value) */
                number?: string;
                /** @description Filter: ai_agent_active=value (or eq.value) */
                ai_agent_active?: string;
                /** @description Filter: ai_enabled=value (or eq.value) */
                ai_enabled?: string;
                /** @description Filter: status=value (or eq.value) */
                status?: string;
                /** @description Filter: contact_id=value (or eq.value) */
                contact_id?: string;
                /** @description Filter: channel_account_id=value (or eq.value) */
                channel_account_id?: string;
                /** @description Filter: chat_id=value (or eq.value) */
                chat_id?: string;
                /** @description Filter: chat_type=value (or eq.value) */
                chat_type?: string;
                /** @description Filter: last_message_at=value (or eq.value) */
                last_message_at?: string;
                /** @description Filter: created_at=value (or eq.value) */
                created_at?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A JSON array of conversations with the selected columns */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    }[];
                };
            };
            /** @description Unknown column, malformed filter or order */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `Missing authentication` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    setConversationStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                identifier: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConversationStatus"];
            };
        };
        responses: {
            /** @description Done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConversationStatusAnswer"];
                };
            };
            /** @description `{"code": 400, "message": "Validation error."}` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `{"code": 401, "message": "UN_AUTHORIZED"}` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `{"code": 404, "message": "Contact not found"}` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `{"code": 429, "message": "Too Many Requests"}` with `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The change is recorded but its conversation did not apply it within 15 s (a reply being generated holds it up); it still applies, `Retry-After: 2` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getHumanTakeoverWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Settings */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HumanTakeoverWebhookSettings"];
                };
            };
            /** @description Invalid path, query, header or body parameters (each named in the error) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such account, or none configured */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    setHumanTakeoverWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["HumanTakeoverWebhook"];
            };
        };
        responses: {
            /** @description Saved; `signing_secret` only on the first save (it is kept on later saves) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SavedHumanTakeoverWebhook"];
                };
            };
            /** @description Invalid body (a reserved header name, a header value with a line break, …) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    deleteHumanTakeoverWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid path, query, header or body parameters (each named in the error) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    rotateHumanTakeoverWebhookSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The new secret, shown only here */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TakeoverWebhookSigningSecret"];
                };
            };
            /** @description Invalid path, query, header or body parameters (each named in the error) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such account, or no webhook configured */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    listConversationMessages: {
        parameters: {
            query?: {
                /** @description The previous page’s `next_cursor`. */
                cursor?: string;
                /** @description A message id of this conversation: messages after it. */
                after?: string;
                limit?: number;
            };
            header?: never;
            path: {
                conversationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of messages */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TranscriptPage"];
                };
            };
            /** @description Invalid query */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such conversation in this organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    sendHumanMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                conversationId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["HumanMessage"];
            };
        };
        responses: {
            /** @description Accepted for sending */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HumanMessageAccepted"];
                };
            };
            /** @description Invalid body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such conversation in this organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getProviderStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Status */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProviderStatus"];
                };
            };
        };
    };
    resetProviderStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Reset */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok";
                    };
                };
            };
        };
    };
    listInboxConversations: {
        parameters: {
            query?: {
                status?: "open" | "closed";
                /** @description `paused` includes sleeping bots. */
                bot_state?: "active" | "paused" | "ai_disabled" | "closed";
                channel_account_id?: string;
                contact_id?: string;
                search?: string;
                /** @description The previous page’s `next_cursor`. */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of conversations */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConversationPage"];
                };
            };
            /** @description Invalid query (an unknown filter or value, a cursor not from this listing) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getConversation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                conversationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The conversation */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Conversation"];
                };
            };
            /** @description Invalid path, query, header or body parameters (each named in the error) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such conversation in this organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    listConversationAiTurns: {
        parameters: {
            query?: {
                /** @description The previous page’s `next_cursor`. */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                conversationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of turns */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AiTurnPage"];
                };
            };
            /** @description Invalid query */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such conversation in this organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    createAgent: {
        parameters: {
            query?: never;
            header: {
                /** @description API version */
                Version: "2021-04-15";
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateEmployeeDto"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EmployeeResponseDTO"];
                };
            };
            /** @description Missing or wrong `Version` header, malformed JSON or query parameters */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 400;
                        message: string | string[];
                        error: string;
                    };
                };
            };
            /** @description Missing or invalid credentials, or a key without the required scope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 401;
                        message: string | string[];
                        error: string;
                    };
                };
            };
            /** @description No such agent (or action) in this organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 404;
                        message: string | string[];
                        error: string;
                    };
                };
            };
            /** @description The body is invalid or refers to something that does not fit (unknown knowledge base, calendar, agent) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 422;
                        message: string | string[];
                        error: string;
                    };
                };
            };
            /** @description Too many writes for this organization: retry after `Retry-After` seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 429;
                        message: string | string[];
                        error: string;
                    };
                };
            };
        };
    };
    searchAgents: {
        parameters: {
            query?: {
                /** @description The id of the last agent of the previous page; empty for the first page */
                startAfter?: string;
                /** @description Records per page (≤ 100) */
                limit?: number;
                /** @description A lowercase substring of the agent name */
                query?: string;
            };
            header: {
                /** @description API version */
                Version: "2021-04-15";
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of agents */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SearchEmployeeResponseDTO"];
                };
            };
            /** @description Missing or wrong `Version` header, malformed JSON or query parameters */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 400;
                        message: string | string[];
                        error: string;
                    };
                };
            };
            /** @description Missing or invalid credentials, or a key without the required scope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 401;
                        message: string | string[];
                        error: string;
                    };
                };
            };
            /** @description No such agent (or action) in this organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 404;
                        message: string | string[];
                        error: string;
                    };
                };
            };
            /** @description The body is invalid or refers to something that does not fit (unknown knowledge base, calendar, agent) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 422;
                        message: string | string[];
                        error: string;
                    };
                };
            };
        };
    };
    getAgent: {
        parameters: {
            query?: never;
            header: {
                /** @description API version */
                Version: "2021-04-15";
            };
            path: {
                agentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The agent */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EmployeeResponseDTO"];
                };
            };
            /** @description Missing or wrong `Version` header, malformed JSON or query parameters */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 400;
                        message: string | string[];
                        error: string;
                    };
                };
            };
            /** @description Missing or invalid credentials, or a key without the required scope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 401;
                        message: string | string[];
                        error: string;
                    };
                };
            };
            /** @description No such agent (or action) in this organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 404;
                        message: string | string[];
                        error: string;
                    };
                };
            };
            /** @description The body is invalid or refers to something that does not fit (unknown knowledge base, calendar, agent) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 422;
                        message: string | string[];
                        error: string;
                    };
                };
            };
        };
    };
    updateAgent: {
        parameters: {
            query?: never;
            header: {
                /** @description API version */
                Version: "2021-04-15";
            };
            path: {
                agentId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateEmployeeDto"];
            };
        };
        responses: {
            /** @description The agent after the change */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EmployeeResponseDTO"];
                };
            };
            /** @description Missing or wrong `Version` header, malformed JSON or query parameters */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 400;
                        message: string | string[];
                        error: string;
                    };
                };
            };
            /** @description Missing or invalid credentials, or a key without the required scope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 401;
                        message: string | string[];
                        error: string;
                    };
                };
            };
            /** @description No such agent (or action) in this organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 404;
                        message: string | string[];
                        error: string;
                    };
                };
            };
            /** @description The body is invalid or refers to something that does not fit (unknown knowledge base, calendar, agent) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 422;
                        message: string | string[];
                        error: string;
                    };
                };
            };
            /** @description Too many writes for this organization: retry after `Retry-After` seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 429;
                        message: string | string[];
                        error: string;
                    };
                };
            };
        };
    };
    deleteAgent: {
        parameters: {
            query?: never;
            header: {
                /** @description API version */
                Version: "2021-04-15";
            };
            path: {
                agentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeleteEmployeeResponseDTO"];
                };
            };
            /** @description Missing or wrong `Version` header, malformed JSON or query parameters */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 400;
                        message: string | string[];
                        error: string;
                    };
                };
            };
            /** @description Missing or invalid credentials, or a key without the required scope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 401;
                        message: string | string[];
                        error: string;
                    };
                };
            };
            /** @description No such agent (or action) in this organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 404;
                        message: string | string[];
                        error: string;
                    };
                };
            };
            /** @description The body is invalid or refers to something that does not fit (unknown knowledge base, calendar, agent) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 422;
                        message: string | string[];
                        error: string;
                    };
                };
            };
            /** @description Too many writes for this organization: retry after `Retry-After` seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 429;
                        message: string | string[];
                        error: string;
                    };
                };
            };
        };
    };
    createAgentAction: {
        parameters: {
            query?: never;
            header: {
                /** @description API version */
                Version: "2021-04-15";
            };
            path: {
                agentId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateActionDTO"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ActionResponseDTO"];
                };
            };
            /** @description Missing or wrong `Version` header, malformed JSON or query parameters */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 400;
                        message: string | string[];
                        error: string;
                    };
                };
            };
            /** @description Missing or invalid credentials, or a key without the required scope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 401;
                        message: string | string[];
                        error: string;
                    };
                };
            };
            /** @description No such agent (or action) in this organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 404;
                        message: string | string[];
                        error: string;
                    };
                };
            };
            /** @description The body is invalid or refers to something that does not fit (unknown knowledge base, calendar, agent) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 422;
                        message: string | string[];
                        error: string;
                    };
                };
            };
            /** @description Too many writes for this organization: retry after `Retry-After` seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 429;
                        message: string | string[];
                        error: string;
                    };
                };
            };
        };
    };
    listAgentActions: {
        parameters: {
            query?: never;
            header: {
                /** @description API version */
                Version: "2021-04-15";
            };
            path: {
                agentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The actions, oldest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["fetchActionsForEmployeeResponseDTO"];
                };
            };
            /** @description Missing or wrong `Version` header, malformed JSON or query parameters */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 400;
                        message: string | string[];
                        error: string;
                    };
                };
            };
            /** @description Missing or invalid credentials, or a key without the required scope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 401;
                        message: string | string[];
                        error: string;
                    };
                };
            };
            /** @description No such agent (or action) in this organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 404;
                        message: string | string[];
                        error: string;
                    };
                };
            };
            /** @description The body is invalid or refers to something that does not fit (unknown knowledge base, calendar, agent) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 422;
                        message: string | string[];
                        error: string;
                    };
                };
            };
        };
    };
    getAgentAction: {
        parameters: {
            query?: never;
            header: {
                /** @description API version */
                Version: "2021-04-15";
            };
            path: {
                agentId: string;
                actionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The action */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ActionResponseDTO"];
                };
            };
            /** @description Missing or wrong `Version` header, malformed JSON or query parameters */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 400;
                        message: string | string[];
                        error: string;
                    };
                };
            };
            /** @description Missing or invalid credentials, or a key without the required scope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 401;
                        message: string | string[];
                        error: string;
                    };
                };
            };
            /** @description No such agent (or action) in this organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 404;
                        message: string | string[];
                        error: string;
                    };
                };
            };
            /** @description The body is invalid or refers to something that does not fit (unknown knowledge base, calendar, agent) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 422;
                        message: string | string[];
                        error: string;
                    };
                };
            };
        };
    };
    updateAgentAction: {
        parameters: {
            query?: never;
            header: {
                /** @description API version */
                Version: "2021-04-15";
            };
            path: {
                agentId: string;
                actionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateActionDTO"];
            };
        };
        responses: {
            /** @description The action after the change */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ActionResponseDTO"];
                };
            };
            /** @description Missing or wrong `Version` header, malformed JSON or query parameters */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 400;
                        message: string | string[];
                        error: string;
                    };
                };
            };
            /** @description Missing or invalid credentials, or a key without the required scope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 401;
                        message: string | string[];
                        error: string;
                    };
                };
            };
            /** @description No such agent (or action) in this organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 404;
                        message: string | string[];
                        error: string;
                    };
                };
            };
            /** @description The body is invalid or refers to something that does not fit (unknown knowledge base, calendar, agent) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 422;
                        message: string | string[];
                        error: string;
                    };
                };
            };
            /** @description Too many writes for this organization: retry after `Retry-After` seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 429;
                        message: string | string[];
                        error: string;
                    };
                };
            };
        };
    };
    deleteAgentAction: {
        parameters: {
            query?: never;
            header: {
                /** @description API version */
                Version: "2021-04-15";
            };
            path: {
                agentId: string;
                actionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["deleteActionResponseDTO"];
                };
            };
            /** @description Missing or wrong `Version` header, malformed JSON or query parameters */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 400;
                        message: string | string[];
                        error: string;
                    };
                };
            };
            /** @description Missing or invalid credentials, or a key without the required scope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 401;
                        message: string | string[];
                        error: string;
                    };
                };
            };
            /** @description No such agent (or action) in this organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 404;
                        message: string | string[];
                        error: string;
                    };
                };
            };
            /** @description The body is invalid or refers to something that does not fit (unknown knowledge base, calendar, agent) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 422;
                        message: string | string[];
                        error: string;
                    };
                };
            };
            /** @description Too many writes for this organization: retry after `Retry-After` seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 429;
                        message: string | string[];
                        error: string;
                    };
                };
            };
        };
    };
    updateFollowupSettings: {
        parameters: {
            query?: never;
            header: {
                /** @description API version */
                Version: "2021-04-15";
            };
            path: {
                agentId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateFollowupSettingsDTO"];
            };
        };
        responses: {
            /** @description The first listed action after the change */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ActionResponseDTO"];
                };
            };
            /** @description Missing or wrong `Version` header, malformed JSON or query parameters */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 400;
                        message: string | string[];
                        error: string;
                    };
                };
            };
            /** @description Missing or invalid credentials, or a key without the required scope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 401;
                        message: string | string[];
                        error: string;
                    };
                };
            };
            /** @description No such agent (or action) in this organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 404;
                        message: string | string[];
                        error: string;
                    };
                };
            };
            /** @description The body is invalid or refers to something that does not fit (unknown knowledge base, calendar, agent) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 422;
                        message: string | string[];
                        error: string;
                    };
                };
            };
            /** @description Too many writes for this organization: retry after `Retry-After` seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 429;
                        message: string | string[];
                        error: string;
                    };
                };
            };
        };
    };
    getGenerationDetails: {
        parameters: {
            query: {
                messageId: string;
                source: "conversation" | "workflow";
            };
            header: {
                /** @description API version */
                Version: "2021-04-15";
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description What produced the message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FetchAIResponseDetailsResponseDTO"];
                };
            };
            /** @description Missing or wrong `Version` header, malformed JSON or query parameters */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 400;
                        message: string | string[];
                        error: string;
                    };
                };
            };
            /** @description Missing or invalid credentials, or a key without the required scope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 401;
                        message: string | string[];
                        error: string;
                    };
                };
            };
            /** @description No such generation in this organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 404;
                        message: string | string[];
                        error: string;
                    };
                };
            };
            /** @description The body is invalid or refers to something that does not fit (unknown knowledge base, calendar, agent) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {number} */
                        statusCode: 422;
                        message: string | string[];
                        error: string;
                    };
                };
            };
        };
    };
    listKnowledgeBases: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KnowledgeBase"][];
                };
            };
        };
    };
    createKnowledgeBase: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateKnowledgeBase"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KnowledgeBase"];
                };
            };
            /** @description Invalid body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getKnowledgeBase: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                knowledgeBaseId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The knowledge base and its chunks in order */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KnowledgeBaseWithChunks"];
                };
            };
            /** @description Invalid path, query, header or body parameters (each named in the error) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such knowledge base in this organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    deleteKnowledgeBase: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                knowledgeBaseId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid path, query, header or body parameters (each named in the error) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such knowledge base in this organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    listCalendars: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Calendar"][];
                };
            };
        };
    };
    createCalendar: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateCalendar"];
            };
        };
        responses: {
            /** @description Created; `signing_secret` is shown only here */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedCalendar"];
                };
            };
            /** @description Invalid body, or `booking_url` targets a private network */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    rotateCalendarSigningSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                calendarId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The new secret, shown only here */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CalendarSigningSecret"];
                };
            };
            /** @description Invalid path, query, header or body parameters (each named in the error) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such calendar in this organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getCalendar: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                calendarId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The calendar */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Calendar"];
                };
            };
            /** @description Invalid path, query, header or body parameters (each named in the error) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such calendar in this organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    deleteCalendar: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                calendarId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid path, query, header or body parameters (each named in the error) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such calendar in this organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `conflict`: APPOINTMENT_BOOKING actions use it (named in the message); change them first */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    listSuggestions: {
        parameters: {
            query?: {
                status?: "pending" | "approved" | "dismissed";
            };
            header?: never;
            path: {
                conversationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The suggestions */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Suggestion"][];
                };
            };
            /** @description Invalid path, query, header or body parameters (each named in the error) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such conversation in this organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    approveSuggestion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                conversationId: string;
                suggestionId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ApproveSuggestion"];
            };
        };
        responses: {
            /** @description The suggestion after the decision */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Suggestion"];
                };
            };
            /** @description Invalid path, query, header or body parameters (each named in the error) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such conversation or suggestion in this organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `conflict`: the suggestion was already approved or dismissed */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    dismissSuggestion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                conversationId: string;
                suggestionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The suggestion after the decision */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Suggestion"];
                };
            };
            /** @description Invalid path, query, header or body parameters (each named in the error) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such conversation or suggestion in this organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `conflict`: the suggestion was already approved or dismissed */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    codecDecode: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CodecPayloads"];
            };
        };
        responses: {
            /** @description The payloads, decoded */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CodecPayloads"];
                };
            };
            /** @description Invalid body, or a payload that cannot be decoded with the configured keys */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid operator token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An organization's credentials */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    codecEncode: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CodecPayloads"];
            };
        };
        responses: {
            /** @description The payloads, encoded */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CodecPayloads"];
                };
            };
            /** @description Invalid body, or a payload that cannot be decoded with the configured keys */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid operator token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An organization's credentials */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    codecSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The operator */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        operator: string;
                    };
                };
            };
            /** @description No valid operator token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    listAuditLog: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of entries */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditLogPage"];
                };
            };
            /** @description Invalid query (a cursor not from this listing, a limit out of 1–200) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not an admin key */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
