/**
 * `npm run report -- [--week YYYY-MM-DD] [--json] [--chart FILE]`: the
 * weekly spend report from the bot's database, in the terminal. The same
 * numbers the scheduled post carries; reading it never changes the store.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { weeklyReportText } from '../present/report-text.js';
import { loadConfig } from '../config.js';
import { InputError } from '../errors.js';
import { renderSpendChart } from '../jobs/chart/spend-chart.js';
import { weeklyReports } from '../jobs/weekly-reports.js';
import { previousWeek, weekContaining, weekOfTypedDate } from '../periods.js';
import { openStore } from '../store/open-store.js';
import { parseCliArgs } from './args.js';
import { runCli } from './run-cli.js';

const HELP = `Usage: npm run report -- [options]

Prints the weekly spend report from DATABASE_PATH (or DATABASE_URL): total spend and change
from last week; spend by tier, model, stage, platform and channel; tickets
handled and cost per ticket; second opinions on drafts (\`secondOpinions\`
in the JSON), their reasons and cost; prompt-cache share; the all-flagship
estimate and the saving; the most expensive tickets; budget status. Weeks run
Monday to Sunday in REPORT_TIMEZONE.

Options:
  --week YYYY-MM-DD   the week containing this date (default: the last complete week)
  --json              print the numbers as one JSON object
  --chart FILE        also write the daily-spend chart (PNG) to FILE
  --help              show this help
`;

async function main(argv: string[]): Promise<number> {
  const args = parseCliArgs(argv, { week: { type: 'string' }, json: { type: 'boolean' }, chart: { type: 'string' }, help: { type: 'boolean' } });
  if (args.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const config = loadConfig();
  const asked = args.week === undefined ? null : weekOfTypedDate(args.week, config.timeZone);
  if (args.week !== undefined && !asked) throw new InputError(`--week expects a date as YYYY-MM-DD, got "${args.week}"`);
  if (!config.databaseUrl && !existsSync(config.databasePath)) {
    throw new InputError(`no database at ${config.databasePath} (DATABASE_PATH): run the bot or a replay first`);
  }
  const store = await openStore(config);
  try {
    const week = asked ?? previousWeek(weekContaining(new Date(), config.timeZone), config.timeZone);
    const report = await weeklyReports({ config, store }).forWeek(week);
    if (args.chart) writeFileSync(args.chart, renderSpendChart(report.daily));
    process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : `${weeklyReportText(report)}\n`);
  } finally {
    store.close();
  }
  return 0;
}

runCli(main);
