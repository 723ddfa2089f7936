/**
 * Composition root: config → logger → store → models → adapters → pipeline.
 * The only place concrete pieces are wired together.
 */
import { ConsoleAdapter } from '../adapters/console/index.js';
import type { ReportPublisher, Surface } from './ports/surface.js';
import { parseCliArgs } from './cli/args.js';
import { configuredSecrets, loadConfig } from './config.js';
import { createCore } from './core.js';
import { createScheduledJobs } from './jobs/scheduled-jobs.js';
import type { ReportDestination } from './jobs/weekly-report-job.js';
import { createLogger } from './logger.js';
import { warmUpRiskChecks } from './policy/risk-checks.js';
import { runCli } from './cli/run-cli.js';
import { openStore, storeLocation } from './store/open-store.js';
import { gracefulShutdown } from './ops/graceful-shutdown.js';
import { createOps } from './ops/index.js';
import { storeReadings } from './ops/store-readings.js';
import { PgBossTicketJobs } from './queue/pg-boss-ticket-jobs.js';
import { startWebConsole } from './web/server.js';

/** Tickets one process works at once (model calls overlap; the store and the event loop are shared). */
const TICKETS_AT_ONCE = 4;

const HELP = `Support triage bot

Usage: npm start [-- --console] [-- --help]

Runs the bot: Slack when SLACK_BOT_TOKEN is set, Discord when DISCORD_TOKEN
is set (both in one process, sharing one store and pipeline); with no platform
credentials, the local console: type a customer message, see its triage,
route and draft, and approve, edit, reject or escalate it. Beside it, the web
console (WEB_PORT) does the same in a browser. Tickets and spend
go to DATABASE_PATH (or DATABASE_URL's Postgres).

Logs (level LOG_LEVEL) go to stderr. When the console runs on a terminal they
are shown above its prompt instead, which is then drawn again with what you
had typed; piped, the console's output stays on stdout and logs on stderr.

Options:
  --console   also start the local console when a platform is configured
  --help      show this help

Configuration comes from the environment and .env (see .env.example):
  MODEL_PROVIDER       openai | openai-compatible | offline (default: openai when OPENAI_API_KEY is set, else offline)
  OPENAI_API_KEY       OpenAI key; OPENAI_BASE_URL for an OpenAI-compatible server
  MODEL_NANO / MODEL_MINI / MODEL_FLAGSHIP   models per tier (gpt-5.4-nano / gpt-5.4-mini / gpt-5.4)
  MODEL_PRICES         JSON price table overriding the built-in one
  MODEL_TIMEOUT_MS / MODEL_MAX_RETRIES   per-attempt wait (default 60000) and retries on 429 / 5xx / timeouts (default 2)
  DATABASE_PATH        SQLite file (default ./data/triage.db)
  DATABASE_URL         postgres://… : the store several replicas share (DATABASE_PATH then holds only the knowledge-base index)
  LOG_LEVEL            fatal | error | warn | info | debug | trace | silent (default info)
  ESCALATION_AMOUNT_USD, CONFIDENCE_THRESHOLD, VIP_CUSTOMERS, AUTO_SEND, REPLY_LINK_DOMAINS, PRODUCT_NAMES  routing policy
  SLACK_BOT_TOKEN, SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET + PORT (HTTP),
  SLACK_SUPPORT_CHANNELS, SLACK_REVIEW_CHANNEL, SLACK_REVIEWERS, SLACK_API_URL  Slack
  DISCORD_TOKEN, DISCORD_APPLICATION_ID, DISCORD_SUPPORT_CHANNELS, DISCORD_REVIEW_CHANNEL,
  DISCORD_REVIEWER_ROLE, DISCORD_REVIEWERS, DISCORD_API_URL  Discord
  DISCORD_SHARD_COUNT / DISCORD_SHARD_IDS   gateway shards in all / the ones this process runs (default 1 / all)
  REPORT_CRON          when the weekly spend report is posted (default "0 9 * * 1": Monday 09:00)
  REPORT_TIMEZONE      IANA zone for report weeks and budget days / months (default UTC)
  REPORT_SLACK_CHANNEL / REPORT_DISCORD_CHANNEL   channel ids the report and budget alerts go to
  BUDGET_DAILY_USD / BUDGET_MONTHLY_USD   spend caps (unset: no cap)
  BUDGET_ALERT_PERCENT  alert, and flagship only for urgent tickets, past this share of a cap (default 80)
  BUDGET_URGENT_RESERVE_PERCENT  share of each cap kept for triage and urgent tickets (default 10)
  LEDGER_RETENTION_DAYS  days of per-call ledger detail kept before it is rolled up into daily totals (default 90; 0: all)
  KB_PATH              knowledge base folder of Markdown / text files drafts are grounded in (default ./kb)
  MODEL_EMBEDDINGS     embeddings model fused with BM25 in KB search (openai: text-embedding-3-small; off: BM25 alone)
  SLA_FIRST_RESPONSE / SLA_RESOLUTION   targets per urgency, e.g. urgent=15m,high=1h,normal=4h,low=1d (empty: off)
  SLA_BUSINESS_HOURS, SLA_HOLIDAYS, SLA_WARN_AT   business hours in REPORT_TIMEZONE, closed days, warning share (0.75)
  SLA_ONCALL_SLACK / SLA_ONCALL_DISCORD   who SLA alerts in the review channel mention
  WEB_PORT             the web console (Try it, review queue) on this port: empty = 8080 when no platform is configured,
                       else off; 0 = any free port; off = never. Its address is printed at start
  WEB_HOST             the interface it listens on (default 127.0.0.1: no sign-in; any other: pages need a link from /triage web)
  WEB_PUBLIC_URL       the address reviewers open, where sign-in links point (required when WEB_HOST is not loopback)
  HEALTH_PORT          /healthz, /readyz and /metrics on this port (empty: beside /slack/events in Slack HTTP mode, else off)
  SHUTDOWN_GRACE_SECONDS  on SIGTERM, time for the tickets in hand before the rest is handed back (default 25)

The weekly report can also be printed at any time: npm run report -- --help
`;

