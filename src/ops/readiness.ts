/**
 * Readiness: whether this process should be sent work now. Ready only when
 * it has finished starting, is not shutting down, its store answers a
 * trivial query, and every platform connection is up (Slack's HTTP receiver
 * listening or its Socket Mode socket connected; Discord's gateway ready).
 * Each check is named in the answer, so a 503 says which one failed.
 *
 * Liveness is not here: /healthz answers whenever the event loop does,
 * because restarting a process whose store or platform is down fixes nothing.
 */

/** One named condition; throws (or rejects) with why it does not hold. */
export interface ReadinessCheck {
  name: string;
  check(): void | Promise<void>;
}

export interface CheckResult {
  name: string;
  ok: boolean;
  /** Why it failed; absent when ok. */
  reason?: string;
}

export interface ReadinessReport {
  ready: boolean;
  checks: CheckResult[];
}

/** A check that takes longer than this fails: a probe must answer before the prober gives up (Kubernetes waits 1 s by default). */
const DEFAULT_CHECK_TIMEOUT_MS = 800;

export class Readiness {
  private phase: 'starting' | 'running' | 'stopping' = 'starting';
  private readonly checks: ReadinessCheck[] = [];

  constructor(private readonly timeoutMs = DEFAULT_CHECK_TIMEOUT_MS) {}

  add(check: ReadinessCheck): void {
    this.checks.push(check);
  }

  /** Start-up is over (surfaces up, recovery done). */
  started(): void {
    if (this.phase === 'starting') this.phase = 'running';
  }

  /** Shutting down: not ready from now on, whatever the other checks say. */
  stopping(): void {
    this.phase = 'stopping';
  }

  get isStopping(): boolean {
    return this.phase === 'stopping';
  }

  async report(): Promise<ReadinessReport> {
    const lifecycle: CheckResult =
      this.phase === 'running' ? { name: 'lifecycle', ok: true } : { name: 'lifecycle', ok: false, reason: this.phase === 'starting' ? 'starting' : 'shutting down' };
    const results = await Promise.all(this.checks.map((check) => this.run(check)));
    const checks = [lifecycle, ...results];
    return { ready: checks.every((check) => check.ok), checks };
  }

  private async run(check: ReadinessCheck): Promise<CheckResult> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
      timer.unref();
    });
    try {
      await Promise.race([Promise.resolve().then(() => check.check()), timeout]);
      return { name: check.name, ok: true };
    } catch (error) {
      return { name: check.name, ok: false, reason: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
    }
  }
}
