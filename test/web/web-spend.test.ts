/**
 * The spend dashboard's API over real HTTP: `/api/spend?week=D` carries the
 * very report `npm run report -- --json --week D` prints for the same
 * database (the CLI run as a child process), says which week it is with its
 * neighbours, refuses a malformed week with 400, and needs a session.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextWeek, previousWeek, weekContaining } from '../../src/periods.js';
import { tempDir } from '../support/temp-dir.js';
import { reportCliJson, seedSpend, spendSettings, withoutGeneratedAt, type SpendAnswerJson } from './spend-support.js';
import { Client, startWeb, type Running } from './web-support.js';

const dir = tempDir('triage-web-spend');
const database = dir.file('spend.db');
let web: Running;
let client: Client;

describe('GET /api/spend', () => {
  beforeAll(async () => {
    web = await startWeb(database, spendSettings);
    client = new Client(web.web.url);
    await client.signIn();
    await client.listen();
    await seedSpend(web, client);
  });
  afterAll(async () => {
    client?.close();
    await web?.close();
    dir.cleanup();
  });

  it('is the report `npm run report -- --json` prints for the same week, with the week and its neighbours', async () => {
    const week = weekContaining(new Date(), spendSettings.REPORT_TIMEZONE);
    // Any day selects its week: the Sunday asks for the same report as the Monday the CLI is given.
    const sunday = new Date(nextWeek(week, spendSettings.REPORT_TIMEZONE).since.getTime() - 3_600_000);
    const sundayDate = sunday.toLocaleDateString('en-CA', { timeZone: spendSettings.REPORT_TIMEZONE });
    const [response, printed] = await Promise.all([client.get(`/api/spend?week=${sundayDate}`), reportCliJson(database, week.key)]);
    expect(response.status).toBe(200);
    const answer = (await response.json()) as SpendAnswerJson;
    expect(withoutGeneratedAt(answer.report)).toEqual(withoutGeneratedAt(printed));
    // The seeded activity is there: billed and offline spend, tickets, a budget, SLA rows.
    expect(answer.report.totals.costUsd).toBeGreaterThan(0);
    expect(answer.report.totals.estimatedCostUsd).toBeGreaterThan(0);
    expect(answer.report.tickets.handled).toBeGreaterThanOrEqual(3);
    expect(answer.report.budget).not.toBeNull();
    expect(answer.words.sla.length).toBeGreaterThan(0);
    expect(answer.week).toEqual({
      start: week.key,
      end: answer.report.week.end,
      timeZone: spendSettings.REPORT_TIMEZONE,
      current: true,
      previous: previousWeek(week, spendSettings.REPORT_TIMEZONE).key,
      next: null,
    });
    for (const reason of [...answer.report.secondOpinions.reasons, ...answer.report.budgetDegraded]) expect(answer.words.reasons[reason.code]).toBeTruthy();
  }, 60_000);

  it('without a week is the current week so far; last week has this one as its next', async () => {
    const current = (await (await client.get('/api/spend')).json()) as SpendAnswerJson;
    expect(current.week.current).toBe(true);
    expect(current.report.totals.costUsd).toBeGreaterThan(0);
    const last = (await (await client.get(`/api/spend?week=${current.week.previous}`)).json()) as SpendAnswerJson;
    expect(last.week).toMatchObject({ current: false, next: current.week.start });
    // The activity seeded a week earlier is last week's spend, and this week's change is measured from it.
    expect(last.report.totals.costUsd).toBe(current.report.previousWeek.costUsd);
    expect(last.report.totals.costUsd).toBeGreaterThan(0);
  });

  it('refuses a malformed or impossible week with 400 WEB_WEEK_INVALID', async () => {
    for (const week of ['2026-13-01', '2026-02-30', 'last-week', '', '2026-1-5', '2026-11-16T00:00']) {
      const response = await client.get(`/api/spend?week=${encodeURIComponent(week)}`);
      expect(response.status, week).toBe(400);
      expect(await response.json()).toEqual({ error: 'WEB_WEEK_INVALID' });
    }
  });

  it('needs a session: 403 without one', async () => {
    const response = await fetch(new URL('/api/spend', web.web.url));
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: 'WEB_SESSION_REQUIRED' });
  });

  it('serves the page, linked from every page', async () => {
    for (const path of ['/', '/try', '/spend']) {
      const html = await (await fetch(new URL(path, web.web.url))).text();
      expect(html, path).toContain('<a href="/spend"');
    }
  });
});
