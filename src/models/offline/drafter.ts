// Offline stand-in for the mini drafter: a polite template in the customer's
// language (English and German; English for anything else) that restates
// the request, mentions the order ids found, and asks for what is missing.
// It never promises money or a timeline (see templates.ts), and its
// confidence stays below a real model's, so policy does not auto-send it on
// the strength of this stage alone.

import type { Classification, Draft, ExtractedFields } from '../../domain/index.js';
import { describeAsk } from './ask.js';
import { greetableName } from './greeting-name.js';
import type { PromptPassage } from './prompt-reading.js';
import { templateFor } from './templates.js';

export { summarizeOffline } from './summary.js';

/** A template in the customer's language. */
export const OFFLINE_DRAFT_CONFIDENCE = 0.5;
/** The customer wrote in a language we have no template for; English is a stopgap. */
export const OFFLINE_FALLBACK_DRAFT_CONFIDENCE = 0.3;

/** Order ids quoted in the reply; more than this reads like a dump. */
const MAX_ORDER_IDS = 3;

export interface DraftInput {
  subject?: string;
  text: string;
  classification: Classification;
  fields: ExtractedFields;
  customerName?: string;
  /** Relevant passages of the team's docs, numbered as the prompt shows them; best first. */
  passages?: PromptPassage[];
}

/** Characters of a passage quoted in an offline draft: a paragraph, not the page. */
const MAX_QUOTE = 600;

export function draftOffline(input: DraftInput): Draft {
  const { classification, fields } = input;
  const { language, template } = templateFor(classification.language);
  // Only a person's name is greeted: never a placeholder, a handle or an id.
  const name = greetableName(input.customerName);
  // A legal threat is not restated: quoting "my lawyer will sue you" back
  // reads as mockery, and a human answers these tickets anyway.
  const ask = classification.category === 'legal' ? '' : describeAsk(input);

  const body: string[] = [ask ? template.thanks(ask) : template.thanksWithoutAsk];
  if (fields.orderIds.length > 0) body.push(template.orderNoted(fields.orderIds.slice(0, MAX_ORDER_IDS)));
  // The best passage in the customer's language if the docs have one, else the best passage: quoted, cited.
  const passages = input.passages ?? [];
  const cited = passages.find((passage) => passage.language === language) ?? passages[0];
  if (cited) body.push(`${template.fromDocs(`${cited.title} › ${cited.heading}`)}\n\n${quote(cited.text)}\n\n`);
  body.push(template.category[classification.category]);

  // Ask for the one thing a colleague will need first, if it is missing.
  const aboutAnOrder = classification.category === 'refund' || classification.category === 'billing';
  if (aboutAnOrder && fields.orderIds.length === 0) body.push(template.askForOrderId);
  else if (classification.category === 'account' && fields.accountIds.length === 0 && fields.emails.length === 0) {
    body.push(template.askForAccount);
  } else if (classification.category === 'technical') body.push(template.askForErrorDetails);

  if (classification.urgency === 'high' || classification.urgency === 'urgent') body.push(template.priority);

  const reply = [template.greeting(name), body.join(' ').replace(/ *\n\n */g, '\n\n'), template.closing].join('\n\n');
  return {
    reply,
    language,
    confidence: language === classification.language ? OFFLINE_DRAFT_CONFIDENCE : OFFLINE_FALLBACK_DRAFT_CONFIDENCE,
    citations: cited ? [cited.number] : [],
  };
}

/** A passage's text as a quote: its first paragraphs up to MAX_QUOTE characters, cut at a sentence. */
function quote(text: string): string {
  // Headings out, Markdown's wrapped lines joined back into paragraphs.
  const clean = text.replace(/^#+\s.*$/gm, '').replace(/\n{3,}/g, '\n\n').replace(/(?<!\n)\n(?!\n)/g, ' ').trim();
  if (clean.length <= MAX_QUOTE) return clean;
  const cut = clean.slice(0, MAX_QUOTE);
  const end = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('.\n'));
  return end > MAX_QUOTE / 3 ? cut.slice(0, end + 1) : `${cut.trimEnd()}…`;
}
