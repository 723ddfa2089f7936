/**
 * The offline provider answers the same neutral request an online model
 * gets (a system prompt and a user prompt with fenced parts, a schema), so it
 * reads what it needs back out of the fences: the customer's message (with
 * the subject and, for drafts, the customer's name), the products to look
 * for, the triage, the draft under review. The fences are the pipeline's own
 * format (src/pipeline/fence.ts), which defuses any tag a customer types, so
 * the first closing tag after an opening one is the real end.
 */
import type { Classification, ExtractedFields } from '../../domain/index.js';

export interface PromptTicket {
  subject?: string;
  text: string;
  customerName?: string;
}

/** The text between `<tag>` and `</tag>`, or null when the prompt has no such part. */
export function fenced(user: string, tag: string): string | null {
  const match = new RegExp(`<${tag}>\\n([\\s\\S]*?)\\n</${tag}>`).exec(user);
  return match?.[1] ?? null;
}

/** The customer's message: `From: …` and `Subject: …` lines first when present, then a blank line and the text. */
export function promptTicket(user: string): PromptTicket {
  let body = fenced(user, 'customer_message') ?? '';
  const ticket: { subject?: string; customerName?: string } = {};
  const from = /^From: (.*)\n/.exec(body);
  if (from) {
    ticket.customerName = from[1] ?? '';
    body = body.slice(from[0].length);
  }
  const subject = /^Subject: (.*)\n\n/.exec(body);
  if (subject) {
    ticket.subject = subject[1] ?? '';
    body = body.slice(subject[0].length);
  }
  return { ...ticket, text: body };
}

export function promptProducts(user: string): string[] {
  return (fenced(user, 'products') ?? '')
    .split(',')
    .map((product) => product.trim())
    .filter(Boolean);
}

/** The triage block: the classification with the extracted fields beside it. */
export function promptTriage(user: string): { classification: Classification; fields: ExtractedFields } | null {
  const block = fenced(user, 'triage');
  if (!block) return null;
  const { fields, ...classification } = JSON.parse(block) as Classification & { fields: ExtractedFields };
  return { classification, fields };
}

/** The draft under review: `Language: xx`, a blank line, the reply. */
export function promptDraft(user: string): { reply: string; language: string } | null {
  const block = fenced(user, 'draft');
  if (block === null) return null;
  const match = /^Language: (.*)\n\n([\s\S]*)$/.exec(block);
  return match ? { language: match[1] ?? 'en', reply: match[2] ?? '' } : { language: 'en', reply: block };
}

/** A documentation passage as the pipeline numbers it in the `<knowledge>` part (src/pipeline/grounding.ts). */
export interface PromptPassage {
  number: number;
  title: string;
  heading: string;
  source: string;
  language: string;
  text: string;
}

/** The numbered passages of the `<knowledge>` part: `[n] Title › Heading (source, language)` then the text. */
export function promptKnowledge(user: string): PromptPassage[] {
  const block = fenced(user, 'knowledge');
  if (!block) return [];
  const passages: PromptPassage[] = [];
  for (const part of block.split(/\n\n(?=\[\d+\] )/)) {
    const header = /^\[(\d+)\] (.*) › (.*) \(([^,()]*), ([a-z]{2,3})\)\n([\s\S]*)$/.exec(part);
    if (!header) continue;
    passages.push({ number: Number(header[1]), title: header[2] ?? '', heading: header[3] ?? '', source: header[4] ?? '', language: header[5] ?? 'en', text: header[6] ?? '' });
  }
  return passages;
}
