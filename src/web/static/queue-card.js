// One review card as a list item, built from the server's card view. Card
// text goes in with textContent (through el); the buttons carry their action
// in data-action and the queue listens once on the list, so a card costs no
// listeners of its own (1,000 cards build in one pass).
import { el } from '/static/common.js';

/**
 * The card's <li>. `selected`: whether it is the card j/k points at;
 * `answer`: what the desk last told this page about it (a refusal), or undefined.
 */
export function cardNode(card, { selected, answer }) {
  const customer = card.customer.name ? `${card.customer.name} (${card.customer.id})` : card.customer.id;
  const facts = card.facts.filter((fact) => fact.label !== 'SLA');
  return el(
    'li',
    {
      class: 'card',
      tabindex: '-1',
      'data-ticket-id': card.ticketId,
      'data-state': card.state,
      'aria-current': selected ? 'true' : 'false',
      'aria-labelledby': `card-title-${card.ticketId}`,
    },
    el('h2', { id: `card-title-${card.ticketId}`, text: `${card.title} · ${card.platform}` }),
    card.sla ? el('p', { class: 'sla', text: `SLA: ${card.sla}` }) : null,
    el('dl', { class: 'meta' }, el('div', {}, el('dt', { text: 'Customer' }), el('dd', { class: 'customer-text', text: customer })), facts.map((fact) => el('div', {}, el('dt', { text: fact.label }), el('dd', { text: fact.text })))),
    el('p', { text: `Why: ${card.why || 'n/a'}` }),
    card.summary ? el('p', { class: 'customer-text', text: `Summary: ${card.summary}` }) : null,
    card.secondOpinion ? el('p', { text: `Second opinion (${card.secondOpinion.tier}): ${card.secondOpinion.verdict} — ${card.secondOpinion.rationale}` }) : null,
    card.draft ? el('section', { 'aria-label': card.draft.heading }, el('h3', { text: `${card.draft.heading} (${card.draft.source}, ${card.draft.language})` }), el('p', { class: 'draft', text: card.draft.text })) : null,
    card.noDraft ? el('p', { text: `No draft: ${card.noDraft}` }) : null,
    card.sources.length > 0
      ? el('section', { 'aria-label': 'Sources' }, el('h3', { text: 'Sources' }), el('ul', { class: 'sources' }, card.sources.map((source) => el('li', { text: `${source.title} (${source.location})${source.url ? ` ${source.url}` : ''}` }))))
      : null,
    card.lastAction ? el('p', { text: `Last action: ${card.lastAction.label} by ${card.lastAction.reviewerId}${card.lastAction.reason ? ` — ${card.lastAction.reason}` : ''}` }) : null,
    card.resolution ? el('p', { class: 'resolution', text: `${card.resolution.label}${card.resolution.actorId === 'bot' ? '' : ` by ${card.resolution.actorId}`}${card.resolution.detail ? ` — ${card.resolution.detail}` : ''}` }) : null,
    card.notes.map((note) => el('p', { class: 'keys', text: `(${note})` })),
    card.actions.length > 0
      ? el('div', { class: 'actions', role: 'group', 'aria-label': `Actions on ticket #${card.ticketId}` }, card.actions.map((action) => el('button', { type: 'button', class: action.style, 'data-action': action.action, text: action.label })))
      : null,
    el('p', { class: 'links' }, el('a', { href: `/ticket?id=${card.ticketId}`, class: 'timeline-link', 'aria-label': `Timeline of ticket #${card.ticketId}`, text: 'Timeline' })),
    answer !== undefined ? el('p', { class: 'answer', role: 'alert', text: answer }) : null,
  );
}
