/**
 * Slack's size limits, and the two helpers that keep our text inside them.
 * Slack rejects a whole message or view (`invalid_blocks`) when one field is
 * a character too long, so every piece of customer or model text passes
 * through `truncate` or `splitMessage` before it reaches a block.
 *
 * Lengths are counted in UTF-16 code units (`string.length`). That is never
 * fewer than the characters Slack counts, so staying under a limit here stays
 * under it at Slack too.
 */
import { textCutter } from '../../src/present/text-chunks.js';

/**
 * From Slack's Block Kit, view and chat.postMessage references (docs.slack.dev).
 * Only limits this adapter can hit are listed.
 */
export const SLACK_LIMITS = {
  /** Message `text`: Slack truncates beyond this. */
  messageText: 40_000,
  /** Message `text`: what Slack recommends staying under for readable messages. */
  messageTextRecommended: 4_000,
  blocksPerMessage: 50,
  blocksPerModal: 100,
  /** Any text object (`mrkdwn` or `plain_text`), e.g. a context element. Minimum 1. */
  textObject: 3_000,
  sectionText: 3_000,
  sectionFields: 10,
  sectionFieldText: 2_000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2_000,
  actionId: 255,
  blockId: 255,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  /** Modal `title`, `submit` and `close` texts. */
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3_000,
  callbackId: 255,
  inputLabel: 2_000,
  inputHint: 2_000,
  inputPlaceholder: 150,
  /** `plain_text_input` `max_length` cannot exceed this; the initial value must fit too. */
  plainTextInput: 3_000,
} as const;

/** Below Slack's recommended 4,000 so a chunk plus a continuation marker still fits. */
export const DEFAULT_CHUNK = 3_900;

/**
 * Keeps HTML entities such as `&amp;` whole: escaped text cut inside one
 * would show a stray `&am`.
 */
function keepEntitiesWhole(text: string, cut: number): number {
  const amp = text.lastIndexOf('&', cut - 1);
  if (amp >= 0 && cut - amp <= 8) {
    const entity = /^&(?:#\d{1,6}|#x[0-9a-f]{1,5}|[a-z]{2,6});/i.exec(text.slice(amp, amp + 10));
    if (entity && amp + entity[0].length > cut) return amp;
  }
  return cut;
}

const cutter = textCutter({ keepWhole: keepEntitiesWhole });

/** Shortens `text` to at most `max` code units, ending with `marker` when it had to cut. */
export const truncate = (text: string, max: number, marker = '…'): string => cutter.truncate(text, max, marker);

/** Splits `text` into chunks of at most `max` code units at the best boundaries; no empty chunks. */
export const splitMessage = (text: string, max: number = DEFAULT_CHUNK): string[] => cutter.splitMessage(text, max);
