/**
 * Discord's size limits, and the two helpers that keep our text inside them.
 * Discord answers a message, embed, modal or command that is one character
 * too long with a 400 (`Invalid Form Body`) for the whole request, so every
 * piece of customer or model text passes through `truncate` or
 * `splitMessage` before it reaches a payload.
 *
 * Lengths are counted in UTF-16 code units (`string.length`). That is never
 * fewer than the characters (code points) Discord counts, so staying under a
 * limit here stays under it at Discord too.
 */
import { textCutter } from '../../src/present/text-chunks.js';

/**
 * From Discord's developer documentation (discord/discord-api-docs):
 * message resource (create message, embed limits), component reference
 * (action row, button, text input, label), interaction responses (modal) and
 * application commands. Only limits this adapter can hit are listed.
 */
export const DISCORD_LIMITS = {
  /** Message `content`. */
  messageContent: 2_000,
  /** Message `nonce` (string form), used to deduplicate retried sends with `enforce_nonce`. */
  nonce: 25,
  embedsPerMessage: 10,
  embedTitle: 256,
  embedDescription: 4_096,
  embedFields: 25,
  embedFieldName: 256,
  embedFieldValue: 1_024,
  embedFooter: 2_048,
  embedAuthorName: 256,
  /** Title, description, field names and values, footer and author names, summed over ALL embeds of one message. */
  embedTotal: 6_000,
  /** Legacy (non components-v2) messages: up to 5 action rows of up to 5 buttons. */
  actionRowsPerMessage: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  /** Link buttons. */
  buttonUrl: 512,
  /** `custom_id` of buttons, selects, text inputs and modals: 1–100 characters. */
  customId: 100,
  modalTitle: 45,
  /** Top-level components in a modal (labels). */
  modalComponents: 5,
  /** Label component (the wrapper of a modal text input): label and description. */
  labelText: 45,
  labelDescription: 100,
  /** Text input `value` and `max_length`. */
  textInputValue: 4_000,
  textInputPlaceholder: 100,
  /** Thread names (start thread from message). */
  threadName: 100,
  commandName: 32,
  commandDescription: 100,
  commandOptions: 25,
} as const;

/**
 * Moves a cut back so it does not fall between
 * a backslash and the character it escapes (the other half would then
 * format), and not inside a Discord token such as `<@123>`, `<#123>`,
 * `<t:1700000000:R>` or `<:emoji:123>` (half a token shows as litter).
 */
function keepTokensWhole(text: string, at: number): number {
  let cut = at;
  // An odd run of backslashes before the cut means the last one escapes the next character.
  let backslashes = 0;
  while (cut - backslashes - 1 >= 0 && text[cut - backslashes - 1] === '\\') backslashes++;
  if (backslashes % 2 === 1 && cut < text.length) cut -= 1;
  const open = text.lastIndexOf('<', cut - 1);
  if (open >= 0 && cut - open <= 64) {
    const token = /^<(?:@[!&]?\d{1,20}|#\d{1,20}|\/[\w -]{1,32}:\d{1,20}|a?:\w{1,32}:\d{1,20}|t:-?\d{1,13}(?::[tTdDfFR])?)>/.exec(
      text.slice(open, open + 80),
    );
    if (token && open + token[0].length > cut) cut = open;
  }
  return cut;
}

const cutter = textCutter({ keepWhole: keepTokensWhole, sentenceClosers: `"')]*_~\`|` });

/** Shortens `text` to at most `max` code units, ending with `marker` when it had to cut. */
export const truncate = (text: string, max: number, marker = '…'): string => cutter.truncate(text, max, marker);

/** Splits `text` into chunks of at most `max` code units at the best boundaries; no empty chunks. */
export const splitMessage = (text: string, max: number = DISCORD_LIMITS.messageContent): string[] => cutter.splitMessage(text, max);
