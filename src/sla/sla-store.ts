/**
 * The SLA store port: what the watcher (and the pipeline, through `update`)
 * needs from storage. Implemented in SQLite by the store; a test double in
 * test/sla/memory-sla-store.ts runs the same watcher tests.
 *
 * Alerts are claimed before they are posted, as scheduled posts are
 * (src/jobs/post-once.ts): a claim is a row whose key is unique, so of two
 * processes claiming at once one wins; a failed post gives its claim back
 * (the next tick retries it); a post cut off by a crash leaves its claim
 * in `posting`, which a later tick finds and settles as `abandoned`, with
 * an error in the log, instead of posting a possible duplicate.
 */
import type { AsyncOf } from '../store/async-of.js';
import type { SlaAlertKind, SlaClockName, SlaState } from './sla-state.js';

export interface SlaAlertKey {
  ticketId: number;
  clock: SlaClockName;
  /** The first-response period (1 for resolution): a restarted clock alerts afresh. */
  period: number;
  kind: SlaAlertKind;
  /** Where it goes (`slack:C123`, `discord:456`, or the watcher's single `review`): each destination is claimed on its own. */
  destination: string;
}

export type SlaAlertStatus = 'posting' | 'posted' | 'abandoned';

export interface SlaAlertClaim extends SlaAlertKey {
  status: SlaAlertStatus;
  claimedAt: Date;
  /** When it was posted or abandoned. */
  settledAt: Date | null;
}

export type SlaStore = AsyncOf<SlaStoreSync>;

export interface SlaStoreSync {
  /** States whose `nextAlertAt` is at or before `now`, earliest first, at most `limit`. */
  due(now: Date, limit: number): SlaState[];
  find(ticketId: number): SlaState | null;
  /**
   * Reads the ticket's state, applies `change` and writes what it returns,
   * in one transaction (null from `change`: nothing written). `change` is
   * pure and may run again on a busy database. Returns the state as stored.
   */
  update(ticketId: number, change: (current: SlaState | null) => SlaState | null): SlaState | null;
  /** True when this caller now owns the alert; false when it was claimed before (by anyone, ever). */
  claimAlert(key: SlaAlertKey, at: Date): boolean;
  findAlert(key: SlaAlertKey): SlaAlertClaim | null;
  /** A claim in `posting` becomes `posted` (the platform confirmed it) or `abandoned` (cut off by a crash). */
  settleAlert(key: SlaAlertKey, status: Exclude<SlaAlertStatus, 'posting'>, at: Date): void;
  /** Gives a claim in `posting` back after a failed post, so the next tick tries again. */
  releaseAlert(key: SlaAlertKey): void;
}

/** The port plus what attainment reads: the store's SLA repository. */
export type SlaRepository = AsyncOf<SlaRepositorySync>;

export interface SlaRepositorySync extends SlaStoreSync {
  /** Every ticket's SLA state opened in [from, to). */
  openedBetween(from: Date, to: Date): SlaState[];
}
