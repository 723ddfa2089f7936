/**
 * Slack text in and out. Slack's wire format uses `&`, `<` and `>` as control
 * characters: `<@U123>` pings a user, `<!channel>` pings a whole channel,
 * `<https://evil|fake>` hides a link behind any label. Customer and model
 * text must never be able to produce those in our cards, so everything not
 * written by us goes through `escapeMrkdwn`. In the other direction,
 * `slackToPlainText` turns what Slack sends into plain text for the
 * pipeline, so no Slack syntax leaks past the adapter.
 */

/**
 * Placed between `@` and `channel`/`here`/`everyone`. Invisible, and unlike a
 * zero-width joiner it has no meaning inside emoji sequences.
 */
const WORD_JOINER = '\u2060';

/**
 * Escapes text for a `mrkdwn` (or message `text`) field, as Slack documents:
 * `&` → `&amp;`, `<` → `&lt;`, `>` → `&gt;`, and nothing else (Slack shows
 * other entities literally). With `<` escaped no `<!channel>`, `<@U…>`,
 * `<#C…>` or `<url|label>` can form. Slack may also turn a bare `@here`,
 * `@channel` or `@everyone` into a real notification when it parses mentions
 * (`verbatim: false`, `link_names`), so those get a word joiner after the
 * `@`: they still read the same but ping no one. Mentions inside words
 * (`me@here.com`) are left alone.
 */
export function escapeMrkdwn(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/(^|[^\p{L}\p{N}_])@(channel|here|everyone)(?![\p{L}\p{N}_])/giu, `$1@${WORD_JOINER}$2`);
}

/**
 * Customer text as a block quote: escaped, every line prefixed with `>`
 * (Slack quotes line by line, so a multi-line text needs it on each line).
 */
export function quote(text: string): string {
  return escapeMrkdwn(text.replace(/\s+$/, ''))
    .split('\n')
    .map((line) => `>${line}`)
    .join('\n');
}

/** Decodes the three entities Slack encodes; `&amp;` last so `&amp;lt;` stays `&lt;`. */
export function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * Slack's wire text as a person would read it: `<@U123|ana>` → `@ana`,
 * `<@U123>` → `@U123`, `<#C1|general>` → `#general`, `<!here>` → `@here`,
 * `<!subteam^S1|@ops>` → `@ops`, `<!date^…|fallback>` → `fallback`,
 * `<https://x|label>` → `label (https://x)`, `<mailto:a@b.c|a@b.c>` → `a@b.c`,
 * then `&lt;` `&gt;` `&amp;` decoded. Raw `<` and `>` only ever delimit these
 * tokens: Slack sends a typed `<` as `&lt;`.
 */
export function slackToPlainText(text: string): string {
  const plain = text.replace(/<([^<>]*)>/g, (_token, inner: string) => {
    const bar = inner.indexOf('|');
    const target = bar >= 0 ? inner.slice(0, bar) : inner;
    const label = bar >= 0 ? inner.slice(bar + 1) : '';
    if (target.startsWith('@')) return label ? `@${label.replace(/^@/, '')}` : target;
    if (target.startsWith('#')) return label ? `#${label.replace(/^#/, '')}` : target;
    if (target.startsWith('!')) {
      if (label) return label;
      const [command = '', id] = target.slice(1).split('^');
      return command === 'subteam' && id ? `@${id}` : `@${command}`;
    }
    if (!label) return target;
    const bare = target.replace(/^mailto:/, '');
    if (label === target || label === bare || target.replace(/^https?:\/\//, '') === label) return bare;
    return `${label} (${bare})`;
  });
  return unescapeSlack(plain);
}
