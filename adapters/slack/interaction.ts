/**
 * A Slack click, modal submission or slash command as the desk's
 * `Interaction`. Slack wants every request acked within 3 s, and for modals
 * and commands the ack itself carries the first answer (a field error, an
 * ephemeral text): the first answer the desk gives goes into the ack, later
 * ones are posted ephemerally. Whatever the desk does, the request is acked
 * once (`settle`).
 */
import type { WebClient } from '@slack/web-api';
import type { FormRequest, Interaction } from '../../src/ports/surface.js';
import type { RichText } from '../../src/present/rich-text.js';
import { editModal, rejectModal, slackText } from './format.js';

/** Bolt's ack for a view submission or a command; buttons are acked before the desk sees them. */
type Ack = (response?: Record<string, unknown>) => Promise<void>;

export interface SlackInteractionParts {
  client: WebClient;
  userId: string;
  /** Where an ephemeral answer is shown (the card's channel, or the review channel). */
  channel: string;
  /** Null when the request was acked already (buttons). */
  ack: Ack | null;
  /** What a first private answer looks like inside the ack (commands answer in it); else it is posted. */
  answerInAck?: (text: string) => Record<string, unknown>;
  /** The modal's input block a refused value is reported on. */
  inputBlock?: string;
  /** A button's trigger, to open a modal with. */
  triggerId?: string;
}

/** The modal's `private_metadata`: which ticket the form is about, validated when it comes back. */
export function formMetadata(ticketId: number): string {
  return JSON.stringify({ ticketId });
}

/**
 * The ticket a form's metadata names, raw (the desk parses it strictly), or
 * `?` when it names none. We write a JSON number; a string comes back quoted,
 * so `"12"` is no ticket rather than ticket 12.
 */
export function ticketOfMetadata(text: string): string {
  try {
    const raw = (JSON.parse(text) as { ticketId?: unknown } | null)?.ticketId;
    if (typeof raw === 'number') return String(raw);
    return typeof raw === 'string' ? JSON.stringify(raw) : '?';
  } catch {
    return '?';
  }
}

export class SlackInteraction implements Interaction {
  readonly actor: { id: string };
  private ack: Ack | null;

  constructor(private readonly parts: SlackInteractionParts) {
    this.actor = { id: parts.userId };
    this.ack = parts.ack;
  }

  acknowledge(): Promise<void> {
    return this.settle();
  }

  async answerPrivately(text: RichText): Promise<void> {
    const mrkdwn = slackText(text);
    if (this.ack && this.parts.answerInAck) return this.settle(this.parts.answerInAck(mrkdwn));
    await this.settle();
    await this.parts.client.chat.postEphemeral({ channel: this.parts.channel, user: this.parts.userId, text: mrkdwn });
  }

  async openForm(form: FormRequest): Promise<void> {
    await this.settle();
    if (!this.parts.triggerId) return;
    const metadata = formMetadata(form.ticketId);
    const view = form.kind === 'edit' ? editModal(form.ticketId, form.initialText ?? '', metadata) : rejectModal(form.ticketId, metadata);
    await this.parts.client.views.open({ trigger_id: this.parts.triggerId, view });
  }

  async refuseInput(text: string): Promise<void> {
    if (this.ack && this.parts.inputBlock) return this.settle({ response_action: 'errors', errors: { [this.parts.inputBlock]: text } });
    await this.answerPrivately([{ line: [text] }]);
  }

  /** Acks the request if nothing has yet; called once more after the desk is done, to be sure. */
  async settle(response?: Record<string, unknown>): Promise<void> {
    const ack = this.ack;
    if (!ack) return;
    this.ack = null;
    await ack(response);
  }
}
