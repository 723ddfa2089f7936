/**
 * Budget caps, measured from the ledger, so the state survives restarts and
 * is shared by every process on the same database.
 *
 * Levels, from the tightest cap, counting settled spend only (rows whose
 * attempt ended, and attempts cut off by a crash at their worst case):
 *   normal → economy (alert threshold crossed: flagship only for urgent tickets)
 *          → triage_only (only the urgent reserve left: no drafts for non-urgent tickets)
 *          → stopped (nothing left: no model calls).
 * Before each billed attempt its worst case is reserved by an open ledger row
 * (`admit` runs inside the transaction that writes it, so every process sees
 * every reservation). An attempt whose worst case does not fit beside the
 * settled spend is refused; one that fits but not beside what is in flight
 * waits for room: a burst waits for its turn instead of failing over to humans.
 * So spend never passes a cap (when the worst case bounds the real cost).
 */
import { nanosToUsd, usdToNanos, type BudgetLevel, type BudgetStatus, type CapStatus, type LedgerStage, type Nanos, type Stage } from '../domain/index.js';
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
  spentSinceAfter(since: Date, afterSeq: number): Promise<{ costNanos: Nanos; lastSeq: number }>;
  inFlightSince(since: Date): Promise<Nanos>;
}

/** A period's settled spend so far, and the last settle sequence it includes. */
interface RunningTotal {
  costNanos: Nanos;
  lastSeq: number;
}

/** A cap in the ledger's unit, beside the status it is reported as. */
interface Cap {
  status: CapStatus;
  capNanos: Nanos;
  spentNanos: Nanos;
}

export interface CallPurpose {
  stage: LedgerStage;
  /** Urgent tickets may spend the reserve. */
  urgent: boolean;
  /**
   * An evaluation's shadow call: counted like any call, but it never spends
   * the reserve (kept for finding and handling urgent tickets), and its refusal
   * says nothing about whether real triage still fits.
   */
  shadow?: boolean;
}

/** `admit`: reserve now; `wait`: it fits once attempts in flight end. */
export type Admission = 'admit' | 'wait';

/** How long a waiting attempt sleeps before looking again, when no local attempt ends sooner (other processes). */
const ROOM_POLL_MS = 200;

/** Stages that find out what is urgent; they may spend the reserve too. */
const TRIAGE_STAGES: ReadonlySet<LedgerStage> = new Set<Stage>(['classify', 'extract']);

const SEVERITY: Record<BudgetLevel, number> = { normal: 0, economy: 1, triage_only: 2, stopped: 3 };

export function isAtLeast(level: BudgetLevel, threshold: BudgetLevel): boolean {
  return SEVERITY[level] >= SEVERITY[threshold];
}

export class BudgetGuard {
  /**
   * The worst case of the last triage call that was refused: while less than
   * this is left, the bot is `stopped` and makes no calls at all, rather than
   * paying for an extraction beside a classification that cannot run.
   */
  private refusedTriageNanos: Nanos | null = null;
  /**
   * Spend per period start, kept up to date by reading only ledger rows newer
   * than the last one counted: the ledger stays the source of truth (rows
   * written by other processes count too) without summing a month per call.
   */
  private readonly totals = new Map<number, RunningTotal>();
  /** The current day and month, recomputed only when the clock leaves them. */
  private periods: { daily: Period; monthly: Period } | null = null;
  private waiters: (() => void)[] = [];

