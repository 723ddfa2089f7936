/**
 * Spend for the spend dashboard's tests: settings shared by the web console
 * and the report CLI (so both read the same database the same way), a seed of
 * simulator tickets (offline: estimated spend) and billed ledger rows this
 * week and last, and the report's figures written as the page writes them.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { WeeklyReport } from '../../src/domain/index.js';
import { PROJECT_ROOT } from '../../src/project-root.js';
import { formatUsd } from '../../src/present/money.js';
import { BUDGET_LEVEL_NAMES, formatChange, formatCount, formatPercent } from '../../src/present/report-numbers.js';
import { seedReportActivity } from '../support/report-activity.js';
import type { Client, Running } from './web-support.js';

/** A zone off UTC (weeks start at its midnight), a daily cap (budget status) and SLA targets (attainment rows). */
export const spendSettings = {
  MODEL_PROVIDER: 'offline',
  REPORT_TIMEZONE: 'Europe/Berlin',
  BUDGET_DAILY_USD: '50',
  SLA_FIRST_RESPONSE: 'urgent=1d,high=1d,normal=1d,low=1d',
} as const;

/** The report as JSON carries it: dates as ISO strings. */
export type ReportJson = Omit<WeeklyReport, 'generatedAt' | 'week'> & { generatedAt: string; week: { start: string; end: string; timeZone: string; since: string; until: string } };

export interface SpendAnswerJson {
  week: { start: string; end: string; timeZone: string; current: boolean; previous: string; next: string | null };
  report: ReportJson;
  words: { reasons: Record<string, string>; budgetLevel: { name: string; meaning: string } | null; sla: string[]; knowledgeGaps: string[] };
}

/** The report without the moment it was built (the only field two runs may differ in). */
export function withoutGeneratedAt(report: object): Record<string, unknown> {
  const { generatedAt: _generatedAt, ...rest } = report as Record<string, unknown>;
  return rest;
}

const DAY_MS = 86_400_000;
const execFileAsync = promisify(execFile);

/** What `npm run report -- --json --week <date>` prints for `database`, run as its own process with the settings above. */
export async function reportCliJson(database: string, date: string): Promise<ReportJson> {
  const { stdout } = await execFileAsync(process.execPath, ['--import', 'tsx', 'src/cli/report.ts', '--json', '--week', date], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? '', DATABASE_PATH: database, LOG_LEVEL: 'silent', ...spendSettings },
  });
  return JSON.parse(stdout) as ReportJson;
}

/** Two simulator tickets (through the desk, offline models) and billed calls this week and last, one sent for a second opinion. */
export async function seedSpend(web: Running, client: Client): Promise<void> {
  for (const text of ['How do I export my reports to CSV? Order #4411', 'Can I add a second admin to our workspace?']) {
    const said = await client.postJson<{ ticketId: number }>('/api/try/messages', { customer: 'Ana Lima', text });
    if (said.status !== 201) throw new Error(`simulator message refused: ${said.status}`);
    await client.waitFor((event) => event.type === 'card' && (event.data.card as { ticketId?: number }).ticketId === said.body.ticketId);
  }
  const { store } = web.core;
  const now = new Date();
  const billed = await seedReportActivity(store, { platform: 'slack', channelId: 'C0SUPPORT1', threadId: '1764000000.000100', subject: 'Charged twice <b>for</b> the annual plan' }, now);
  await seedReportActivity(store, { platform: 'slack', channelId: 'C0SUPPORT1', threadId: '1764000000.000200', subject: 'Last week: invoice VAT' }, new Date(now.getTime() - 7 * DAY_MS));
  // Written as the report tests do: decisions are stamped with the store's clock.
  store.sqlite
    .prepare("insert into routing_decisions (ticket_id, route, reasons, decided_by, prompt_versions, created_at) values (?, 'flagship_review', ?, 'nano', '[]', ?)")
    .run(billed, JSON.stringify(['risk_refund', 'amount_over_threshold']), now.getTime());
}

/** A `[data-field]` element's expected text: the report's value at `field`, written by `format` with the report text's formatters. */
export function expectedFieldText(report: ReportJson, field: string, format: string): string {
  const value = field.split('.').reduce<unknown>((at, key) => (at === null || at === undefined ? undefined : (at as Record<string, unknown>)[key]), report);
  switch (format) {
    case 'usd':
      return formatUsd(typeof value === 'number' ? value : Number.NaN);
    case 'count':
      return formatCount(typeof value === 'number' ? value : Number.NaN);
    case 'percent':
      return formatPercent(value as number | null);
    case 'change':
      return formatChange(value as WeeklyReport['previousWeek']);
    case 'level':
      return BUDGET_LEVEL_NAMES[value as NonNullable<WeeklyReport['budget']>['level']];
    case 'none':
      return value === null ? 'no caps configured' : `unexpected value at ${field}`;
    default:
      return `unknown format ${format}`;
  }
}
