import { Webhook } from 'standardwebhooks';
import { sendJson, startRecordingServer, type RecordedRequest } from './recording-server.js';

export interface ChannelSend {
  type: 'message.send';
  channel_account_id: string;
  conversation_id: string;
  chat_id: string;
  message: { id: string; kind: string; text: string; author: string };
}

/**
 * Plays a channel integration's outbound hook: records what the service sent and answers like a
 * channel (`{ "message_id": "wamid-n" }`), or with a scripted failure status.
 */
export async function startHookReceiver() {
  let failures: number[] = [];
  let accepted = 0;
  const server = await startRecordingServer(async (_request, response) => {
    const status = failures.shift();
    if (status) {
      await sendJson(response, status, { error: 'scripted failure' });
      return;
    }
    accepted += 1;
    await sendJson(response, 200, { message_id: `wamid-${accepted}` });
  });
  return {
    url: `${server.url}/hook`,
    requests: server.requests,
    sends: (): ChannelSend[] =>
      server.requests
        .filter((r) => (r.body as ChannelSend | undefined)?.type === 'message.send')
        .map((r) => r.body as ChannelSend),
    /** Answers the next requests with these statuses, in order. */
    failNext: (...statuses: number[]) => void (failures = statuses),
    /** Throws unless the request carries a valid Standard Webhooks signature for `secret`. */
    verify: (request: RecordedRequest, secret: string) =>
      new Webhook(secret).verify(request.rawBody, request.headers as Record<string, string>),
    close: server.close,
  };
}
