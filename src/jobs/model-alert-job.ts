/**
 * Posts one alert to the report channels when the models stop working (a
 * revoked key, an unknown model): once per outage, however many tickets
 * meet it, and once across processes and restarts (the claim is keyed by
 * when the outage began). Without report channels the error log says it.
 */
import type { ModelOutage } from '../domain/index.js';
import type { Logger } from '../logger.js';
import type { ModelHealth } from '../models/model-health.js';
import type { ChannelPostRepository } from '../store/types.js';
import { postOnce, type PostOutcome } from './post-once.js';
import type { ReportDestination } from './weekly-report-job.js';

export class ModelAlertJob {
  private posting: Promise<PostOutcome[]> = Promise.resolve([]);

  constructor(
    private readonly posts: ChannelPostRepository,
    private readonly options: { destinations: ReportDestination[]; logger: Logger; timeZone: string; clock?: () => Date },
  ) {}

  /** Posts when `health` reports an outage. */
  watch(health: ModelHealth): void {
    health.onChange((event) => {
      if (event.kind === 'unavailable') {
        this.posting = this.alert(event.outage);
      } else {
        this.options.logger.info({ since: event.outage.since.toISOString() }, 'the models work again');
      }
    });
  }

  /** The posts of the latest outage (tests wait for it). */
  settled(): Promise<PostOutcome[]> {
    return this.posting;
  }

  private async alert(outage: ModelOutage): Promise<PostOutcome[]> {
    const log = this.options.logger.child({ job: 'model_alert' });
    log.error({ code: outage.code, model: outage.model, variable: outage.variable }, `the models are unavailable: ${outage.message}`);
    const outcomes: PostOutcome[] = [];
    for (const { publisher, channelId } of this.options.destinations) {
      outcomes.push(
        await postOnce(
          this.posts,
          { kind: 'models_unavailable', periodKey: outage.since.toISOString(), platform: publisher.platform, channelId },
          () => publisher.postModelAlert(channelId, { outage, timeZone: this.options.timeZone }),
          log,
          this.options.clock ?? (() => new Date()),
        ),
      );
    }
    return outcomes;
  }
}
