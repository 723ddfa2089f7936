/**
 * Budget caps, measured from the ledger (so the state survives restarts and
 * is shared by every process on the same database), plus in-flight
 * reservations (so parallel calls cannot all pass the check at once).
 *
 * Levels, from the tightest cap:
 *   normal → economy (alert threshold crossed: flagship only for urgent tickets)
 *          → triage_only (only the urgent reserve left: no drafts for non-urgent tickets)
 *          → stopped (nothing left: no model calls).
 * Before each call the worst case is reserved; a call that does not fit is
 * refused, so spend never passes a cap by more than one call's worst case
 * (and not at all when the worst case bounds the real cost).
 */
import type { BudgetLevel, BudgetStatus, CapStatus, Stage } from '../domain/index.js';
import { BudgetExceededError } from '../errors.js';
import { dayContaining, monthContaining, type Period } from '../periods.js';

export interface BudgetSettings {
  dailyUsd: number | null;
  monthlyUsd: number | null;
  alertThreshold: number;
  urgentReserve: number;
  timeZone: string;
}

export interface BudgetLedger {
  spentSinceAfter(since: Date, afterId: number): { costUsd: number; lastId: number };
}

/** A period's spend so far, and the last ledger row it includes. */
interface RunningTotal {
  costUsd: number;
  lastId: number;
}

export interface CallPurpose {
  stage: Stage;
  /** Urgent tickets may spend the reserve. */
  urgent: boolean;
}

export interface Reservation {
  release(): void;
}

/** Stages that find out what is urgent; they may spend the reserve too. */
const TRIAGE_STAGES: ReadonlySet<Stage> = new Set(['classify', 'extract']);

const SEVERITY: Record<BudgetLevel, number> = { normal: 0, economy: 1, triage_only: 2, stopped: 3 };

export function isAtLeast(level: BudgetLevel, threshold: BudgetLevel): boolean {
  return SEVERITY[level] >= SEVERITY[threshold];
}

export class BudgetGuard {
  private inFlightUsd = 0;
  /**
   * The worst case of the last triage call that was refused: while less than
   * this is left, the bot is `stopped` and makes no calls at all, rather than
   * paying for an extraction beside a classification that cannot run.
   */
  private refusedTriageUsd: number | null = null;
  /**
   * Spend per period start, kept up to date by reading only ledger rows newer
   * than the last one counted: the ledger stays the source of truth (rows
   * written by other processes count too) without summing a month per call.
   */
  private readonly totals = new Map<number, RunningTotal>();
  /** The current day and month, recomputed only when the clock leaves them. */
  private periods: { daily: Period; monthly: Period } | null = null;

  constructor(
    private readonly settings: BudgetSettings,
    private readonly ledger: BudgetLedger,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  get enabled(): boolean {
    return this.settings.dailyUsd !== null || this.settings.monthlyUsd !== null;
  }

  status(): BudgetStatus {
    const caps = this.caps();
    const daily = caps.find((cap) => cap.period === 'daily') ?? null;
    const monthly = caps.find((cap) => cap.period === 'monthly') ?? null;
    const level = caps.reduce<BudgetLevel>((worst, cap) => (SEVERITY[cap.level] > SEVERITY[worst] ? cap.level : worst), 'normal');
    return { level, alertThreshold: this.settings.alertThreshold, urgentReserve: this.settings.urgentReserve, daily, monthly };
  }

  level(): BudgetLevel {
    return this.enabled ? this.status().level : 'normal';
  }

  /**
   * Sets aside a call's worst-case cost, or throws BudgetExceededError when it
   * does not fit in what is left (minus the reserve, unless the call may use it).
   */
  reserve(worstCaseUsd: number, purpose: CallPurpose): Reservation {
    if (!this.enabled) return { release: () => undefined };
    const mayUseReserve = purpose.urgent || TRIAGE_STAGES.has(purpose.stage);
    for (const cap of this.caps()) {
      const kept = mayUseReserve ? 0 : cap.capUsd * this.settings.urgentReserve;
      const available = cap.capUsd - cap.spentUsd - this.inFlightUsd - kept;
      if (worstCaseUsd > available) {
        if (TRIAGE_STAGES.has(purpose.stage)) this.refusedTriageUsd = worstCaseUsd;
        throw new BudgetExceededError(cap.period, { worstCaseUsd, availableUsd: Math.max(0, available), capUsd: cap.capUsd, stage: purpose.stage });
      }
    }
    this.inFlightUsd += worstCaseUsd;
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.inFlightUsd -= worstCaseUsd;
      },
    };
  }

  private caps(): CapStatus[] {
    const now = this.clock();
    const caps: CapStatus[] = [];
    const { dailyUsd, monthlyUsd, timeZone } = this.settings;
    if (!this.periods || now < this.periods.daily.since || now >= this.periods.daily.until) {
      this.periods = { daily: dayContaining(now, timeZone), monthly: monthContaining(now, timeZone) };
    }
    if (dailyUsd !== null) caps.push(this.cap('daily', dailyUsd, this.periods.daily));
    if (monthlyUsd !== null) caps.push(this.cap('monthly', monthlyUsd, this.periods.monthly));
    return caps;
  }

  private cap(period: CapStatus['period'], capUsd: number, range: Period): CapStatus {
    const spentUsd = this.spentSince(range.since);
    return { period, periodKey: range.key, capUsd, spentUsd, leftUsd: Math.max(0, capUsd - spentUsd), usedFraction: spentUsd / capUsd, level: this.levelOf(capUsd, spentUsd) };
  }

  private spentSince(since: Date): number {
    const key = since.getTime();
    const known = this.totals.get(key) ?? { costUsd: 0, lastId: 0 };
    const fresh = this.ledger.spentSinceAfter(since, known.lastId);
    const total = { costUsd: known.costUsd + fresh.costUsd, lastId: fresh.lastId };
    if (!this.totals.has(key) && this.totals.size >= 4) this.totals.clear(); // old periods
    this.totals.set(key, total);
    return total.costUsd;
  }

  private levelOf(capUsd: number, spentUsd: number): BudgetLevel {
    const left = capUsd - spentUsd;
    if (left <= 0 || (this.refusedTriageUsd !== null && left - this.inFlightUsd < this.refusedTriageUsd)) return 'stopped';
    if (this.settings.urgentReserve > 0 && left <= capUsd * this.settings.urgentReserve) return 'triage_only';
    if (spentUsd / capUsd >= this.settings.alertThreshold) return 'economy';
    return 'normal';
  }
}
