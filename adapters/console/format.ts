/**
 * The console's rendering: a review card as plain text for the terminal,
 * what the desk says privately to the person at the prompt, and the review
 * prompt built from the card's actions. What is on the card is decided by
 * src/present/card.ts (money included, via formatUsd); this only lays it out.
 */
import type { ReviewActionKind } from '../../src/domain/index.js';
import { customerText, secondOpinionLabel, type Card, type CardAction } from '../../src/present/card.js';
import { PLAIN_DIALECT, renderRichText, type RichText, type Span } from '../../src/present/rich-text.js';

const WIDTH = 72;

/**
 * How each kind of output starts, so a reader (or a test) tells them apart:
 * a card's first line, a reply sent to the customer, and the private answers
 * to the person at the prompt (✗ nothing was done, ✓ done, » an answer to `/triage`).
 */
export const MARKS = {
  card: '── ',
  /** Followed by ` (ticket #12)` when the thread is this session's, then `:`. */
  reply: '→ sent to the customer',
  refused: '✗ ',
  done: '✓ ',
  answer: '» ',
  notice: '⏰ ',
} as const;

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

const spans = (value: Span[]): string => renderRichText([{ line: value }], PLAIN_DIALECT);

/** `Rejected by console-reviewer — not our customer`; the bot is not named. */
function resolutionText(resolution: NonNullable<Card['resolution']>): string {
  const by = resolution.actorId === 'bot' ? '' : ` by ${resolution.actorId}`;
  return `${resolution.label}${by}${resolution.detail ? ` — ${resolution.detail}` : ''}`;
}

export function formatCard(card: Card): string {
  const out: string[] = [];
  const reason = card.statusReason ? ` (${card.statusReason})` : '';
  out.push(`${MARKS.card}${card.title} · ${card.status}${reason} ${'─'.repeat(8)}`);
  out.push(`  customer: ${customerText(card)}`);
  for (const fact of card.facts) out.push(`  ${fact.label.toLowerCase()}: ${spans(fact.value)}`);
  out.push(`  why: ${card.why || 'n/a'}`);
  if (card.extracted.length > 0) {
    out.push(`  fields: ${card.extracted.map((field) => `${field.label.toLowerCase()} ${field.items.join(', ')}`).join(' · ')}`);
  }
  if (card.summary) out.push(`  summary:\n${wrap(card.summary, '    ')}`);
  if (card.secondOpinion) out.push(`  ${secondOpinionLabel(card.secondOpinion).toLowerCase()}: ${card.secondOpinion.verdict} — ${card.secondOpinion.rationale}`);
  if (card.lastAction) {
    const { label, reviewerId, reason: why } = card.lastAction;
    out.push(`  last action: ${label} by ${reviewerId}${why ? ` — ${why}` : ''}`);
  }
  if (card.draft) out.push(`  ${card.draft.heading.toLowerCase()} (${card.draft.source}, ${card.draft.language}):\n${wrap(card.draft.text, '    ')}`);
  if (card.noDraft) out.push(`  no draft: ${card.noDraft}`);
  if (card.sources.length > 0) {
    out.push('  sources:');
    for (const source of card.sources) out.push(`    - ${source.title} (${source.location})${source.url ? ` ${source.url}` : ''}`);
  }
  if (card.resolution) out.push(`  ${resolutionText(card.resolution)}`);
  for (const note of card.notes) out.push(`  (${note})`);
  return out.join('\n');
}

/** A private answer: its mark on the first line, the rest indented under it. */
export function formatPrivate(mark: string, text: RichText | string): string {
  const body = typeof text === 'string' ? text : renderRichText(text, PLAIN_DIALECT);
  return mark + body.split('\n').join('\n  ');
}

/** The key typed for each action, in the prompt's order. */
const KEYS: readonly { key: string; action: ReviewActionKind; label: string }[] = [
  { key: 'a', action: 'approve', label: '[a]pprove' },
  { key: 'e', action: 'edit', label: '[e]dit' },
  { key: 'r', action: 'reject', label: '[r]eject' },
  { key: 'x', action: 'escalate', label: 'escalate [x]' },
];

/** `[a]pprove  [e]dit  [r]eject  escalate [x]  [s]kip > `, with only the actions the card offers. */
export function reviewPrompt(actions: readonly CardAction[]): string {
  const offered = KEYS.filter((entry) => actions.some((a) => a.action === entry.action)).map((entry) => entry.label);
  return `${[...offered, '[s]kip'].join('  ')} > `;
}

/** The action a typed answer picks among the card's, 'skip', or null for anything else. */
export function pickedAction(answer: string, actions: readonly CardAction[]): ReviewActionKind | 'skip' | null {
  const key = answer.trim().toLowerCase().charAt(0);
  if (key === 's') return 'skip';
  const entry = KEYS.find((candidate) => candidate.key === key);
  return entry && actions.some((a) => a.action === entry.action) ? entry.action : null;
}
