// The review queue: the desk's cards, live. Buttons and keys go to the same
// desk as Slack's and Discord's; the server answers with what the desk said
// (done, a form to fill in, a refusal). Card text goes in with textContent.
//
// The list is keyed by ticket id and kept newest first. The first load builds
// it once (one append); a server-sent card replaces, inserts or removes its
// own <li> and touches no other (focus and scroll stay where they are); a
// filter change re-lists the <li>s already built. Redrawing every card on
// every event took seconds with 1,000 open (npm run bench: queue-render).
import { announce, getJson, listen, openSession, postJson } from '/static/common.js';
import { cardNode } from '/static/queue-card.js';

/** The cards the server sent, by ticket id. */
const cards = new Map();
/** Each card's <li> once built, shown or filtered out, by ticket id: a filter change reuses it. */
const nodes = new Map();
const list = document.getElementById('cards');
const empty = document.getElementById('empty');
const filters = { urgency: document.getElementById('filter-urgency'), route: document.getElementById('filter-route'), state: document.getElementById('filter-state') };
const dialog = document.getElementById('form-dialog');
const formText = document.getElementById('form-text');
let selected = null;
/** Answers the desk gave to this page, per ticket (a refusal stays under its card). */
const answers = new Map();
let pendingForm = null;
let renderedMarked = false;

const KEYS = { a: 'approve', e: 'edit', r: 'reject', x: 'escalate' };

function shows(card) {
  return (!filters.urgency.value || card.urgency === filters.urgency.value) && (!filters.route.value || card.route === filters.route.value) && (!filters.state.value || card.state === filters.state.value);
}

function nodeOf(card) {
  let node = nodes.get(card.ticketId);
  if (!node) {
    node = cardNode(card, { selected: selected === card.ticketId, answer: answers.get(card.ticketId) });
    nodes.set(card.ticketId, node);
  }
  return node;
}

/** The empty state, and the count tests and the bench read. */
function counted() {
  const shown = list.childElementCount;
  empty.hidden = shown > 0;
  document.body.dataset.cards = String(shown);
}

/** Lists every card the filters show, newest first, in one append (a load, a reload, a filter change). */
function relist() {
  const focusedId = Number(document.activeElement?.closest?.('.card')?.dataset.ticketId ?? Number.NaN);
  const fragment = document.createDocumentFragment();
  for (const card of [...cards.values()].filter(shows).sort((a, b) => b.ticketId - a.ticketId)) fragment.append(nodeOf(card));
  list.replaceChildren(fragment);
  counted();
  // Taking a node out of the document drops its focus: the card that had it gets it back.
  const focused = nodes.get(focusedId);
  if (focused?.parentNode === list) focused.focus({ preventScroll: true });
}

/** The shown <li> that a card with `ticketId` goes before (the list is newest first): binary search, no walk. */
function nodeAfter(ticketId) {
  const shown = list.children;
  let low = 0;
  let high = shown.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (Number(shown[middle].dataset.ticketId) > ticketId) low = middle + 1;
    else high = middle;
  }
  return shown[low] ?? null;
}

/** One card's change on the page: its own <li> replaced, inserted in order, or removed; no other card is touched. */
function place(card) {
  const old = nodes.get(card.ticketId);
  const focused = old?.contains(document.activeElement) ? document.activeElement : null;
  cards.set(card.ticketId, card);
  nodes.delete(card.ticketId);
  if (!shows(card)) {
    old?.remove();
  } else {
    const node = nodeOf(card);
    if (old?.parentNode === list) old.replaceWith(node);
    else list.insertBefore(node, nodeAfter(card.ticketId));
    // The reviewer was on this card: stay on it (on the same button when it is still there).
    if (focused) (node.querySelector(`button[data-action="${CSS.escape(focused.dataset.action ?? '')}"]`) ?? node).focus({ preventScroll: true });
  }
  counted();
}

/** Draws a card again from what the page holds (its answer changed). */
function redraw(ticketId) {
  const card = cards.get(ticketId);
  if (card) place(card);
}

function select(ticketId, focus = true) {
  if (selected === ticketId) return;
  nodes.get(selected)?.setAttribute('aria-current', 'false');
  selected = ticketId;
  nodes.get(ticketId)?.setAttribute('aria-current', 'true');
  if (focus) nodes.get(ticketId)?.focus();
}

function move(step) {
  const current = nodes.get(selected);
  const target = current?.parentNode === list ? ((step > 0 ? current.nextElementSibling : current.previousElementSibling) ?? current) : list.firstElementChild;
  if (target) select(Number(target.dataset.ticketId));
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
  redraw(ticketId);
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

for (const select of Object.values(filters)) select.addEventListener('change', relist);

// One listener each for every card: focusing a card selects it (a button inside does not), a button acts.
list.addEventListener('focusin', (event) => {
  if (event.target instanceof HTMLElement && event.target.classList.contains('card')) select(Number(event.target.dataset.ticketId), false);
});
list.addEventListener('click', (event) => {
  const button = event.target instanceof Element ? event.target.closest('button[data-action]') : null;
  const card = button?.closest('.card');
  if (button && card) void act(Number(card.dataset.ticketId), button.dataset.action);
});

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

/** Cards sent while a reload is in flight: its answer may predate them, so they go on after it. */
const held = [];
let reloading = 0;

async function reload() {
  reloading += 1;
  try {
    const { cards: all } = await getJson('/api/queue');
    cards.clear();
    nodes.clear();
    for (const card of all) cards.set(card.ticketId, card);
    relist();
  } finally {
    reloading -= 1;
    if (reloading === 0) for (const card of held.splice(0)) place(card);
  }
  if (renderedMarked) return;
  renderedMarked = true;
  // After the frame that shows the list (its style, layout and paint): what a reviewer waits for.
  requestAnimationFrame(() => setTimeout(() => performance.mark('queue-rendered')));
}

await openSession();
listen(
  {
    card: ({ card }) => {
      if (reloading > 0) {
        held.push(card);
        return;
      }
      const start = performance.now();
      place(card);
      // The latest only: a page open for days must not keep one entry per event.
      performance.clearMeasures('queue-card-applied');
      performance.measure('queue-card-applied', { start });
    },
  },
  () => void reload(),
);
