// The review queue: the desk's cards, live. Buttons and keys go to the same
// desk as Slack's and Discord's; the server answers with what the desk said
// (done, a form to fill in, a refusal). Card text goes in with textContent.
import { announce, el, getJson, listen, openSession, postJson } from '/static/common.js';

const cards = new Map();
const list = document.getElementById('cards');
const empty = document.getElementById('empty');
const filters = { urgency: document.getElementById('filter-urgency'), route: document.getElementById('filter-route'), state: document.getElementById('filter-state') };
const dialog = document.getElementById('form-dialog');
const formText = document.getElementById('form-text');
let selected = null;
/** Answers the desk gave to this page, per ticket (a refusal stays under its card). */
const answers = new Map();
let pendingForm = null;

const KEYS = { a: 'approve', e: 'edit', r: 'reject', x: 'escalate' };

function visible() {
  return [...cards.values()]
    .filter((card) => (!filters.urgency.value || card.urgency === filters.urgency.value) && (!filters.route.value || card.route === filters.route.value) && (!filters.state.value || card.state === filters.state.value))
    .sort((a, b) => b.ticketId - a.ticketId);
}

function renderCard(card) {
  const customer = card.customer.name ? `${card.customer.name} (${card.customer.id})` : card.customer.id;
  const facts = card.facts.filter((fact) => fact.label !== 'SLA');
  return el(
    'li',
    {
      class: 'card',
      tabindex: '-1',
      'data-ticket-id': card.ticketId,
      'data-state': card.state,
      'aria-current': selected === card.ticketId ? 'true' : 'false',
      'aria-labelledby': `card-title-${card.ticketId}`,
      onfocus: () => select(card.ticketId, false),
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
      ? el('div', { class: 'actions', role: 'group', 'aria-label': `Actions on ticket #${card.ticketId}` }, card.actions.map((action) => el('button', { type: 'button', class: action.style, 'data-action': action.action, onclick: () => void act(card.ticketId, action.action), text: action.label })))
      : null,
    answers.has(card.ticketId) ? el('p', { class: 'answer', role: 'alert', text: answers.get(card.ticketId) }) : null,
  );
}

function render() {
  const shown = visible();
  const focusedId = document.activeElement?.closest?.('.card')?.dataset.ticketId;
  list.replaceChildren(...shown.map(renderCard));
  empty.hidden = shown.length > 0;
  document.body.dataset.cards = String(shown.length);
  if (focusedId) list.querySelector(`[data-ticket-id="${CSS.escape(focusedId)}"]`)?.focus({ preventScroll: true });
}

function select(ticketId, focus = true) {
  if (selected === ticketId) return;
  selected = ticketId;
  for (const node of list.querySelectorAll('.card')) node.setAttribute('aria-current', String(Number(node.dataset.ticketId) === ticketId));
  if (focus) list.querySelector(`[data-ticket-id="${ticketId}"]`)?.focus();
}

function move(step) {
  const shown = visible();
  if (shown.length === 0) return;
  const at = shown.findIndex((card) => card.ticketId === selected);
  const next = at === -1 ? 0 : Math.min(shown.length - 1, Math.max(0, at + step));
  select(shown[next].ticketId);
}

async function act(ticketId, action) {
  const { status, body } = await postJson(`/api/cards/${ticketId}/action`, { action });
  settle(ticketId, status, body);
}

function settle(ticketId, status, body) {
  if (status !== 200) {
    answers.set(ticketId, `Refused (${body.error ?? status}).`);
  } else if (body.result === 'form') {
    openForm(body.form);
    return;
  } else if (body.result === 'done') {
    answers.delete(ticketId);
    announce(body.message ?? `Ticket #${ticketId}: done.`);
  } else {
    answers.set(ticketId, body.message ?? 'Nothing was changed.');
  }
  render();
}

function openForm(form) {
  pendingForm = form;
  document.getElementById('form-title').textContent = form.kind === 'edit' ? `Edit the reply to ticket #${form.ticketId}` : `Reject the draft for ticket #${form.ticketId}`;
  document.getElementById('form-label').textContent = form.kind === 'edit' ? 'Reply to send' : 'Why (for the record)';
  document.getElementById('form-submit').textContent = form.kind === 'edit' ? 'Send reply' : 'Reject';
  formText.value = form.initialText ?? '';
  dialog.showModal();
  formText.focus();
}

document.getElementById('form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = pendingForm;
  if (!form) return;
  const value = formText.value;
  dialog.close();
  pendingForm = null;
  const { status, body } = await postJson(`/api/cards/${form.ticketId}/form`, { form: form.kind, value });
  settle(form.ticketId, status, body);
});
document.getElementById('form-cancel').addEventListener('click', () => {
  dialog.close();
  pendingForm = null;
});

for (const select of Object.values(filters)) select.addEventListener('change', render);

document.addEventListener('keydown', (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey || dialog.open) return;
  if (event.target instanceof HTMLElement && event.target.closest('input, textarea, select')) return;
  if (event.key === 'j') move(1);
  else if (event.key === 'k') move(-1);
  else if (KEYS[event.key] && selected !== null) {
    const card = cards.get(selected);
    if (!card?.actions.some((action) => action.action === KEYS[event.key])) return;
    event.preventDefault();
    void act(selected, KEYS[event.key]);
  }
});

async function reload() {
  const { cards: all } = await getJson('/api/queue');
  cards.clear();
  for (const card of all) cards.set(card.ticketId, card);
  render();
  if (performance.getEntriesByName('queue-rendered').length === 0) requestAnimationFrame(() => setTimeout(() => performance.mark('queue-rendered')));
}

await openSession();
listen(
  {
    card: ({ card }) => {
      const start = performance.now();
      cards.set(card.ticketId, card);
      render();
      performance.clearMeasures('queue-card-applied');
      performance.measure('queue-card-applied', { start });
    },
  },
  () => void reload(),
);
