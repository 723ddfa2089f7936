/**
 * Bolt acknowledges Events API requests before any listener runs. We need the
 * opposite order: store the ticket, then ack, so a crash between the two makes
 * Slack redeliver instead of losing the message. This receiver wraps Bolt's own
 * (Socket Mode or HTTP) and runs `intake` to its end (the message stored)
 * before handing the event to the App, which then acks. If `intake` throws, nothing is acked and
 * Slack retries.
 *
 * One exception: an event Bolt cannot process at all (no `event`, or one that
 * is null, not an object, or without a string `type`; see
 * malformed-events.ts) is acked here with one warning and goes no further, so
 * Slack stops redelivering it and no listener sees it.
 */
import { SocketModeReceiver, type App, type Receiver, type ReceiverEvent } from '@slack/bolt';
import type { Logger } from '../../src/logger.js';
import { eventIdOf, guardSocketModeClient, malformedEventReason } from './malformed-events.js';

export type IntakeHook = (body: Record<string, unknown>) => Promise<(() => Promise<void>) | void>;

export class IntakeFirstReceiver implements Receiver {
  constructor(
    private readonly inner: Receiver,
    private readonly intake: IntakeHook,
    private readonly log: Logger,
  ) {
    // The Socket Mode client reads `payload.event.type` before Bolt does; see malformed-events.ts.
    if (inner instanceof SocketModeReceiver && !guardSocketModeClient(inner.client)) {
      log.warn('could not guard the Socket Mode client against malformed events; a null event may crash it');
    }
  }

  init(app: App): void {
    const { intake, log } = this;
    const wrapped = new Proxy(app, {
      get(target, property, receiver) {
        if (property === 'processEvent') {
          return async (event: ReceiverEvent) => {
            const rejected = malformedEventReason(event.body);
            if (rejected) {
              log.warn({ eventId: eventIdOf(event.body), reason: rejected }, 'malformed slack event acked and dropped');
              await event.ack();
              return;
            }
            // Runs before the ack; returns follow-up work to run after it.
            const after = await intake(event.body);
            await target.processEvent(event);
            if (after) await after();
          };
        }
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    this.inner.init(wrapped);
  }

  start(...args: unknown[]): Promise<unknown> {
    return this.inner.start(...args);
  }

  stop(...args: unknown[]): Promise<unknown> {
    return this.inner.stop(...args);
  }
}
