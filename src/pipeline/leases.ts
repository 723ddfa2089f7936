/**
 * Which bot process is alive. Each process registers itself as a worker and
 * beats; tickets in progress and ledger rows in flight carry their worker's
 * id. Another process takes them over only when that worker is dead: stopped
 * cleanly, silent for longer than the time to live, or (same host) its
 * process is gone, which a SIGKILLed process is at once.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { WorkerRecord, WorkerRepository } from '../store/types.js';

export interface WorkerIdentity {
  id: string;
  host: string;
  pid: number;
}

export interface WorkerLeaseOptions {
  /** How long a silent worker stays alive (default 20 s; it beats every quarter of that). */
  ttlMs?: number;
  clock?: () => Date;
  /** Same-host liveness check (default: signal 0). */
  isProcessAlive?: (pid: number) => boolean;
  identity?: Partial<WorkerIdentity>;
}

const DEFAULT_TTL_MS = 20_000;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class WorkerLease {
  readonly identity: WorkerIdentity;
  readonly ttlMs: number;
  private readonly clock: () => Date;
  private readonly isProcessAlive: (pid: number) => boolean;
  private registered = false;

  constructor(
    private readonly workers: WorkerRepository,
    options: WorkerLeaseOptions = {},
  ) {
    this.identity = { id: randomUUID(), host: hostname(), pid: process.pid, ...options.identity };
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.clock = options.clock ?? (() => new Date());
    this.isProcessAlive = options.isProcessAlive ?? processAlive;
  }

  get id(): string {
    return this.identity.id;
  }

  /** How often to beat: well inside the time to live. */
  get beatEveryMs(): number {
    return Math.max(250, Math.floor(this.ttlMs / 4));
  }

  async register(): Promise<void> {
    if (this.registered) return;
    const now = this.clock();
    await this.workers.register({ ...this.identity, startedAt: now, heartbeatAt: now });
    this.registered = true;
  }

  async beat(): Promise<void> {
    const now = this.clock();
    await this.workers.beat(this.id, now);
    // Workers gone for a day and holding nothing are forgotten.
    await this.workers.prune(new Date(now.getTime() - 86_400_000));
  }

  async stop(): Promise<void> {
    if (this.registered) await this.workers.stop(this.id, this.clock());
  }

  /**
   * Whether an owner id names a dead worker. Unknown ids (no worker row:
   * rows from before workers were recorded) are dead: a live worker registers
   * before it owns anything.
   */
  async deadOwners(owners: readonly (string | null)[]): Promise<string[]> {
    const known = new Map((await this.workers.list()).map((worker) => [worker.id, worker]));
    const dead = new Set<string>();
    for (const owner of owners) {
      if (!owner || owner === this.id) continue;
      const worker = known.get(owner);
      if (!worker || !this.isAlive(worker)) dead.add(owner);
    }
    return [...dead];
  }

  private isAlive(worker: WorkerRecord): boolean {
    if (worker.stoppedAt) return false;
    if (this.clock().getTime() - worker.heartbeatAt.getTime() > this.ttlMs) return false;
    if (worker.host === this.identity.host) {
      // Our own pid under another worker id is an earlier run of this process slot (a container restarted as pid 1).
      if (worker.pid === this.identity.pid) return false;
      return this.isProcessAlive(worker.pid);
    }
    return true;
  }
}
