import { Webhook } from 'standardwebhooks';
import { sendJson, startRecordingServer, type RecordedRequest } from './recording-server.js';

export interface ChannelSend {
  type: 'message.send';
  channel_account_id: string;
  conversation_id: string;
  chat_id: string;
  message: { id: string; kind: string; text: string; author: string };
}

const isSend = (request: RecordedRequest) => (request.body as { type?: string } | undefined)?.type === 'message.send';

/**
 * Plays a channel integration's outbound hook: records what the service sent (`message.send`,
 * `typing.start`) and answers sends like a channel (`{ "message_id": "wamid-n" }`) or with a
 * scripted failure status.
 */
export async function startHookReceiver() {
  let failures: number[] = [];
  let typingStatus = 200;
  let accepted = 0;
  let sendAnswerDelayMs = 0;
  const server = await startRecordingServer(async (request, response) => {
    if (isSend(request) && sendAnswerDelayMs > 0) await new Promise((r) => setTimeout(r, sendAnswerDelayMs));
    if (!isSend(request)) {
      await sendJson(response, typingStatus, {});
      return;
    }
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
    /** Every call, typing indicators included, in arrival order. */
    requests: server.requests as (RecordedRequest & { body: any })[],
    /** Every `message.send` call, failed attempts included. */
    sendRequests: () => server.requests.filter(isSend),
    /** The bodies of the `message.send` calls, in arrival order. */
    sends: (): ChannelSend[] => server.requests.filter(isSend).map((r) => r.body as ChannelSend),
    /** Answers the next `message.send` calls with these statuses, in order. */
    failNext: (...statuses: number[]) => void (failures = statuses),
    /** Holds every `message.send` this long before answering (a slow channel), from now on. */
    answerSendsAfter: (ms: number) => void (sendAnswerDelayMs = ms),
    /** Answers every `typing.start` with this status from now on. */
    answerTypingWith: (status: number) => void (typingStatus = status),
    /** Throws unless the request carries a valid Standard Webhooks signature for `secret`. */
    verify: (request: RecordedRequest, secret: string) =>
      new Webhook(secret).verify(request.rawBody, request.headers as Record<string, string>),
    close: server.close,
    goDown: server.goDown,
    comeBack: server.comeBack,
  };
}
