/**
 * The few pages the web console writes itself rather than serving from
 * static/: the sign-in confirmation (it carries the link's token in its
 * form), and the refusals a person without a session meets. Every value put
 * in them is escaped; none needs a script.
 */
import type { RedeemRefusal, SignInPerson } from './sign-in-links.js';

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(title)} · Support triage</title>
  <link rel="stylesheet" href="/static/app.css">
</head>
<body>
  <header class="top"><h1>Support triage</h1></header>
  <main class="sign-in">
${body}
  </main>
</body>
</html>
`;
}

const HOW_TO_SIGN_IN =
  '<p>Type <code>/triage web</code> in Slack or Discord, where you review tickets: the bot answers you alone with a link that signs you in once, within ten minutes.</p>';

const PLATFORM_NAMES: Record<string, string> = { slack: 'Slack', discord: 'Discord' };

/**
 * Opening a link only shows this: signing in takes the button (a POST), so a
 * link previewer or a browser's prefetch that opens the link uses nothing.
 */
export function confirmPage(token: string, person: SignInPerson): string {
  const where = PLATFORM_NAMES[person.platform] ?? person.platform;
  return page(
    'Sign in',
    `    <h2>Sign in to the web console</h2>
    <p>As the ${escapeHtml(where)} reviewer <strong>${escapeHtml(person.id)}</strong>. You can then do here what you can do in ${escapeHtml(where)}.</p>
    <form method="post" action="/signin">
      <input type="hidden" name="t" value="${escapeHtml(token)}">
      <button type="submit" class="primary" id="sign-in">Sign in</button>
    </form>`,
  );
}

const REFUSALS: Record<RedeemRefusal | 'WEB_SIGN_IN_REQUIRED', string> = {
  WEB_SIGN_IN_REQUIRED: 'This web console needs a sign-in.',
  WEB_SIGN_IN_INVALID: 'This sign-in link is not valid here: it was changed, or another run of the bot issued it.',
  WEB_SIGN_IN_EXPIRED: 'This sign-in link has expired.',
  WEB_SIGN_IN_USED: 'This sign-in link was used already: each link signs in once.',
};

/** Why there is no way in from here, and how to get one. The code is in the page for tests and support. */
export function refusalPage(code: RedeemRefusal | 'WEB_SIGN_IN_REQUIRED'): string {
  return page(
    'Sign-in needed',
    `    <h2>Sign-in needed</h2>
    <p id="refusal" data-code="${code}">${escapeHtml(REFUSALS[code])}</p>
    ${HOW_TO_SIGN_IN}`,
  );
}