  constructor(
    private readonly settings: BudgetSettings,
    private readonly ledger: BudgetLedger,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  get enabled(): boolean {
    return this.settings.dailyUsd !== null || this.settings.monthlyUsd !== null;
  }

  async status(): Promise<BudgetStatus> {
    const caps = (await this.caps()).map((cap) => cap.status);
    const daily = caps.find((cap) => cap.period === 'daily') ?? null;
    const monthly = caps.find((cap) => cap.period === 'monthly') ?? null;
    const level = caps.reduce<BudgetLevel>((worst, cap) => (SEVERITY[cap.level] > SEVERITY[worst] ? cap.level : worst), 'normal');
    return { level, alertThreshold: this.settings.alertThreshold, urgentReserve: this.settings.urgentReserve, daily, monthly };
  }

  async level(): Promise<BudgetLevel> {
    return this.enabled ? (await this.status()).level : 'normal';
  }

  /**
   * Whether an attempt with this worst case may start now. Throws
   * BudgetExceededError when it does not fit beside the settled spend (minus
   * the reserve, unless the call may use it): waiting would not help. Run it
   * in the transaction that opens the attempt's ledger row.
   */
  async admit(worstCaseNanos: Nanos, purpose: CallPurpose): Promise<Admission> {
    if (!this.enabled) return 'admit';
    const triage = TRIAGE_STAGES.has(purpose.stage) && !purpose.shadow;
    const mayUseReserve = !purpose.shadow && (purpose.urgent || triage);
    let admission: Admission = 'admit';
    for (const { status, capNanos, spentNanos } of await this.caps()) {
      const kept = mayUseReserve ? 0 : Math.round(capNanos * this.settings.urgentReserve);
      const available = capNanos - spentNanos - kept;
      if (worstCaseNanos > available) {
        if (triage) this.refusedTriageNanos = worstCaseNanos;
        throw new BudgetExceededError(status.period, {
          worstCaseUsd: nanosToUsd(worstCaseNanos),
          availableUsd: nanosToUsd(Math.max(0, available)),
          capUsd: status.capUsd,
          stage: purpose.stage,
        });
      }
      const range = status.period === 'daily' ? this.periods?.daily : this.periods?.monthly;
      const inFlight = range ? await this.ledger.inFlightSince(range.since) : 0;
      if (worstCaseNanos > available - inFlight) admission = 'wait';
    }
    return admission;
  }

  /** Resolves when an attempt in this process ends, or after a short poll (attempts of other processes). */
  waitForRoom(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ROOM_POLL_MS);
      const waiters = this.waiters;
      function done(): void {
        clearTimeout(timer);
        const index = waiters.indexOf(done);
        if (index >= 0) waiters.splice(index, 1);
        resolve();
      }
      waiters.push(done);
    });
  }

  /** An attempt ended: its reservation became settled spend (or nothing), so waiters look again. */
  attemptEnded(): void {
    for (const wake of [...this.waiters]) wake();
  }

  private async caps(): Promise<Cap[]> {
    const now = this.clock();
    const caps: Cap[] = [];
    const { dailyUsd, monthlyUsd, timeZone } = this.settings;
    if (!this.periods || now < this.periods.daily.since || now >= this.periods.daily.until) {
      this.periods = { daily: dayContaining(now, timeZone), monthly: monthContaining(now, timeZone) };
    }
    if (dailyUsd !== null) caps.push(await this.cap('daily', dailyUsd, this.periods.daily));
    if (monthlyUsd !== null) caps.push(await this.cap('monthly', monthlyUsd, this.periods.monthly));
    return caps;
  }

  private async cap(period: CapStatus['period'], capUsd: number, range: Period): Promise<Cap> {
    const capNanos = usdToNanos(capUsd);
    const spentNanos = await this.spentSince(range.since);
    const status: CapStatus = {
      period,
      periodKey: range.key,
      capUsd,
      spentUsd: nanosToUsd(spentNanos),
      leftUsd: nanosToUsd(Math.max(0, capNanos - spentNanos)),
      usedFraction: spentNanos / capNanos,
      level: this.levelOf(capNanos, spentNanos),
    };
    return { status, capNanos, spentNanos };
  }

  private async spentSince(since: Date): Promise<Nanos> {
    const key = since.getTime();
    const known = this.totals.get(key) ?? { costNanos: 0, lastSeq: 0 };
    const fresh = await this.ledger.spentSinceAfter(since, known.lastSeq);
    const total = { costNanos: known.costNanos + fresh.costNanos, lastSeq: fresh.lastSeq };
    if (!this.totals.has(key) && this.totals.size >= 4) this.totals.clear(); // old periods
    this.totals.set(key, total);
    return total.costNanos;
  }

  private levelOf(capNanos: Nanos, spentNanos: Nanos): BudgetLevel {
    const left = capNanos - spentNanos;
    if (left <= 0 || (this.refusedTriageNanos !== null && left < this.refusedTriageNanos)) return 'stopped';
    if (this.settings.urgentReserve > 0 && left <= capNanos * this.settings.urgentReserve) return 'triage_only';
    if (spentNanos / capNanos >= this.settings.alertThreshold) return 'economy';
    return 'normal';
  }
}
