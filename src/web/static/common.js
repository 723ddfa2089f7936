// Shared by the pages: the session's CSRF token, JSON calls, the event stream,
// and element building. Customer and model text only ever goes in as text
// (textContent): nothing here parses a string as HTML.

let csrfToken = null;

/** Reads the session's CSRF token (this origin's scripts alone can: no CORS). */
export async function openSession() {
  const response = await fetch('/api/session', { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`session: ${response.status}`);
  const session = await response.json();
  csrfToken = session.csrfToken;
  showWho(session);
  return session;
}

const PLATFORM_NAMES = { slack: 'Slack', discord: 'Discord', console: 'the console' };

/** Who this page acts as, in the header: the local reviewer, or the chat reviewer a link signed in. */
function showWho(session) {
  const header = document.querySelector('header.top');
  if (!header || header.querySelector('.who')) return;
  const who = session.platform ? `Signed in as ${session.actor} (${PLATFORM_NAMES[session.platform] ?? session.platform})` : 'Reviewing on this machine';
  header.append(el('span', { class: 'who', text: who }));
}

export async function getJson(path) {
  const response = await fetch(path, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

/** A POST with the CSRF token; resolves to { status, body }. */
export async function postJson(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken ?? '' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json().catch(() => ({})) };
}

/**
 * Listens to the server's events. `onReady` runs on every (re)connection:
 * events may have been missed meanwhile, so the page reloads its state then.
 */
export function listen(handlers, onReady) {
  const source = new EventSource('/api/events');
  source.addEventListener('ready', () => {
    document.body.dataset.live = 'true';
    onReady();
  });
  source.addEventListener('error', () => {
    document.body.dataset.live = 'false';
  });
  for (const [type, handler] of Object.entries(handlers)) {
    source.addEventListener(type, (event) => handler(JSON.parse(event.data)));
  }
  return source;
}

/** An element with attributes and children; strings become text nodes, never markup. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'text') node.textContent = String(value);
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

/** Says something to screen-reader users and everyone else, in the page's status line. */
export function announce(text) {
  const status = document.getElementById('status');
  if (status) status.textContent = text;
}
