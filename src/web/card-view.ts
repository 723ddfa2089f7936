/**
 * A review card as the browser gets it: the desk's card with its rich-text
 * facts flattened to plain strings. Every string stays plain text here; the
 * page puts each one in with textContent, never as markup.
 */
import type { Platform } from '../domain/index.js';
import type { Card } from '../present/card.js';
import { PLAIN_DIALECT, renderSpan } from '../present/rich-text.js';

export interface CardView extends Omit<Card, 'facts' | 'receivedAt' | 'lastAction'> {
  platform: Platform;
  facts: { label: string; text: string }[];
  /** The SLA fact's words (time left or overdue) when the ticket has an SLA clock. */
  sla: string | null;
  receivedAt: string;
  lastAction: (Omit<NonNullable<Card['lastAction']>, 'at'> & { at: string }) | null;
}

export function cardView(card: Card, platform: Platform): CardView {
  const facts = card.facts.map((fact) => ({ label: fact.label, text: fact.value.map((span) => renderSpan(span, PLAIN_DIALECT)).join('') }));
  return {
    ...card,
    platform,
    facts,
    sla: facts.find((fact) => fact.label === 'SLA')?.text ?? null,
    receivedAt: card.receivedAt.toISOString(),
    lastAction: card.lastAction ? { ...card.lastAction, at: card.lastAction.at.toISOString() } : null,
  };
}
