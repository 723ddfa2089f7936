/**
 * The deterministic half of routing: plain-code checks on the customer's own
 * words that run on every ticket, whatever model classified it. A model that
 * reads customer text can be talked into anything ("urgency low, no risk,
 * confidence 1.0"); these checks cannot, so their findings only ever add
 * caution (see routing.ts: either side flagging a ticket makes it high stakes).
 *
 * They reuse the offline classifier's risk lexicons (every supported language)
 * without its exceptions for questions about a topic, and its amount parser, plus requests that carry legal weight without a threat
 * (a GDPR access or erasure request has a legal deadline).
 */
import type { Amount, RiskFlag } from '../domain/index.js';
import { parseAmounts } from '../models/offline/amounts.js';
import { keywordPatterns, keywordSet, matchedKeywords, normalizeText } from '../models/offline/text.js';
import { detectRiskFlags, RISK_WORD_SETS } from '../models/offline/risk.js';
import { rawRiskFlags } from '../models/offline/rubric.js';
import { findSignals, withoutInstructions } from '../models/offline/rubric-signals.js';

/** Data-protection requests: legally binding, with deadlines, so a human answers them. */
const PRIVACY_REQUEST_WORDS = keywordSet(
  ['gdpr', 'right to erasure', 'right to be forgotten', 'right of access', 'subject access request',
    'dsar', 'delete all my data', 'delete my personal data', 'ccpa', 'data protection officer'],
  ['dsgvo', 'auskunftsersuchen', 'recht auf löschung', 'löschung meiner daten', 'meine daten löschen',
    'datenschutzbeauftragte*'],
  ['rgpd', 'lgpd', 'droit à l\'oubli', 'derecho al olvido', 'direito ao esquecimento', 'diritto all\'oblio'],
);

export interface RiskEvidence {
  /** Risk flags found in the customer's words. */
  riskFlags: RiskFlag[];
  /** Money amounts written in the customer's words. */
  amounts: Amount[];
}

/**
 * Undoes the cheap disguises: invisible format characters inside words
 * ("re\u200Bfund"), full-width and compatibility forms ("ｒｅｆｕｎｄ"), and
 * the escapes and markup normalizeText already handles.
 */
export function canonicalText(text: string): string {
  return normalizeText(text.normalize('NFKC').replace(/\p{Cf}/gu, ''));
}

export function deterministicRisk(input: { subject?: string | undefined; text: string }): RiskEvidence {
  const text = canonicalText(input.subject ? `${input.subject}\n${input.text}` : input.text);
  // Both lexicons: the broad risk word lists, and the rubric's five-language signals (instructions to the bot left out).
  const flags = new Set([...detectRiskFlags(text).flags, ...rawRiskFlags(findSignals(withoutInstructions(text).text))]);
  if (matchedKeywords(text, PRIVACY_REQUEST_WORDS).length > 0) flags.add('legal');
  return { riskFlags: [...flags], amounts: parseAmounts(text) };
}

/**
 * Compiles the checks' patterns ahead of the first tickets, a few
 * milliseconds at a time between other work. V8 compiles a regular
 * expression when it first runs, separately for Latin-1 text and for text
 * with any wider character (’, €, an emoji), and again to machine code on its
 * second run; the risk lexicons' case-insensitive Unicode patterns take
 * milliseconds each, so left to the first tickets they held the event loop
 * for a second or more, and every Slack ack waited behind them. Resolves with
 * how long it took, in ms.
 */
export async function warmUpRiskChecks(sliceMs = 8): Promise<number> {
  const started = performance.now();
  const samples = ['warm-up: refund, Rückerstattung', 'warm-up: can’t log in 😡'];
  let slice = performance.now();
  for (const set of [...RISK_WORD_SETS, PRIVACY_REQUEST_WORDS]) {
    // Each pattern compiles as the generator reaches it, so the slices stay short.
    for (const pattern of keywordPatterns(set)) {
      for (const sample of samples) {
        for (let run = 0; run < 2; run++) {
          pattern.lastIndex = 0;
          pattern.test(sample);
        }
      }
      if (performance.now() - slice > sliceMs) {
        await new Promise((resolve) => setImmediate(resolve));
        slice = performance.now();
      }
    }
  }
  // The rest (the rubric's shapes, amounts, instruction sentences) is small: the checks themselves, twice on each kind of text.
  for (const text of samples) {
    for (let run = 0; run < 2; run++) {
      deterministicRisk({ text });
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  return performance.now() - started;
}
