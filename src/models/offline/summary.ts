// One-paragraph ticket summary for reviewers and the weekly report, always in
// English (it is read by the support team, not the customer). E-mail
// addresses are counted, not copied: summaries travel further than tickets.

import type { Amount, Classification, ExtractedFields } from '../../domain/index.js';
import { describeAsk } from './ask.js';

export interface SummaryInput {
  subject?: string;
  text: string;
  classification: Classification;
  fields: ExtractedFields;
}

function formatAmount(amount: Amount): string {
  const value = Number.isInteger(amount.value) ? String(amount.value) : amount.value.toFixed(2);
  return amount.currency ? `${value} ${amount.currency}` : value;
}

export function summarizeOffline(input: SummaryInput): string {
  const { classification: c, fields } = input;
  const parts: string[] = [
    `${c.category[0]?.toUpperCase() ?? ''}${c.category.slice(1)} ticket, urgency ${c.urgency}, ` +
      `sentiment ${c.sentiment}, language ${c.language}.`,
  ];
  const ask = describeAsk(input);
  if (ask) parts.push(`Asks about: "${ask}".`);

  const facts: string[] = [];
  if (fields.orderIds.length > 0) facts.push(`order ids ${fields.orderIds.join(', ')}`);
  if (fields.accountIds.length > 0) facts.push(`account ids ${fields.accountIds.join(', ')}`);
  if (fields.amounts.length > 0) facts.push(`amounts ${fields.amounts.map(formatAmount).join(', ')}`);
  if (fields.products.length > 0) facts.push(`products ${fields.products.join(', ')}`);
  if (fields.emails.length > 0) {
    facts.push(fields.emails.length === 1 ? '1 e-mail address' : `${fields.emails.length} e-mail addresses`);
  }
  if (facts.length > 0) parts.push(`Mentions ${facts.join('; ')}.`);

  if (c.riskFlags.length > 0) parts.push(`Risk flags: ${c.riskFlags.join(', ')}.`);
  if (!c.needsReply) parts.push('No reply needed.');
  parts.push(`(Offline summary, confidence ${c.confidence.toFixed(2)}.)`);
  return parts.join(' ');
}
