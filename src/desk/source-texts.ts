/**
 * `/triage source <ticket> [n]`: the knowledge-base passage a draft cites,
 * in full, so a reviewer can check the draft against it before approving.
 * Passage text is the team's own docs, shown as a quote (never as markup).
 */
import type { DraftSource } from '../domain/index.js';
import { line, plain, quote, type RichText } from '../present/rich-text.js';
import { cut } from './desk-texts.js';

/** Characters of a passage shown: a section, not a manual. */
const MAX_PASSAGE = 2_500;

export const sourceUsage = (): RichText => [line('Usage: ', { code: '/triage source <ticket number> <n>' }, ' (n: which of the draft’s sources, 1 by default)')];

export const noSource = (ticketId: number, count: number): RichText =>
  plain(count === 0 ? `Ticket #${ticketId}'s draft cites no source.` : `Ticket #${ticketId}'s draft cites ${count} source${count === 1 ? '' : 's'}: pick 1${count > 1 ? `–${count}` : ''}.`);

export function sourceText(passage: { title: string; heading: string; source: string; text: string; url?: string }): RichText {
  return [
    line({ strong: cut(passage.title, 120) }, ` › ${cut(passage.heading, 120)}`),
    line(`${cut(passage.source, 200)}${passage.url ? ` · ${cut(passage.url, 300)}` : ''}`),
    quote(cut(passage.text.trim(), MAX_PASSAGE)),
  ];
}

/** The file changed or went away since the draft cited it: say where it was. */
export const sourceGone = (cited: DraftSource): RichText =>
  plain(`${cut(cited.source, 200)} › ${cut(cited.heading, 120)} has changed since the draft cited it; open the file in the knowledge base folder.`);
