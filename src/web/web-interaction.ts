/**
 * One click or form from a page, as the desk sees it: an `Interaction` that
 * writes down how the desk answered, so the HTTP response can say it (a
 * refusal, a form to fill in, done). It decides nothing.
 */
import type { Actor, FormRequest, Interaction } from '../ports/surface.js';
import { PLAIN_DIALECT, renderRichText, type RichText } from '../present/rich-text.js';

/** What the page is told after an action. */
export interface ActionAnswer {
  /** `done`: taken; `form`: fill this in and send it; `refused`: nothing changed (see `message`); `failed`: tried and failed. */
  result: 'done' | 'form' | 'refused' | 'failed';
  message: string | null;
  form: FormRequest | null;
}

export class WebInteraction implements Interaction {
  private acknowledged = false;
  private answer: ActionAnswer = { result: 'done', message: null, form: null };

  constructor(readonly actor: Actor) {}

  async acknowledge(): Promise<void> {
    this.acknowledged = true;
  }

  async answerPrivately(text: RichText): Promise<void> {
    // After an acknowledgement, a private answer is why the action failed; before, why it was refused.
    this.answer = { result: this.acknowledged ? 'failed' : 'refused', message: renderRichText(text, PLAIN_DIALECT), form: null };
  }

  async openForm(form: FormRequest): Promise<void> {
    this.answer = { result: 'form', message: null, form };
  }

  async refuseInput(text: string): Promise<void> {
    this.answer = { result: 'refused', message: text, form: null };
  }

  async completed(text: string): Promise<void> {
    this.answer = { result: 'done', message: text, form: null };
  }

  settled(): ActionAnswer {
    return this.answer;
  }
}