async function main(argv: string[]): Promise<number> {
  const args = parseCliArgs(argv, { help: { type: 'boolean' }, console: { type: 'boolean' } });
  if (args.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const config = loadConfig();
  // The console is the default without platforms, and available beside them by flag.
  const consoleSurface =
    (!config.slack && !config.discord) || args.console ? new ConsoleAdapter({ input: process.stdin, output: process.stdout }) : null;
  const logger = createLogger({
    level: config.logLevel,
    // On a terminal the console shows log lines above its prompt, never inside
    // the line being typed. Otherwise (piped, or platforms only) the console
    // owns stdout and logs go to stderr, so the two never interleave.
    ...(consoleSurface?.interactive
      ? { pretty: true, destination: consoleSurface.logLines }
      : { pretty: process.stderr.isTTY === true, destination: process.stderr }),
    // Scrubbed by value from every log line, whatever shape they hide in (an API echoing the key, say).
    secrets: configuredSecrets(config),
  });

  // /healthz, /readyz, /metrics: on HEALTH_PORT (listening from here on), beside Slack's HTTP receiver, or off.
  const ops = await createOps(config, logger);
  // A platform's adapter (and its library) is loaded only when it is configured:
  // discord.js alone holds some 20 MB that a Slack-only bot would carry for nothing, and Bolt as much.
  const slack = config.slack
    ? new (await import('../adapters/slack/index.js')).SlackAdapter({ config: config.slack, logger, httpRoutes: ops.slackRoutes })
    : null;
  const discord = config.discord ? new (await import('../adapters/discord/index.js')).DiscordAdapter({ config: config.discord, logger }) : null;
  // The web console (WEB_PORT; by default without platforms): one more surface of the same desk. Listening
  // from here on, before the store opens, so a taken port stops start-up cleanly.
  const web = config.web ? await startWebConsole({ ...config.web, core: () => core, logger }) : null;
  const surfaces: Surface[] = [slack, discord, consoleSurface].filter((surface): surface is NonNullable<typeof surface> => surface !== null);

  const destinations: ReportDestination[] = [
    ...(slack && config.reports.slackChannel ? [{ publisher: slack as ReportPublisher, channelId: config.reports.slackChannel }] : []),
    ...(discord && config.reports.discordChannel ? [{ publisher: discord as ReportPublisher, channelId: config.reports.discordChannel }] : []),
  ];
  let checkBudget = (): void => undefined;
  // Postgres (DATABASE_URL) is opened, and migrated, here; SQLite by the core itself.
  const store = config.databaseUrl ? await openStore(config) : undefined;
  // Replicas share the tickets' work through pg-boss in the same database (src/queue/pg-boss-ticket-jobs.ts).
  const jobs = store?.shared ? await new PgBossTicketJobs(store.shared, { concurrency: TICKETS_AT_ONCE, logger }).open() : undefined;
  const core = createCore(config, logger, {
    onOutcome: () => checkBudget(),
    concurrency: TICKETS_AT_ONCE,
    ...(store ? { store } : {}),
    ...(jobs ? { jobs } : {}),
    ...(ops.modelCalls ? { modelCallObserver: ops.modelCalls } : {}),
    ...(web ? { webSignIn: web.deskSignIn } : {}),
  });
  if (web) surfaces.push(web.surface);
  ops.attach(storeReadings(core.store, core.budget, core.workflow), surfaces);
  // A refused key or an unknown model stops start-up here, naming the variable to fix.
  await core.gateway.checkModels();
  // In slices, while the surfaces connect: left to the first tickets, compiling the risk checks held every ack behind it.
  void warmUpRiskChecks().then((ms) => logger.info({ ms: Math.round(ms) }, 'risk checks compiled'));
  // Embeds the knowledge base's passages in the background (when an embeddings model is set), before the first ticket needs them.
  void core.knowledge.syncVectors();
  const scheduled = createScheduledJobs(core, destinations, logger, { surfaces, ...(ops.slaAlerts ? { slaObserver: ops.slaAlerts } : {}) });
  checkBudget = () => void scheduled.alerts.check();
  logger.info(
    {
      provider: core.gateway.providerName,
      models: core.tiers.all().map((t) => `${t.tier}=${t.model}`),
      prices: core.tiers.priceTable.version,
      database: storeLocation(config),
    },
    'starting',
  );
  // Registered before anything starts: a signal during start-up (say, while a
  // missed report is being posted) still shuts down in order. The order and why: src/ops/graceful-shutdown.ts.
  const shutdown = gracefulShutdown({
    graceMs: config.ops.shutdownGraceMs,
    logger,
    steps: {
      stopTakingWork: () => {
        ops.readiness.stopping();
        core.workflow.stopTakingWork();
      },
      stopJobs: () => scheduled.stop(),
      finishWorkInHand: () => core.workflow.finishWorkInHand(),
      workInHand: () => core.workflow.workInHand,
      stopSurfaces: async () => {
        for (const surface of surfaces) await surface.stop();
      },
      handBack: async () => {
        await core.workflow.handBack();
        core.close();
      },
      closeServers: async () => {
        await web?.close();
        await ops.close();
      },
    },
  });
  shutdown.listen();

  if (web) {
    // On stdout, before the console's help and prompt: the first thing a person starting the bot needs.
    (consoleSurface?.logLines ?? process.stdout).write(`Web console: ${web.url} (Try it: ${web.url}try)\n`);
    logger.info({ url: web.url }, 'web console listening');
  }
  for (const surface of surfaces) await surface.start(core.desk.attach(surface));
  // Only once every surface is up: a resumed ticket's card and reply need its surface.
  await core.workflow.recover();
  core.workflow.startHeartbeat();
  await scheduled.start();
  ops.readiness.started();

  if (consoleSurface) {
    await consoleSurface.finished();
    if (!web) {
      // Every ticket typed or piped in finishes, however long that takes: the grace is for signals.
      await shutdown.begin('console closed', null);
      return 0;
    }
    // No terminal (a service, closed input): the page alone keeps the bot running, until a signal.
    logger.info({ url: web.url }, 'console input closed; the web console keeps running');
  }
  // Platforms and the web console run until a signal stops the process.
  await new Promise<never>(() => undefined);
  return 0;
}

runCli(main);
