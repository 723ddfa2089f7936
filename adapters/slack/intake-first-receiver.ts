/**
 * Bolt acknowledges Events API requests before any listener runs. We need the
 * opposite order: store the ticket, then ack, so a crash between the two makes
 * Slack redeliver instead of losing the message. This receiver wraps Bolt's own
 * (Socket Mode or HTTP) and runs `intake` synchronously before handing the
 * event to the App, which then acks. If `intake` throws, nothing is acked and
 * Slack retries.
 */
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';

export type IntakeHook = (body: Record<string, unknown>) => (() => Promise<void>) | void;

export class IntakeFirstReceiver implements Receiver {
  constructor(
    private readonly inner: Receiver,
    private readonly intake: IntakeHook,
  ) {}

  init(app: App): void {
    const intake = this.intake;
    const wrapped = new Proxy(app, {
      get(target, property, receiver) {
        if (property === 'processEvent') {
          return async (event: ReceiverEvent) => {
            // Runs before the ack; returns follow-up work to run after it.
            const after = intake(event.body);
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
