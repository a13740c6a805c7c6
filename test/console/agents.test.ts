import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consolePage, launchBrowser, seriousAccessibilityViolations, signIn, viewports } from '../support/browser.js';
import { startHarness, type Harness } from '../support/harness.js';

const VERSION = { Version: '2021-04-15' };

/**
 * Agents (seed 004) in Chromium against the real stack: a knowledge base and a calendar added, an
 * agent created in the form and found by the search, bounds refused by the form itself (nothing
 * sent), actions of all seven types, follow-up settings with working hours, an API refusal in words,
 * the provider's insufficient-funds status and its reset, and the layout at 1280 px and a phone's width.
 */
describe('Console: Agents (Chromium)', () => {
  let h: Harness;
  let browser: Browser;
  let page: Page;
  /** Every write the page sends to the agents API, to show that a refused form sends nothing. */
  const writes: string[] = [];
  let ottoId: string;
  let brunaId: string;
  let knowledgeBaseId: string;

  const api = (method: string, path: string, body?: unknown) => h.request(method, path, { body, headers: VERSION });
  const agentNamed = async (name: string) => {
    const found = await api('get', `/conversation-ai/agents/search?query=${encodeURIComponent(name.toLowerCase())}`);
    return (found.body.agents as { id: string; name: string }[]).find((agent) => agent.name === name) as any;
  };
  const listedAgents = () => page.getByRole('list', { name: 'Agents' }).locator('li strong').allTextContents();
  const noHorizontalOverflow = async (target: Page, width: number) =>
    expect(await target.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);

  beforeAll(async () => {
    [h, browser] = await Promise.all([startHarness(), launchBrowser()]);
    // Another agent, made through the API: a transfer target, and what the search must leave out.
    const otto = await api('post', '/conversation-ai/agents', {
      name: 'Otto Orders',
      isPrimary: false,
      personality: 'Precise.',
      goal: 'Take orders.',
      instructions: 'Confirm every order.',
    });
    expect(otto.status).toBe(201);
    ottoId = otto.body.id;
    page = await consolePage(browser, h.api.url);
    page.on('request', (request) => {
      if (request.method() !== 'GET' && request.url().includes('/conversation-ai/'))
        writes.push(`${request.method()} ${new URL(request.url()).pathname}`);
    });
    await signIn(page, h.adminKey, '/console/agents');
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('adds a knowledge base and a calendar (its signing secret shown once)', async () => {
    await page.getByRole('heading', { name: 'Agents', level: 1 }).waitFor();
    await page.getByRole('list', { name: 'Agents' }).getByText('Otto Orders').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByLabel('Knowledge base name').fill('Bakery FAQ');
    await page.getByLabel(/^Text/).fill('We open at 8 every day.\n\nSourdough is baked at dawn.');
    await page.getByRole('button', { name: 'Add knowledge base' }).click();
    await page.getByText(/Bakery FAQ: \d+ chunks\./).waitFor();
    const knowledgeBases = (await h.request('get', '/v1/knowledge-bases')).body as { id: string; name: string }[];
    knowledgeBaseId = knowledgeBases.find((knowledgeBase) => knowledgeBase.name === 'Bakery FAQ')!.id;

    await page.getByLabel('Calendar name').fill('Tastings');
    await page.getByLabel(/^Booking URL/).fill('http://127.0.0.1:9/calendar');
    await page.getByRole('button', { name: 'Add calendar' }).click();
    const secret = page.getByRole('region', { name: 'Signing secret of Tastings' });
    await secret.waitFor();
    expect(await secret.locator('code.secret').textContent()).toBeTruthy();
    await secret.getByRole('button', { name: 'I have copied them' }).click();
    await page.getByRole('list', { name: 'Calendars' }).getByText('Tastings', { exact: true }).waitFor();
  });

  it('creates an agent in the form, sees it in the list, and the search finds it', async () => {
    await page.getByRole('button', { name: 'New agent' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Bruna Bakery');
    await page.getByLabel('Business name (optional)').fill('Bruna’s Bakery');
    await page.getByLabel('Mode').selectOption('AUTO_PILOT');
    await page.getByRole('checkbox', { name: 'WhatsApp' }).check();
    await page.getByRole('checkbox', { name: /^Primary agent/ }).check();
    await page.getByLabel('Wait before answering').fill('30');
    await page.getByRole('checkbox', { name: 'Sleep after a human or a workflow writes' }).check();
    await page.getByLabel('Sleep time', { exact: true }).fill('2');
    await page.getByLabel('Sleep time unit').selectOption('HOURS');
    await page.getByLabel('Personality').fill('Warm and brief.');
    await page.getByLabel('Goal').fill('Sell bread and cakes.');
    await page.getByLabel('Instructions').fill('Answer in one sentence.');
    await page.getByLabel('Auto-pilot messages before a human').fill('40');
    await page.getByRole('checkbox', { name: 'Bakery FAQ' }).check();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Create agent' }).click();

    await page.getByText('Agent Bruna Bakery created.').waitFor();
    await expect.poll(listedAgents).toEqual(['Otto Orders', 'Bruna Bakery']);
    const created = await agentNamed('Bruna Bakery');
    brunaId = created.id;
    expect(created).toMatchObject({
      businessName: 'Bruna’s Bakery',
      mode: 'AUTO_PILOT',
      channels: ['WhatsApp'],
      isPrimary: true,
      waitTime: 30,
      waitTimeUnit: 'SECONDS',
      sleepEnabled: true,
      sleepTime: 2,
      sleepTimeUnit: 'HOURS',
      autoPilotMaxMessages: 40,
      knowledgeBaseIds: [knowledgeBaseId],
    });

    // The search sends the name in lowercase, as the API requires, whatever was typed.
    const search = async (text: string) => {
      await page.getByLabel('Search by name').fill(text);
      await page.getByRole('button', { name: 'Search', exact: true }).click();
    };
    await search('BRUNA');
    await expect.poll(listedAgents).toEqual(['Bruna Bakery']);
    await search('ott');
    await expect.poll(listedAgents).toEqual(['Otto Orders']);
    await search('');
    await expect.poll(listedAgents).toEqual(['Otto Orders', 'Bruna Bakery']);
  });

  it('a bound out of range is the form’s own message, and nothing is sent', async () => {
    await page.locator(`[data-agent="${brunaId}"] button`).click();
    await page.getByRole('heading', { name: 'Bruna Bakery', level: 2 }).waitFor();
    const waitTime = page.getByLabel('Wait before answering');
    expect(await waitTime.inputValue()).toBe('30');
    writes.length = 0;

    await waitTime.fill('301');
    await page.getByRole('button', { name: 'Save agent' }).click();
    await page.locator('#agent-waitTime-problem').getByText('must not be greater than 300 seconds').waitFor();
    expect(await waitTime.getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('alert').getByText('Nothing was sent:').waitFor();

    await page.getByLabel('Wait time unit').selectOption('MINUTES');
    await waitTime.fill('6');
    await page.getByLabel('Auto-pilot messages before a human').fill('101');
    await page.getByRole('button', { name: 'Save agent' }).click();
    await page.locator('#agent-waitTime-problem').getByText('must not be greater than 5 minutes').waitFor();
    expect(await page.locator('#agent-autoPilotMaxMessages-problem').textContent()).toContain('100');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(writes).toEqual([]);
    expect(await agentNamed('Bruna Bakery')).toMatchObject({ waitTime: 30, waitTimeUnit: 'SECONDS' });

    await waitTime.fill('5');
    await page.getByLabel('Auto-pilot messages before a human').fill('60');
    await page.getByRole('button', { name: 'Save agent' }).click();
    await page.getByText('Agent saved.').waitFor();
    expect(writes).toEqual([`PUT /conversation-ai/agents/${brunaId}`]);
    expect(await page.locator('#agent-waitTime-problem').textContent()).toBe('');
    expect(await agentNamed('Bruna Bakery')).toMatchObject({
      waitTime: 5,
      waitTimeUnit: 'MINUTES',
      autoPilotMaxMessages: 60,
      sleepTime: 2,
    });
  });

  it('adds actions of all seven types, each checked by the API’s own schema before it is sent', async () => {
    const form = page.getByRole('region', { name: 'New action' });
    const add = async (type: string, name: string, fill: () => Promise<void>) => {
      await form.getByLabel('Action type').selectOption(type);
      await form.getByLabel('Action name').fill(name);
      await fill();
      await form.getByRole('button', { name: 'Add action' }).click();
      await page.getByText(`Action ${name} added.`).waitFor();
    };
    writes.length = 0;

    await add('TRIGGER_WORKFLOW', 'Cake order', async () => {
      await form.getByLabel('Workflow ids (one per line)').fill('wf-cake-order');
      await form.getByLabel('When to trigger them').fill('The contact orders a cake');
    });
    await add('UPDATE_CONTACT_FIELD', 'Email', async () => {
      await form.getByLabel(/^Contact field/).fill('email');
      await form.getByLabel('What the field holds').fill('The contact’s email');
    });
    await add('APPOINTMENT_BOOKING', 'Tasting', async () => {
      await form.getByLabel('Calendar').selectOption({ label: 'Tastings' });
    });

    // One example where the schema wants two: said by the form, not sent.
    await form.getByLabel('Action type').selectOption('STOP_BOT');
    await form.getByLabel('Action name').fill('Goodbye');
    await form.getByLabel('When to stop').fill('The contact says goodbye');
    await form.getByLabel(/^Examples/).fill('bye');
    await form.getByLabel('Final message').fill('Bye! Come back soon.');
    await form.getByRole('button', { name: 'Add action' }).click();
    await form.locator('[id$="-stopBotExamples-problem"]').getByText(/2/).waitFor();
    await form.getByRole('alert').getByText('Nothing was sent:').waitFor();
    await form.getByLabel(/^Examples/).fill('bye\nsee you tomorrow');
    await form.getByRole('button', { name: 'Add action' }).click();
    await page.getByText('Action Goodbye added.').waitFor();

    await add('HUMAN_HAND_OVER', 'Human', async () => {
      await form.getByLabel('Trigger condition').fill('The contact asks for a person');
      await form.getByLabel(/^Examples/).fill('can I talk to someone');
      await form.getByLabel('Final message').fill('A colleague will reply shortly.');
    });

    // A follow-up delay over the documented maximum (24 hours) is refused by the form first.
    await form.getByLabel('Action type').selectOption('ADVANCED_FOLLOWUP');
    await form.getByLabel('Action name').fill('Nudge');
    await form.getByLabel('Follow-up 1: after').fill('25');
    await form.getByRole('button', { name: 'Add action' }).click();
    await form.getByText('must not be greater than 24 hours').first().waitFor();
    await form.getByLabel('Follow-up 1: after').fill('2');
    await form.getByRole('button', { name: 'Add action' }).click();
    await page.getByText('Action Nudge added.').waitFor();

    await add('TRANSFER_BOT', 'To orders', async () => {
      await form.getByLabel('Agent to transfer to').selectOption({ label: 'Otto Orders' });
    });

    const listed = page.getByRole('list', { name: 'Actions of the agent' }).locator('li');
    await expect.poll(() => listed.count()).toBe(7);
    expect(writes).toHaveLength(7);
    expect(new Set(writes)).toEqual(new Set([`POST /conversation-ai/agents/${brunaId}/actions`]));
    const actions = (await api('get', `/conversation-ai/agents/${brunaId}/actions/list`)).body.data as any[];
    expect(actions.map((action) => action.type).sort()).toEqual(
      [
        'ADVANCED_FOLLOWUP',
        'APPOINTMENT_BOOKING',
        'HUMAN_HAND_OVER',
        'STOP_BOT',
        'TRANSFER_BOT',
        'TRIGGER_WORKFLOW',
        'UPDATE_CONTACT_FIELD',
      ].sort(),
    );
    const calendars = (await h.request('get', '/v1/calendars')).body as { id: string }[];
    const byType = Object.fromEntries(actions.map((action) => [action.type, action.details]));
    expect(byType.APPOINTMENT_BOOKING).toMatchObject({ calendarId: calendars[0]!.id, onlySendLink: false });
    expect(byType.STOP_BOT).toMatchObject({ stopBotExamples: ['bye', 'see you tomorrow'], enabled: true });
    expect(byType.TRANSFER_BOT).toMatchObject({ transferToBot: ottoId, transferBotType: 'Default' });
    expect(byType.ADVANCED_FOLLOWUP).toMatchObject({
      scenarioId: 'contactStoppedReplying',
      followupSequence: [{ id: 0, followupTime: 2, followupTimeUnit: 'HOURS', aiEnabledMessage: true }],
    });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('sets the follow-up settings with working hours (an interval ending before it starts is refused first)', async () => {
    const panel = page.getByRole('region', { name: 'Follow-up settings' });
    await panel.getByRole('checkbox', { name: 'Send follow-ups only in working hours' }).check();
    await panel.getByLabel('Time zone of the working hours').selectOption('contact');
    await panel.getByRole('button', { name: 'Add hours on Monday' }).click();
    await panel.getByRole('button', { name: 'Add hours on Monday' }).click();
    await panel.getByLabel('Monday 1 from').fill('09:00');
    await panel.getByLabel('Monday 1 until').fill('13:00');
    await panel.getByLabel('Monday 2 from').fill('15:00');
    await panel.getByLabel('Monday 2 until').fill('18:00');
    await panel.getByRole('button', { name: 'Add hours on Friday' }).click();
    await panel.getByLabel('Friday 1 from').fill('10:00');
    await panel.getByLabel('Friday 1 until').fill('00:00');
    await panel.getByRole('button', { name: 'Add hours on Tuesday' }).click();
    await panel.getByLabel('Tuesday 1 from').fill('18:00');
    await panel.getByLabel('Tuesday 1 until').fill('09:00');
    writes.length = 0;
    await panel.getByRole('button', { name: 'Save follow-up settings' }).click();
    await panel
      .getByText(/must end after it starts/)
      .first()
      .waitFor();
    expect(await panel.getByLabel('Tuesday 1 from').getAttribute('aria-invalid')).toBe('true');
    expect(writes).toEqual([]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await panel.getByRole('button', { name: 'Remove Tuesday 1' }).click();
    await panel.getByRole('button', { name: 'Save follow-up settings' }).click();
    await panel.getByText('Follow-up settings saved.').waitFor();
    expect(writes).toEqual([`PATCH /conversation-ai/agents/${brunaId}/followup-settings`]);
    const actions = (await api('get', `/conversation-ai/agents/${brunaId}/actions/list`)).body.data as any[];
    const nudge = actions.find((action) => action.name === 'Nudge');
    const expected = {
      dynamicChannelSwitching: false,
      followUpHours: true,
      timezoneToUse: 'contact',
      workingHours: [
        {
          dayOfTheWeek: 1,
          intervals: [
            { startHour: 9, startMinute: 0, endHour: 13, endMinute: 0 },
            { startHour: 15, startMinute: 0, endHour: 18, endMinute: 0 },
          ],
        },
        { dayOfTheWeek: 5, intervals: [{ startHour: 10, startMinute: 0, endHour: 24, endMinute: 0 }] },
      ],
    };
    expect(nudge.details.followupSettings).toEqual(expected);

    // Editing the follow-up action keeps the settings the form does not show.
    await page.getByRole('button', { name: 'Edit Nudge' }).click();
    await page.getByLabel('Follow-up 1: after').fill('3');
    await page.getByRole('button', { name: 'Save action' }).click();
    await page.getByRole('button', { name: 'Edit Nudge' }).waitFor();
    const edited = await api('get', `/conversation-ai/agents/${brunaId}/actions/${nudge.id}`);
    expect(edited.body.data.details).toMatchObject({
      followupSequence: [{ followupTime: 3 }],
      followupSettings: expected,
    });

    // Read back by the console after a reload.
    await page.reload();
    await page.locator(`[data-agent="${brunaId}"] button`).click();
    const reloaded = page.getByRole('region', { name: 'Follow-up settings' });
    await expect.poll(() => reloaded.getByLabel('Monday 2 until').inputValue()).toBe('18:00');
    expect(await reloaded.getByLabel('Friday 1 until').inputValue()).toBe('00:00');
    expect(await reloaded.getByLabel('Time zone of the working hours').inputValue()).toBe('contact');
  });

  it('an API refusal is shown in words (a second primary agent on the same channel)', async () => {
    await page.getByRole('button', { name: 'New agent' }).click();
    const form = page.getByRole('region', { name: 'New agent' });
    await form.getByLabel('Name', { exact: true }).fill('Pia Primary');
    await form.getByRole('checkbox', { name: 'WhatsApp' }).check();
    await form.getByRole('checkbox', { name: /^Primary agent/ }).check();
    await form.getByLabel('Personality').fill('Cheerful.');
    await form.getByLabel('Goal').fill('Greet.');
    await form.getByLabel('Instructions').fill('Say hello.');
    await form.getByRole('button', { name: 'Create agent' }).click();
    const alert = form.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/Error 422: .*Bruna Bakery/);
    expect(await agentNamed('Pia Primary')).toBeUndefined();
  });

  it('shows the provider’s insufficient funds, and the reset clears it', async () => {
    // As the worker records it when the provider answers insufficient_quota (test/api/ai-flow.test.ts).
    await h.collections.organizations.updateOne(
      { _id: h.organizationId },
      { $set: { providerStatus: 'insufficient_funds' } },
    );
    await page.reload();
    const provider = page.getByRole('region', { name: 'AI provider' });
    await provider.getByRole('alert').getByText('Insufficient funds:').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await provider.getByRole('button', { name: 'Reset provider status' }).click();
    await provider.getByText('The provider answers; agents reply as configured.').waitFor();
    expect((await h.request('get', '/v1/ai/provider-status')).body).toEqual({ status: 'ok' });
  });

  it('deletes an agent after a confirmation', async () => {
    const temporary = await api('post', '/conversation-ai/agents', {
      name: 'Zed Temporary',
      isPrimary: false,
      personality: 'Brief.',
      goal: 'Nothing.',
      instructions: 'None.',
    });
    await page.reload();
    await page.locator(`[data-agent="${temporary.body.id}"] button`).click();
    await page.getByRole('button', { name: 'Delete agent' }).click();
    await page.getByRole('button', { name: 'Really delete Zed Temporary' }).click();
    await expect.poll(listedAgents).toEqual(['Otto Orders', 'Bruna Bakery']);
    expect((await api('get', `/conversation-ai/agents/${temporary.body.id}`)).status).toBe(404);
  });

  it('a read-only key sees the agents and their actions, and nothing to change them with', async () => {
    const key = await h.request('post', '/v1/api-keys', {
      body: { name: 'Auditor', scopes: ['conversation-ai.readonly'] },
    });
    expect(key.status).toBe(201);
    const reader = await consolePage(browser, h.api.url);
    await signIn(reader, key.body.key, '/console/agents');
    await reader.locator(`[data-agent="${brunaId}"] button`).click();
    await reader.getByRole('list', { name: 'Actions of the agent' }).locator('li').nth(6).waitFor();
    expect(await reader.getByLabel('Name', { exact: true }).isDisabled()).toBe(true);
    for (const name of ['New agent', 'Save agent', 'Delete agent', 'Add knowledge base', 'Save follow-up settings'])
      expect(await reader.getByRole('button', { name }).count()).toBe(0);
    // The provider status is an admin's: not shown, not asked for.
    expect(await reader.getByRole('region', { name: 'AI provider' }).count()).toBe(0);
    expect(await seriousAccessibilityViolations(reader)).toEqual([]);
    await reader.context().close();
  });

  it('fits 1280 px and a phone’s width', async () => {
    await page.locator(`[data-agent="${brunaId}"] button`).click();
    await page.getByRole('region', { name: 'Follow-up settings' }).waitFor();
    await noHorizontalOverflow(page, viewports.desktop.width);

    const phone = await consolePage(browser, h.api.url, viewports.phone);
    await signIn(phone, h.adminKey, '/console/agents');
    await phone.locator(`[data-agent="${brunaId}"] button`).click();
    await phone.getByRole('region', { name: 'Follow-up settings' }).waitFor();
    await phone.getByRole('list', { name: 'Actions of the agent' }).locator('li').nth(6).waitFor();
    await noHorizontalOverflow(phone, viewports.phone.width);
    expect(await seriousAccessibilityViolations(phone)).toEqual([]);
    await phone.context().close();
  });
});
