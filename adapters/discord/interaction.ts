/**
 * Discord interactions as the desk's events: a button, a modal submission or
 * `/triage` becomes an `InteractionEvent` whose `Interaction` answers through
 * Discord's interaction responses. Only our own custom ids and command are
 * read; anything else (another app's ids, tampering) is ignored silently.
 * Who may act and what to answer is the desk's; this only says it.
 */
import {
  MessageFlags,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction as DiscordJsInteraction,
  type InteractionReplyOptions,
  type ModalSubmitInteraction,
} from 'discord.js';
import type { ReviewActionKind } from '../../src/domain/index.js';
import type { Actor, FormKind, FormRequest, Interaction, InteractionEvent } from '../../src/ports/surface.js';
import { plain, type RichText } from '../../src/present/rich-text.js';
import { triageCommandText } from './commands.js';
import { CUSTOM_IDS, parseCustomId } from './custom-ids.js';
import { editModal, rejectModal } from './modals.js';
import { discordText } from './rich-text.js';

type Answerable = ButtonInteraction | ModalSubmitInteraction | ChatInputCommandInteraction;

const BUTTON_ACTIONS: ReadonlyMap<string, ReviewActionKind> = new Map([
  [CUSTOM_IDS.approve, 'approve'],
  [CUSTOM_IDS.edit, 'edit'],
  [CUSTOM_IDS.reject, 'reject'],
  [CUSTOM_IDS.escalate, 'escalate'],
]);

const FORMS: ReadonlyMap<string, { kind: FormKind; input: string }> = new Map([
  [CUSTOM_IDS.editModal, { kind: 'edit', input: CUSTOM_IDS.draftInput }],
  [CUSTOM_IDS.rejectModal, { kind: 'reject', input: CUSTOM_IDS.reasonInput }],
]);

/** The member's role ids, as the interaction carries them (raw ids or discord.js's cache): no extra API call. */
function memberRoles(source: Answerable): string[] {
  const roles = source.member?.roles;
  if (!roles) return [];
  return Array.isArray(roles) ? roles : [...roles.cache.keys()];
}

/** A text input's value; a missing one reads as empty, which the desk refuses. */
function inputValue(source: ModalSubmitInteraction, input: string): string {
  try {
    return source.fields.getTextInputValue(input);
  } catch {
    return '';
  }
}

function integerOption(source: ChatInputCommandInteraction, name: string): number | null {
  try {
    return source.options.getInteger(name, false);
  } catch {
    return null;
  }
}

/** One click, submission or command, answered the way Discord allows (one first response, then follow-ups). */
export class DiscordInteraction implements Interaction {
  readonly actor: Actor;
  /** A deferred ephemeral reply ("thinking…") waits for its text. */
  private pendingReply = false;

  constructor(private readonly source: Answerable) {
    this.actor = { id: source.user.id, roles: memberRoles(source) };
  }

  /** Within Discord's 3 s: a click (or a form opened from a card) leaves the card as is; other forms get a private "thinking…". */
  async acknowledge(): Promise<void> {
    const { source } = this;
    if (source.isButton() || (source.isModalSubmit() && source.isFromMessage())) {
      await source.deferUpdate();
      return;
    }
    await source.deferReply({ flags: MessageFlags.Ephemeral });
    this.pendingReply = true;
  }

  answerPrivately(text: RichText): Promise<void> {
    return this.say(discordText(text));
  }

  async openForm(form: FormRequest): Promise<void> {
    const { source } = this;
    // Discord allows no modal in answer to a modal.
    if (source.isModalSubmit()) throw new Error('a submitted form cannot open another');
    await source.showModal(form.kind === 'edit' ? editModal(form.ticketId, form.initialText ?? '') : rejectModal(form.ticketId));
  }

  refuseInput(text: string): Promise<void> {
    return this.say(discordText(plain(text)));
  }

  /** Fills in the private "thinking…" a form opened by a command left; a card's own change says the rest. */
  async completed(text: string): Promise<void> {
    if (!this.pendingReply) return;
    this.pendingReply = false;
    await this.source.editReply({ content: discordText(plain(text)), allowedMentions: { parse: [] } });
  }

  /** An ephemeral message: the first response, or a follow-up after one (which fills in a pending "thinking…"). */
  private async say(content: string): Promise<void> {
    const options: InteractionReplyOptions = { content, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } };
    if (this.source.replied || this.source.deferred) {
      this.pendingReply = false;
      await this.source.followUp(options);
      return;
    }
    await this.source.reply(options);
  }
}

/** A discord.js interaction as the desk's event; null for anything that is not ours. */
export function interactionEvent(source: DiscordJsInteraction): InteractionEvent | null {
  if (source.isChatInputCommand()) {
    if (source.commandName !== 'triage') return null;
    const text = triageCommandText(source.options.getSubcommand(false), integerOption(source, 'ticket'), integerOption(source, 'n'));
    return { kind: 'command', interaction: new DiscordInteraction(source), text };
  }
  if (source.isButton()) {
    const parsed = parseCustomId(source.customId);
    const action = parsed ? BUTTON_ACTIONS.get(parsed.base) : undefined;
    if (!parsed || !action) return null;
    return { kind: 'button', interaction: new DiscordInteraction(source), action, ticket: String(parsed.ticketId) };
  }
  if (source.isModalSubmit()) {
    const parsed = parseCustomId(source.customId);
    const form = parsed ? FORMS.get(parsed.base) : undefined;
    if (!parsed || !form) return null;
    return { kind: 'form', interaction: new DiscordInteraction(source), form: form.kind, ticket: String(parsed.ticketId), value: inputValue(source, form.input) };
  }
  return null;
}
