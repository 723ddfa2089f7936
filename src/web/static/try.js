// "Try it": a customer's side of a conversation. Messages go to the bot like
// any platform's; its replies arrive over the event stream into the same
// thread. Every customer or bot text is put in with textContent.
import { announce, el, getJson, listen, openSession, postJson } from '/static/common.js';

const threads = new Map();
/** The latest card headline per ticket, shown beside its conversation. */
const ticketStates = new Map();

const composer = document.getElementById('composer');
const customerInput = document.getElementById('customer');
const threadSelect = document.getElementById('thread');
const messageInput = document.getElementById('message');
const list = document.getElementById('threads');

const MARK_WORDS = { received: 'received', answered: 'answered', closed: 'closed, no reply needed' };

function markText(mark) {
  if (!mark) return null;
  return mark.kind === 'urgency' ? `urgency: ${mark.urgency}` : MARK_WORDS[mark.kind] ?? null;
}

function renderThread(thread) {
  const state = thread.ticketId === null ? null : ticketStates.get(thread.ticketId);
  const title = [thread.customer.name, thread.ticketId === null ? 'sending…' : `Ticket #${thread.ticketId}`, state, markText(thread.mark)].filter(Boolean).join(' · ');
  return el(
    'article',
    { class: 'thread', 'data-thread-id': thread.threadId, 'data-ticket-id': thread.ticketId ?? '', 'aria-label': `Conversation with ${thread.customer.name}` },
    el('h3', { text: title }),
    el(
      'ol',
      {},
      thread.messages.map((message) =>
        el('li', { 'data-from': message.from }, el('span', { class: 'who', text: message.from === 'bot' ? 'Support' : thread.customer.name }), el('span', { class: 'text', text: message.text })),
      ),
    ),
  );
}

function render() {
  list.replaceChildren(...[...threads.values()].reverse().map(renderThread));
  const selected = threadSelect.value;
  threadSelect.replaceChildren(
    el('option', { value: '', text: 'New conversation' }),
    ...[...threads.values()].reverse().map((thread) =>
      el('option', { value: thread.threadId, text: `${thread.customer.name}${thread.ticketId === null ? '' : ` · ticket #${thread.ticketId}`}` }),
    ),
  );
  threadSelect.value = threads.has(selected) ? selected : '';
}

async function reload() {
  const { threads: all } = await getJson('/api/threads');
  threads.clear();
  for (const thread of [...all].reverse()) threads.set(thread.threadId, thread);
  render();
}

composer.addEventListener('submit', async (event) => {
  event.preventDefault();
  const text = messageInput.value;
  if (!text.trim()) return;
  const threadId = threadSelect.value || undefined;
  const { status, body } = await postJson('/api/try/messages', { customer: customerInput.value, text, threadId });
  if (status !== 201) {
    announce(`Not sent (${body.error ?? status}).`);
    return;
  }
  messageInput.value = '';
  announce(`Sent: ticket #${body.ticketId}.`);
  const known = threads.get(body.threadId);
  if (known) known.ticketId = body.ticketId;
  else await reload();
  render();
  threadSelect.value = body.threadId;
});

listen(
  {
    message: ({ threadId, message }) => {
      const thread = threads.get(threadId);
      if (!thread) return void reload();
      if (!thread.messages.some((known) => known.id === message.id)) thread.messages.push(message);
      render();
    },
    mark: ({ threadId, mark }) => {
      const thread = threads.get(threadId);
      if (thread) thread.mark = mark;
      render();
    },
    card: ({ card }) => {
      ticketStates.set(card.ticketId, card.headline);
      render();
    },
  },
  () => void reload(),
);

await openSession();
