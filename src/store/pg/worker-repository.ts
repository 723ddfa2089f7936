import { and, eq, lt, notInArray, sql } from 'drizzle-orm';
import type { WorkerRecord, WorkerRepository } from '../types.js';
import { modelCalls, tickets, workers } from './schema.js';
import type { PgSession } from './session.js';

/** Bot processes sharing the database (see the SQLite repository). */
export class PgWorkerRepository implements WorkerRepository {
  constructor(private readonly session: PgSession) {}

  async register(worker: Omit<WorkerRecord, 'stoppedAt'>): Promise<void> {
    await this.session.db().insert(workers).values({ ...worker, stoppedAt: null });
  }

  async beat(id: string, at: Date): Promise<void> {
    await this.session.db().update(workers).set({ heartbeatAt: at }).where(eq(workers.id, id));
  }

  async stop(id: string, at: Date): Promise<void> {
    await this.session.db().update(workers).set({ stoppedAt: at, heartbeatAt: at }).where(eq(workers.id, id));
  }

  list(): Promise<WorkerRecord[]> {
    return this.session.db().select().from(workers);
  }

  async prune(before: Date): Promise<void> {
    const holding = sql`(select ${tickets.leaseOwner} from ${tickets} where ${tickets.leaseOwner} is not null
      union select ${modelCalls.owner} from ${modelCalls} where ${modelCalls.outcome} = 'in_flight' and ${modelCalls.owner} is not null)`;
    // Stopped or silent, it beat last before `before` either way (stopping stamps the beat too).
    await this.session.db().delete(workers).where(and(lt(workers.heartbeatAt, before), notInArray(workers.id, holding)));
  }
}
