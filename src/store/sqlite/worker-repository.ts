import { and, eq, lt, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../db.js';
import { modelCalls, tickets, workers } from '../schema.js';
import type { WorkerRecord, WorkerRepositorySync } from '../types.js';

export class SqliteWorkerRepository implements WorkerRepositorySync {
  constructor(private readonly db: Db) {}

  register(worker: Omit<WorkerRecord, 'stoppedAt'>): void {
    this.db.insert(workers).values({ ...worker, stoppedAt: null }).run();
  }

  beat(id: string, at: Date): void {
    this.db.update(workers).set({ heartbeatAt: at }).where(eq(workers.id, id)).run();
  }

  stop(id: string, at: Date): void {
    this.db.update(workers).set({ stoppedAt: at, heartbeatAt: at }).where(eq(workers.id, id)).run();
  }

  list(): WorkerRecord[] {
    return this.db.select().from(workers).all();
  }

  prune(before: Date): void {
    const holding = sql`(select ${tickets.leaseOwner} from ${tickets} where ${tickets.leaseOwner} is not null
      union select ${modelCalls.owner} from ${modelCalls} where ${modelCalls.outcome} = 'in_flight' and ${modelCalls.owner} is not null)`;
    this.db
      .delete(workers)
      // Stopped or silent, it beat last before `before` either way (stopping stamps the beat too).
      .where(and(lt(workers.heartbeatAt, before), notInArray(workers.id, holding)))
      .run();
  }
}
