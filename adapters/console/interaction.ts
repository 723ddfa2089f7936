/**
 * One thing the person at the console did (a key at the review prompt, a
 * form's text, a `/triage` command) as the desk sees it: an `Interaction`
 * whose answers are printed to that person. It also remembers how the desk
 * answered, so the console knows what to do next (ask for a form's text,
 * prompt again, or go back to the customer prompt). It decides nothing.
 */
import type { Actor, FormRequest, Interaction } from '../../src/ports/surface.js';
import type { RichText } from '../../src/present/rich-text.js';
import { MARKS, formatPrivate } from './format.js';

/** How the desk settled an interaction, as far as the console cares. */
export type Settled =
  /** The desk opened a form: the console asks for its text. */
  | { kind: 'form'; form: FormRequest }
  /** The action was taken and failed (acknowledged, then answered): back to the customer prompt. */
  | { kind: 'failed' }
  /** Anything else: done, refused, answered. Whether to prompt again is the card's to say. */
  | { kind: 'answered' };

export class ConsoleInteraction implements Interaction {
  private acknowledged = false;
  private failed = false;
  private form: FormRequest | null = null;

  constructor(
    readonly actor: Actor,
    /** Prints one private answer (already marked) to the person. */
    private readonly say: (text: string) => void,
    /** Answers to a `/triage` command are information, not refusals. */
    private readonly isCommand = false,
  ) {}

  async acknowledge(): Promise<void> {
    this.acknowledged = true;
  }

  async answerPrivately(text: RichText): Promise<void> {
    if (this.acknowledged) this.failed = true;
    this.say(formatPrivate(this.isCommand ? MARKS.answer : MARKS.refused, text));
  }

  async openForm(form: FormRequest): Promise<void> {
    this.form = form;
  }

  async refuseInput(text: string): Promise<void> {
    this.say(formatPrivate(MARKS.refused, text));
  }

  async completed(text: string): Promise<void> {
    this.say(formatPrivate(MARKS.done, text));
  }

  settled(): Settled {
    if (this.form) return { kind: 'form', form: this.form };
    return this.failed ? { kind: 'failed' } : { kind: 'answered' };
  }
}
