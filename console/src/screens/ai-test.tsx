/** The AI test page (seed 002): a test message with an account's or a chat's configuration; the reply, latency and tokens. */
import { useState } from 'preact/hooks';
import { api, call } from '../api/client';
import { useAction, useQuery } from '../api/hooks';
import { ErrorMessage } from '../components/error-message';
import { Screen } from '../components/layout';
import { Progress } from '../components/progress';

export function AiTest() {
  const accounts = useQuery(() => call(api.GET('/v1/accounts')), []);
  const [accountId, setAccountId] = useState('');
  const [chatId, setChatId] = useState('');
  const [message, setMessage] = useState('');
  const [sendToChat, setSendToChat] = useState(false);
  const chat = accountId ? chatId.trim() : '';
  const test = useAction(() =>
    call(
      api.POST('/v1/ai/admin/test', {
        body: {
          message,
          ...(accountId ? { account_id: accountId } : {}),
          ...(chat ? { chat_id: chat, send_to_chat: sendToChat } : {}),
        },
      }),
    ),
  );
  const result = test.result;
  return (
    <Screen title="Settings → AI → Test">
      <p>
        Sends a test message to the provider with the configuration in force; the reply reaches the contact only if you
        also send it to the chat. <a href="/console/settings/ai">Back to the settings</a>
      </p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void test.run();
        }}
      >
        <div class="field">
          <label for="test-account">Configuration of</label>
          <select id="test-account" value={accountId} onChange={(event) => setAccountId(event.currentTarget.value)}>
            <option value="">The organization (global settings)</option>
            {accounts.data?.map((account) => (
              <option key={account.id} value={account.id}>
                Account: {account.name}
              </option>
            ))}
          </select>
          <ErrorMessage error={accounts.error} onRetry={accounts.reload} />
        </div>
        {accountId && (
          <div class="field">
            <label for="test-chat">Chat id (optional: that chat’s mode and prompt)</label>
            <input id="test-chat" value={chatId} onInput={(event) => setChatId(event.currentTarget.value)} />
          </div>
        )}
        {chat && (
          <label class="inline field">
            <input
              type="checkbox"
              checked={sendToChat}
              onChange={(event) => setSendToChat(event.currentTarget.checked)}
            />
            Also send the reply to this chat (the contact receives it)
          </label>
        )}
        <div class="field">
          <label for="test-message">Message</label>
          <textarea
            id="test-message"
            rows={3}
            required
            maxLength={4000}
            value={message}
            onInput={(event) => setMessage(event.currentTarget.value)}
          />
        </div>
        <button type="submit" disabled={test.pending}>
          Send test
        </button>
      </form>
      {test.pending && <Progress label="Waiting for the AI’s reply…" />}
      <ErrorMessage error={test.error} />
      {result && !test.pending && (
        <section class="test-result" aria-label="Test result">
          <h2>Reply</h2>
          <p class="reply">{result.reply}</p>
          <dl>
            <dt>Model</dt>
            <dd data-field="model">{result.model}</dd>
            <dt>Latency</dt>
            <dd data-field="latency">{result.latency_ms} ms</dd>
            <dt>Tokens</dt>
            <dd data-field="tokens">
              {result.usage
                ? `${result.usage.prompt_tokens} prompt + ${result.usage.completion_tokens} completion = ${result.usage.total_tokens}`
                : 'not reported by the provider'}
            </dd>
            <dt>Sent to the chat</dt>
            <dd data-field="sent">{result.sent ? `yes (message ${result.message_id})` : 'no'}</dd>
          </dl>
        </section>
      )}
    </Screen>
  );
}
