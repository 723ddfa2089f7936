/**
 * Posting the scheduled messages (the weekly report with its chart, budget
 * and model alerts) through the Web API. The Block Kit comes from
 * report-format.ts; this file only sends it.
 */
import type { WebClient } from '@slack/web-api';
import type { BudgetAlert, ModelAlert, TicketSpend, WeeklyReport } from '../../src/domain/index.js';
import type { Logger } from '../../src/logger.js';
import { CHART_FILE_NAME } from '../../src/present/report-numbers.js';
import { budgetAlertBlocks, modelAlertBlocks, weeklyReportBlocks, type SlackReportMessage } from './report-format.js';

/** A Slack ticket's thread as a permalink (from auth.test's workspace URL); tickets from elsewhere have none here. */
export function ticketPermalink(workspaceUrl: string | null, ticket: TicketSpend): string | null {
  if (ticket.platform !== 'slack' || !workspaceUrl) return null;
  const base = workspaceUrl.endsWith('/') ? workspaceUrl : `${workspaceUrl}/`;
  return `${base}archives/${encodeURIComponent(ticket.channelId)}/p${ticket.threadId.replace('.', '')}`;
}

/**
 * The report as Block Kit, then the chart as a file in the same channel.
 * Once the message is posted the report counts as posted: a failed chart
 * upload is logged, not retried, so a retry never duplicates the message.
 */
export async function postWeeklyReport(
  client: WebClient,
  log: Logger,
  workspaceUrl: string | null,
  channelId: string,
  report: WeeklyReport,
  chart: Uint8Array,
): Promise<{ messageId: string }> {
  const message = weeklyReportBlocks(report, { ticketLink: (ticket) => ticketPermalink(workspaceUrl, ticket) });
  const posted = await client.chat.postMessage({ channel: channelId, ...message, unfurl_links: false, unfurl_media: false });
  const messageId = String(posted.ts);
  try {
    await client.filesUploadV2({
      channel_id: channelId,
      file: Buffer.from(chart),
      filename: CHART_FILE_NAME,
      title: `Daily spend by tier, week of ${report.week.start}`,
      alt_text: `Daily spend by tier (nano, mini, flagship) from ${report.week.start} to ${report.week.end}`,
    });
  } catch (error) {
    log.warn({ err: error, channel: channelId }, 'weekly report posted, but its chart could not be uploaded (is the files:write scope granted?)');
  }
  return { messageId };
}

async function postMessage(client: WebClient, channelId: string, message: SlackReportMessage): Promise<{ messageId: string }> {
  const posted = await client.chat.postMessage({ channel: channelId, ...message, unfurl_links: false });
  return { messageId: String(posted.ts) };
}

export function postBudgetAlert(client: WebClient, channelId: string, alert: BudgetAlert): Promise<{ messageId: string }> {
  return postMessage(client, channelId, budgetAlertBlocks(alert));
}

export function postModelAlert(client: WebClient, channelId: string, alert: ModelAlert): Promise<{ messageId: string }> {
  return postMessage(client, channelId, modelAlertBlocks(alert));
}
