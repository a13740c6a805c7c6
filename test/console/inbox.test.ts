import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentFixtures } from '../support/agents.js';
import { consolePage, launchBrowser, seriousAccessibilityViolations, signIn, viewports } from '../support/browser.js';
import { eventually } from '../support/eventually.js';
import { startHarness, type Harness } from '../support/harness.js';
import { sendJson, startRecordingServer } from '../support/recording-server.js';

/**
 * A support agent's day in the console, in Chromium against the real stack: a message arrives in
 * the inbox live, the agent opens it, takes over (the bot stops, the takeover webhook fires),
 * writes as a human (the channel gets it), hands back, and approves a SUGGESTIVE agent's reply.
 */
describe('Console inbox and conversation (Chromium)', () => {
  let h: Harness;
  let browser: Browser;
  let account: { id: string };
  let takeoverWebhook: Awaited<ReturnType<typeof startRecordingServer>>;
  let sequence = 0;

  beforeAll(async () => {
    [h, browser, takeoverWebhook] = await Promise.all([
      startHarness(),
      launchBrowser(),
      startRecordingServer((_request, response) => sendJson(response, 200, {})),
    ]);
    account = await h.createChannelAccount('WhatsApp support');
    const configured = await h.request('put', `/v1/accounts/${account.id}/human-takeover-webhook`, {
      body: { url: takeoverWebhook.url },
    });
    expect(configured.status).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
    await takeoverWebhook?.close();
  });

  const contactWrites = async (from: { id: string; name?: string }, text: string) => {
    sequence += 1;
    const accepted = await h.inbound(account.id, { message_id: `wamid.console-${sequence}`, from, text });
    expect(accepted.status).toBe(202);
    return accepted.body as { conversation_id: string; message_id: string };
  };

  const rowOf = (page: Page, conversationId: string) => page.locator(`[data-conversation="${conversationId}"]`);
  const transcriptTexts = (page: Page) =>
    page.getByRole('list', { name: 'Transcript' }).locator('.bubble .text').allTextContents();

  it('shows a new message in the open inbox without a reload, then the transcript with the AI turn', async () => {
    const page = await consolePage(browser, h.api.url);
    await signIn(page, h.adminKey, '/console/inbox');
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();

    h.llm.script({ reply: 'Our opening hours are 9 to 18.' });
    const { conversation_id: id } = await contactWrites(
      { id: '34600300001', name: 'Lucía Inbox' },
      'When are you open?',
    );
    const row = rowOf(page, id);
    await row.waitFor({ timeout: 5_000 });
    expect(await row.textContent()).toContain('Lucía Inbox');
    expect(await row.getByText('New').isVisible()).toBe(true);
    expect(await row.getByText('Bot active').isVisible()).toBe(true);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await row.getByRole('link').click();
    await page.getByRole('heading', { name: 'Lucía Inbox' }).waitFor();
    await eventually(async () => (await transcriptTexts(page)).length === 2, { what: 'the reply in the transcript' });
    expect(await transcriptTexts(page)).toEqual(['When are you open?', 'Our opening hours are 9 to 18.']);
    const turn = page.locator('.bubble.outbound details.turn');
    await turn.locator('summary').click();
    expect(await turn.textContent()).toMatch(/generated · \d+ tokens/);
    expect(await turn.textContent()).toContain('scripted-model');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // Back in the inbox, the conversation is read.
    await page.getByRole('link', { name: '← Inbox' }).click();
    await rowOf(page, id).waitFor();
    expect(await rowOf(page, id).getByText('New').count()).toBe(0);
    await page.context().close();
  });

  it('takes over, writes as a human, and hands back: the bot is silent meanwhile and answers again after', async () => {
    h.llm.script({ reply: 'Hello Mateo!' });
    const { conversation_id: id } = await contactWrites({ id: '34600300002', name: 'Mateo' }, 'Hi');
    await eventually(() => h.hook.sends().some((send) => send.conversation_id === id), { what: 'the bot’s reply' });
    const page = await consolePage(browser, h.api.url);
    await signIn(page, h.adminKey, `/console/conversations/${id}`);
    await page.getByRole('heading', { name: 'Mateo' }).waitFor();

    await page.getByRole('button', { name: 'Take over' }).click();
    await page.getByRole('button', { name: 'Hand back to the bot' }).waitFor();
    const about = page.getByRole('region', { name: 'About this conversation' });
    await about.getByText('Human has it').waitFor();
    const takeovers = () =>
      takeoverWebhook.requests.filter(
        (request) => (request.body as { conversation_id?: string }).conversation_id === id,
      );
    await eventually(() => takeovers().length === 1, { what: 'the takeover webhook' });

    // The contact writes while a human holds the conversation: no AI answer, the inbox says a human is awaited.
    const sendsBefore = h.hook.sends().filter((send) => send.conversation_id === id).length;
    await contactWrites({ id: '34600300002', name: 'Mateo' }, 'Is someone there?');
    await eventually(async () => (await transcriptTexts(page)).includes('Is someone there?'), {
      what: 'the contact’s message, live',
    });
    await page.getByLabel('Write as a human').fill('Yes, Mateo, I am here.');
    await page.getByRole('button', { name: 'Send' }).click();
    const humanSend = await eventually(
      () => h.hook.sends().find((send) => send.conversation_id === id && send.message.author === 'human'),
      { what: 'the human’s message at the channel' },
    );
    expect(humanSend.message.text).toBe('Yes, Mateo, I am here.');
    await eventually(async () => (await transcriptTexts(page)).includes('Yes, Mateo, I am here.'));
    // Signed in with the organization's first key, named `admin`: the transcript names who wrote.
    expect(await page.locator('.bubble.author-human .bubble-head strong').textContent()).toBe('admin');
    expect(h.hook.sends().filter((send) => send.conversation_id === id && send.message.author === 'ai')).toHaveLength(
      sendsBefore,
    );
    expect(takeovers()).toHaveLength(1);

    await page.getByRole('button', { name: 'Hand back to the bot' }).click();
    await about.getByText('Bot active').waitFor();
    h.llm.script({ reply: 'The bot is back.' });
    await contactWrites({ id: '34600300002', name: 'Mateo' }, 'Thanks');
    await eventually(async () => (await transcriptTexts(page)).includes('The bot is back.'), {
      what: 'the bot answering again',
    });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('closes with a category and reopens; the inbox filters by status and finds contacts by name', async () => {
    const { conversation_id: id } = await contactWrites({ id: '34600300003', name: 'Valentina Close' }, 'Bye');
    const page = await consolePage(browser, h.api.url);
    await signIn(page, h.adminKey, `/console/conversations/${id}`);
    await page.getByRole('heading', { name: 'Valentina Close' }).waitFor();
    await page.getByLabel('Closing category').fill('resolved');
    await page.getByLabel('Summary').fill('Said goodbye');
    await page.getByRole('button', { name: 'Close conversation' }).click();
    await page.getByRole('button', { name: 'Reopen' }).waitFor();
    expect(await page.getByRole('region', { name: 'About this conversation' }).textContent()).toContain(
      'resolved: Said goodbye',
    );

    await page.getByRole('link', { name: '← Inbox' }).click();
    await page.getByLabel('Status').selectOption('closed');
    await rowOf(page, id).waitFor();
    await page.getByLabel('Status').selectOption('open');
    await rowOf(page, id).waitFor({ state: 'detached' });
    await page.getByLabel('Status').selectOption('');
    await page.getByLabel('Search contacts').fill('valentina');
    await eventually(async () => (await page.locator('.conversation-row').count()) === 1, { what: 'the search' });
    await rowOf(page, id).waitFor();

    // At a phone's width the inbox fits the screen.
    await page.setViewportSize(viewports.phone);
    expect(await page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await page.goto(`/console/conversations/${id}`);
    await page.getByRole('button', { name: 'Reopen' }).click();
    await page.getByRole('button', { name: 'Close conversation' }).waitFor();
    expect(await page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await page.context().close();
  });

  it('approves a SUGGESTIVE agent’s suggestion after editing it: the channel gets the edited text once', async () => {
    await agentFixtures(h.store, h.organizationId).agent({ mode: 'SUGGESTIVE', channels: ['WhatsApp'] });
    h.llm.script({ reply: 'We have croissants today.' });
    const { conversation_id: id } = await contactWrites({ id: '34600300004', name: 'Nora' }, 'What do you bake?');
    const page = await consolePage(browser, h.api.url);
    await signIn(page, h.adminKey, `/console/conversations/${id}`);
    const suggestion = page.getByRole('region', { name: 'Suggested replies' }).getByRole('textbox');
    await suggestion.waitFor({ timeout: 10_000 });
    expect(await suggestion.inputValue()).toBe('We have croissants today.');
    await suggestion.fill('We have croissants and baguettes today.');
    await page.getByRole('button', { name: 'Approve and send' }).click();
    const sentToNora = () => h.hook.sends().filter((send) => send.conversation_id === id);
    await eventually(() => sentToNora().length > 0, { what: 'the approved suggestion at the channel' });
    await page.getByRole('region', { name: 'Suggested replies' }).waitFor({ state: 'detached' });
    await eventually(async () => (await transcriptTexts(page)).includes('We have croissants and baguettes today.'));
    expect(sentToNora().map((send) => [send.message.author, send.message.text])).toEqual([
      ['ai', 'We have croissants and baguettes today.'],
    ]);
    await page.context().close();
  });
});
