/**
 * A card's draft as its own embed, spread over the description (4,096) and
 * then fields (1,024 each) within what the facts left of the 6,000
 * characters all embeds of a message may hold. The draft is escaped piece by
 * piece, so an escape is never cut in half.
 */
import { EmbedBuilder, type APIEmbed, type APIEmbedField } from 'discord.js';
import type { CardDraft } from '../../src/present/card.js';
import { DISCORD_LIMITS as L, splitMessage, truncate } from './limits.js';
import { safeText } from './markdown.js';

/**
 * The longest first piece of `raw` whose escaped form fits `max`, and the
 * text after it. Splits the raw text (at paragraph, line, sentence, word
 * boundaries) and escapes the piece, so an escape is never cut in half;
 * escaping at most doubles a text, so halving always fits.
 */
function takeSafe(raw: string, max: number): { piece: string; rest: string } | null {
  if (max < 4 || raw.trim().length === 0) return null;
  let size = max;
  for (;;) {
    const first = splitMessage(raw, size)[0] ?? '';
    const piece = safeText(first);
    if (piece.length <= max) return { piece, rest: raw.slice(raw.indexOf(first) + first.length) };
    size = Math.max(2, Math.min(size - 1, Math.floor((size * max) / piece.length)));
  }
}

const CUT_NOTE = '\n*…cut to fit; Edit shows the first 4,000 characters, and the full draft is stored with the ticket.*';
/** Continuation fields have no heading of their own. */
const CONTINUED = '\u200b';

/**
 * The draft under its heading (`Draft reply`, `Reply`, `Rejected draft`),
 * within `budget` characters. A draft that does not fit ends with a note
 * saying so; one with no room at all says where to read it.
 */
export function draftEmbed(draft: CardDraft, colour: number, budget: number): APIEmbed {
  const title = truncate(`${draft.heading} · ${safeText(draft.source)} · ${safeText(draft.language)} · confidence ${draft.confidence.toFixed(2)}`, L.embedTitle);
  let room = budget - title.length - CUT_NOTE.length;
  let rest = draft.text;
  const first = takeSafe(rest, Math.min(L.embedDescription, room));
  if (!first) {
    const why = draft.text.trim() ? 'too long for this card; open Edit to read it' : 'empty';
    return { title, color: colour, description: `*The draft is ${why}.*` };
  }
  let description = first.piece;
  rest = first.rest;
  room -= description.length;
  const fields: APIEmbedField[] = [];
  while (rest.trim() && fields.length < L.embedFields) {
    const next = takeSafe(rest, Math.min(L.embedFieldValue, room - CONTINUED.length));
    if (!next) break;
    fields.push({ name: CONTINUED, value: next.piece });
    rest = next.rest;
    room -= CONTINUED.length + next.piece.length;
  }
  if (rest.trim()) {
    // Cut the last piece to make room for the note; `truncate` never splits an escape.
    const last = fields.at(-1);
    if (last) last.value = truncate(last.value, L.embedFieldValue - CUT_NOTE.length, '') + CUT_NOTE;
    else description = truncate(description, L.embedDescription - CUT_NOTE.length, '') + CUT_NOTE;
  }
  const embed = new EmbedBuilder().setTitle(title).setColor(colour).setDescription(description);
  if (fields.length > 0) embed.addFields(fields);
  return embed.toJSON();
}
