/**
 * Posts a budget alert once per cap and period: when spend crosses the alert
 * threshold, and when only the urgent reserve is left (drafting has stopped
 * for non-urgent tickets). Checked after every ticket and at start-up; the
 * store's claims keep it to one post per period across restarts.
 */
import type { BudgetAlert, CapStatus } from '../domain/index.js';
import type { Logger } from '../logger.js';
import { isAtLeast, type BudgetGuard } from '../policy/budget.js';
import type { ChannelPostRepository, PostKind } from '../store/types.js';
import { postOnce, type PostOutcome } from './post-once.js';
import type { ReportDestination } from './weekly-report-job.js';

export class BudgetAlertJob {
  private checking: Promise<PostOutcome[]> | null = null;
  private readonly clock: () => Date;

  constructor(
    private readonly budget: BudgetGuard,
    private readonly posts: ChannelPostRepository,
    private readonly options: { destinations: ReportDestination[]; logger: Logger; clock?: () => Date },
  ) {
    this.clock = options.clock ?? (() => new Date());
  }

  /** Alerts that are due now; a check already running is joined, not repeated. */
  check(): Promise<PostOutcome[]> {
    this.checking ??= this.postDue().finally(() => {
      this.checking = null;
    });
    return this.checking;
  }

  private async postDue(): Promise<PostOutcome[]> {
    if (!this.budget.enabled || this.options.destinations.length === 0) return [];
    const status = await this.budget.status();
    const outcomes: PostOutcome[] = [];
    for (const cap of [status.daily, status.monthly]) {
      if (!cap) continue;
      for (const kind of dueKinds(cap, status.alertThreshold)) {
        const alert: BudgetAlert = { kind, cap, level: status.level, alertThreshold: status.alertThreshold };
        for (const { publisher, channelId } of this.options.destinations) {
          const postKind: PostKind = kind === 'threshold' ? 'budget_threshold' : 'budget_exhausted';
          outcomes.push(
            await postOnce(
              this.posts,
              { kind: postKind, periodKey: `${cap.period}:${cap.periodKey}`, platform: publisher.platform, channelId },
              () => publisher.postBudgetAlert(channelId, alert),
              this.options.logger.child({ job: 'budget_alert' }),
              this.clock,
            ),
          );
        }
      }
    }
    return outcomes;
  }
}

function dueKinds(cap: CapStatus, alertThreshold: number): BudgetAlert['kind'][] {
  const kinds: BudgetAlert['kind'][] = [];
  if (cap.usedFraction >= alertThreshold) kinds.push('threshold');
  if (isAtLeast(cap.level, 'triage_only')) kinds.push('exhausted');
  return kinds;
}
