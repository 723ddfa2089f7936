// A ticket's timeline: its facts and every entry the server gathered, in
// order. It reloads when the ticket's card changes (the event stream), on
// reconnection, and on Refresh. Customer and model text goes in with textContent.
import { announce, el, listen, openSession } from '/static/common.js';

const section = document.getElementById('ticket');
const title = document.getElementById('ticket-title');
const facts = document.getElementById('ticket-facts');
const list = document.getElementById('timeline');
const input = document.getElementById('ticket-id');

const KIND_LABELS = {
  message: 'Customer message',
  state: 'State change',
  decision: 'Routing decision',
  call: 'Model call',
  draft: 'Draft',
  review: 'Review',
  delivery: 'Reply delivery',
};

const TIME = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** `+1.2 s` after the ticket opened: how long each step took to come. */
function sinceOpened(at, openedAt) {
  const ms = Date.parse(at) - Date.parse(openedAt);
  if (!Number.isFinite(ms) || ms < 0) return '';
  if (ms < 1000) return `+${ms} ms`;
  if (ms < 60_000) return `+${(ms / 1000).toFixed(1)} s`;
  return `+${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** A definition list from [label, value] pairs; empty values are left out. */
function details(pairs, className = 'details') {
  return el(
    'dl',
    { class: className },
    pairs.filter(([, value]) => value !== null && value !== undefined && value !== '').map(([label, value, valueClass]) => el('div', {}, el('dt', { text: label }), el('dd', { class: valueClass, text: String(value) }))),
  );
}

/** The entry's one-line heading, after its time and kind. */
function summary(entry) {
  switch (entry.kind) {
    case 'message':
      return `from ${entry.author}`;
    case 'state':
      return `${entry.from ?? 'new'} → ${entry.to}`;
    case 'decision':
      return `${entry.routeText} (decided by ${entry.decidedBy})`;
    case 'call':
      return `${entry.stage} on ${entry.tier} (${entry.model}) · ${entry.costText} · ${entry.outcomeText}`;
    case 'draft':
      return `by ${entry.source} (${entry.language})`;
    case 'review':
      return entry.actionText;
    case 'delivery':
      return entry.deliveryText;
    default:
      return '';
  }
}

function body(entry) {
  switch (entry.kind) {
    case 'message':
      return [
        el('p', { class: 'customer-text', text: entry.text }),
        entry.editedAt || entry.deletedAt ? details([['Edited', entry.editedAt && TIME.format(new Date(entry.editedAt))], ['Deleted', entry.deletedAt && TIME.format(new Date(entry.deletedAt))]]) : null,
      ];
    case 'state':
      return entry.reasonText ? el('p', { text: `Reason: ${entry.reasonText}` }) : null;
    case 'decision':
      return el('p', { text: `Why: ${entry.reasonsText}` });
    case 'call':
      return details([
        ['Tier', entry.tier],
        ['Model', `${entry.model} (${entry.provider})`],
        ['Stage', entry.stage],
        ['Prompt', entry.prompt],
        ['Tokens', entry.tokensText],
        ['Cost', entry.costText],
        ['Latency', entry.latencyText],
        ['Outcome', entry.outcomeText],
        ['Error', entry.errorMessage],
      ]);
    case 'draft':
      return [
        el('p', { class: 'draft', text: entry.text }),
        details([
          ['Confidence', entry.confidence === null ? null : entry.confidence.toFixed(2)],
          ['Grounding', entry.grounding === null ? null : entry.grounding.replace(/_/g, ' ')],
          ['Sources', entry.sources.join('; ')],
        ]),
      ];
    case 'review':
      return [entry.reasonText ? el('p', { text: `Reason: ${entry.reasonText}` }) : null, entry.editedText ? el('p', { class: 'draft', text: entry.editedText }) : null];
    case 'delivery':
      return el('p', { class: 'draft', text: entry.text });
    default:
      return null;
  }
}

function renderEntry(entry, index, openedAt) {
  const headingId = `entry-${index}`;
  return el(
    'li',
    { class: 'entry', 'data-kind': entry.kind, 'aria-labelledby': headingId },
    el(
      'h4',
      { id: headingId },
      el('time', { datetime: entry.at, text: TIME.format(new Date(entry.at)) }),
      el('span', { class: 'since', text: ` ${sinceOpened(entry.at, openedAt)} · ` }),
      el('span', { class: 'kind', text: KIND_LABELS[entry.kind] ?? entry.kind }),
      ` · ${summary(entry)}`,
    ),
    body(entry),
  );
}

function renderHeader(ticket, entries) {
  const customer = ticket.customer.name ? `${ticket.customer.name} (${ticket.customer.id})` : ticket.customer.id;
  const calls = entries.filter((entry) => entry.kind === 'call').length;
  title.textContent = `Ticket #${ticket.ticketId} · ${ticket.platform}`;
  facts.replaceChildren(
    ...details([
      ['Ticket', `#${ticket.ticketId}`],
      ['Platform', ticket.platform],
      ['Customer', customer, 'customer-text'],
      ['Status', ticket.statusReasonText ? `${ticket.status} (${ticket.statusReasonText})` : ticket.status],
      ['Urgency', ticket.urgency ?? 'not classified'],
      ['Category', ticket.category ?? 'not classified'],
      ['Route', ticket.routeText ?? 'not routed yet'],
      ['Total cost', ticket.cost.text],
      ['Model calls', String(calls)],
      ['Opened', TIME.format(new Date(ticket.createdAt))],
      ['Round', ticket.round > 1 ? `${ticket.round} (reopened)` : null],
      ['Subject', ticket.subject, 'customer-text'],
      ['Summary', ticket.summary, 'customer-text'],
    ]).children,
  );
}

