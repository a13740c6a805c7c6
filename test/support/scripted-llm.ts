import { sendJson, startRecordingServer, type RecordedRequest } from './recording-server.js';

type ChatMessage = { role: string; content: string | null; tool_call_id?: string };
export interface ChatCompletionRequest {
  model: string;
  messages: ChatMessage[];
  temperature?: number;
  max_tokens?: number;
  tools?: { type: 'function'; function: { name: string; description: string; parameters: unknown } }[];
}

export type ScriptedAnswer =
  /** `delayMs`: the provider thinks that long before answering (a slow turn). */
  | { reply: string; delayMs?: number }
  | { toolCalls: { name: string; arguments?: Record<string, unknown> }[] }
  | { status: number; error: { message: string; type?: string; code?: string } };

function assistantMessage(answer: Exclude<ScriptedAnswer, { status: number }>, n: number) {
  if ('reply' in answer) return { role: 'assistant', content: answer.reply };
  return {
    role: 'assistant',
    content: null,
    tool_calls: answer.toolCalls.map((call, i) => ({
      id: `call_${n}_${i}`,
      type: 'function',
      function: { name: call.name, arguments: JSON.stringify(call.arguments ?? {}) },
    })),
  };
}

/**
 * A stand-in for an OpenAI-compatible provider at the network edge: it answers
 * `POST /chat/completions` from a script (default: "Reply #n") and records every request.
 */
export async function startScriptedLlm() {
  const script: ScriptedAnswer[] = [];
  let answered = 0;
  let afterAnswer: ((request: RecordedRequest) => void) | undefined;

  const server = await startRecordingServer(async (request, response) => {
    if (request.method !== 'POST' || !request.path.endsWith('/chat/completions')) {
      await sendJson(response, 404, { error: { message: 'not found' } });
      return;
    }
    answered += 1;
    const answer = script.shift() ?? { reply: `Reply #${answered}` };
    if ('delayMs' in answer && answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
    if ('status' in answer) {
      await sendJson(response, answer.status, { error: answer.error });
    } else {
      const body = request.body as ChatCompletionRequest;
      await sendJson(response, 200, {
        id: `chatcmpl-${answered}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: body.model,
        choices: [
          {
            index: 0,
            message: assistantMessage(answer, answered),
            finish_reason: 'reply' in answer ? 'stop' : 'tool_calls',
          },
        ],
        usage: { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 },
      });
    }
    afterAnswer?.(request);
  });

  return {
    baseUrl: `${server.url}/v1`,
    requests: server.requests,
    /** Completion requests as the provider received them. */
    completions: () => server.requests.map((r) => r.body as ChatCompletionRequest),
    /** Queues answers for the next calls, in order. */
    script: (...answers: ScriptedAnswer[]) => void script.push(...answers),
    /** Runs after an answer has been written to the socket. */
    onAnswered: (callback: ((request: RecordedRequest) => void) | undefined) => void (afterAnswer = callback),
    close: server.close,
  };
}
