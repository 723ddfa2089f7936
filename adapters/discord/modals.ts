/** The Edit and Reject modals a reviewer opens from a review message. */
import { LabelBuilder, ModalBuilder, TextInputBuilder, TextInputStyle, type APIModalInteractionResponseCallbackData } from 'discord.js';
import { CUSTOM_IDS, customId } from './custom-ids.js';
import { DISCORD_LIMITS as L, truncate } from './limits.js';

/** Longest reject reason we ask for: it is stored and counted, not essays. */
export const REJECT_REASON_MAX = 1_000;

/**
 * The reviewer edits the reply. Discord's text input holds 4,000
 * characters: a longer draft is cut and the label's description says so,
 * because what is submitted is exactly what gets sent. The input sits in a
 * Label component (type 18), as Discord now documents for modals; read it
 * back with `fields.getTextInputValue(CUSTOM_IDS.draftInput)`.
 */
export function editModal(ticketId: number, draft: string): APIModalInteractionResponseCallbackData {
  const max = L.textInputValue;
  const value = truncate(draft, max, '');
  const cut = value.length < draft.length;
  const input = new TextInputBuilder()
    .setCustomId(CUSTOM_IDS.draftInput)
    .setStyle(TextInputStyle.Paragraph)
    .setRequired(true)
    .setMinLength(1)
    .setMaxLength(max);
  if (value.trim()) input.setValue(value);
  const label = new LabelBuilder()
    .setLabel(truncate('Reply to the customer', L.labelText))
    .setDescription(
      truncate(
        cut ? `The draft had ${draft.length} characters; only the first ${max} fit here. What you submit is sent as is.` : 'What you submit is sent as is, in the customer’s thread.',
        L.labelDescription,
      ),
    )
    .setTextInputComponent(input);
  return new ModalBuilder()
    .setCustomId(customId(CUSTOM_IDS.editModal, ticketId))
    .setTitle(truncate(`Edit reply · ticket #${ticketId}`, L.modalTitle))
    .addLabelComponents(label)
    .toJSON();
}

/** The reviewer rejects the draft and must say why (stored with the ticket, counted in reports). */
export function rejectModal(ticketId: number): APIModalInteractionResponseCallbackData {
  const input = new TextInputBuilder()
    .setCustomId(CUSTOM_IDS.reasonInput)
    .setStyle(TextInputStyle.Paragraph)
    .setRequired(true)
    .setMinLength(1)
    .setMaxLength(REJECT_REASON_MAX)
    .setPlaceholder(truncate('e.g. wrong refund policy, needs the order history', L.textInputPlaceholder));
  const label = new LabelBuilder()
    .setLabel(truncate('Why is this draft wrong?', L.labelText))
    .setDescription(truncate('No reply is sent. The reason is kept with the ticket.', L.labelDescription))
    .setTextInputComponent(input);
  return new ModalBuilder()
    .setCustomId(customId(CUSTOM_IDS.rejectModal, ticketId))
    .setTitle(truncate(`Reject draft · ticket #${ticketId}`, L.modalTitle))
    .addLabelComponents(label)
    .toJSON();
}