const requested = new URLSearchParams(window.location.search).get('id');
const ticketId = requested === null ? null : /^#?([1-9][0-9]{0,15})$/.exec(requested.trim())?.[1] ?? null;

async function load() {
  if (ticketId === null) return;
  const response = await fetch(`/api/tickets/${encodeURIComponent(ticketId)}/timeline`, { credentials: 'same-origin' });
  if (response.status === 404) {
    section.hidden = true;
    announce(`Ticket #${ticketId} does not exist.`);
    document.body.dataset.loaded = 'missing';
    return;
  }
  if (!response.ok) {
    announce(`The timeline could not be loaded (${response.status}). Try Refresh.`);
    return;
  }
  const { ticket, entries } = await response.json();
  renderHeader(ticket, entries);
  list.replaceChildren(...entries.map((entry, index) => renderEntry(entry, index, ticket.createdAt)));
  section.hidden = false;
  document.title = `Ticket #${ticket.ticketId} timeline · Support triage`;
  announce(`Ticket #${ticket.ticketId}: ${entries.length} entries, last updated ${TIME.format(new Date())}.`);
  // A positive sign for tests: which ticket is shown, and how many entries.
  document.body.dataset.loaded = String(ticket.ticketId);
  document.body.dataset.entries = String(entries.length);
}

async function reload() {
  try {
    await load();
  } catch (error) {
    announce(`The timeline could not be loaded (${error.message}). Try Refresh.`);
  }
}

if (requested !== null) input.value = requested;
if (requested !== null && ticketId === null) {
  announce(`“${requested}” is not a ticket number: type one like 12 or #12.`);
  document.body.dataset.loaded = 'invalid';
}
// With no ticket to show, the number form is all there is to do here.
if (ticketId === null) input.focus();
document.getElementById('refresh').addEventListener('click', () => void reload());

await openSession();
listen(
  {
    card: ({ card }) => {
      if (ticketId !== null && String(card.ticketId) === ticketId) void reload();
    },
  },
  () => void reload(),
);
