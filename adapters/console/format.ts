/** Renders a ticket outcome as a plain-text card for the terminal. */
import type { TicketOutcome } from '../../src/domain/index.js';

const WIDTH = 72;

function wrap(text: string, indent = '  '): string {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line.length + word.length + 1 > WIDTH - indent.length && line.length > 0) {
        lines.push(indent + line);
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
      }
    }
    lines.push(indent + line);
  }
  return lines.join('\n');
}

function formatUsd(value: number): string {
  return value < 0.01 ? `$${value.toFixed(6)}` : `$${value.toFixed(4)}`;
}

export function formatOutcome(outcome: TicketOutcome): string {
  const { ticket, classification: c, fields, decision, draft, flagshipReview } = outcome;
  const out: string[] = [];
  out.push(`── Ticket #${ticket.id} · ${ticket.status}${ticket.statusReason ? ` (${ticket.statusReason})` : ''} ${'─'.repeat(8)}`);
  if (c) {
    out.push(
      `  urgency ${c.urgency} · ${c.category} · ${c.language} · ${c.sentiment} · confidence ${c.confidence.toFixed(2)}` +
        (c.riskFlags.length > 0 ? ` · risk: ${c.riskFlags.join(', ')}` : ''),
    );
  }
  if (fields) {
    const parts = [
      fields.orderIds.length ? `orders ${fields.orderIds.join(', ')}` : '',
      fields.accountIds.length ? `accounts ${fields.accountIds.join(', ')}` : '',
      fields.emails.length ? `emails ${fields.emails.join(', ')}` : '',
      fields.products.length ? `products ${fields.products.join(', ')}` : '',
      fields.amounts.length ? `amounts ${fields.amounts.map((a) => `${a.value}${a.currency ? ` ${a.currency}` : ''}`).join(', ')}` : '',
    ].filter(Boolean);
    if (parts.length > 0) out.push(`  fields: ${parts.join(' · ')}`);
  }
  out.push(`  route: ${decision.route} — why: ${decision.reasons.join(', ') || 'n/a'} (decided by ${decision.decidedBy})`);
  if (ticket.summary) out.push(`  summary:\n${wrap(ticket.summary, '    ')}`);
  if (flagshipReview) out.push(`  flagship: ${flagshipReview.verdict} — ${flagshipReview.rationale}`);
  if (draft) out.push(`  draft (${draft.source}, ${draft.language}):\n${wrap(draft.reply, '    ')}`);
  out.push(`  cost so far: ${formatUsd(outcome.costUsd)}`);
  return out.join('\n');
}
