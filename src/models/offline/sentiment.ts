// Sentiment from word lists plus two typographic signals of anger: runs of
// exclamation marks and shouting in capitals. Polite closings ("thank you for
// your help") are not positive: nearly every ticket has one, so "positive"
// needs praise or a solved problem, and no complaint alongside it.

import type { Sentiment } from '../../domain/index.js';
import { ANGRY_WORDS, NEGATIVE_WORDS, POSITIVE_WORDS } from './lexicon.js';
import { countKeywords } from './text.js';

export interface SentimentResult {
  sentiment: Sentiment;
  /** Number of signals behind the verdict. */
  evidence: number;
}

const NEGATED_WORD = /(?<!\p{L})(?:not|never|no longer|hardly|nicht|nie|kein|keine|nicht mehr|pas|no|non|niet)\s+(?:\p{L}+\s+)?\p{L}+/giu;

function shoutedWords(text: string): number {
  // Whole words of three or more capitals ("REFUND NOW"), minus common acronyms.
  const words = text.match(/(?<!\p{L})\p{Lu}{3,}(?!\p{L})/gu) ?? [];
  const acronyms = new Set(['API', 'URL', 'PDF', 'VPN', 'CRM', 'ERP', 'SSO', 'USD', 'EUR', 'GBP', 'CHF',
    'ASAP', 'SLA', 'GDPR', 'DSGVO', 'AWS', 'SQL', 'IT', 'MFA', 'PIN', 'FAQ', 'RMA', 'CSV', 'SMS', 'IOS', 'USB',
    'HDMI', 'LAN', 'WAN', 'SAAS', 'EMR', 'PACS', 'IOT', 'CEO', 'CTO', 'CPU', 'GPU', 'RAM', 'SSD', 'HDD', 'NAS']);
  return words.filter((word) => !acronyms.has(word)).length;
}

export function detectSentiment(text: string): SentimentResult {
  const angry = countKeywords(text, ANGRY_WORDS);
  const negative = countKeywords(text, NEGATIVE_WORDS);
  // "not happy", "nicht zufrieden": a negated praise word is no praise.
  const positive = countKeywords(text.replace(NEGATED_WORD, ' '), POSITIVE_WORDS);
  const exclamations = (text.match(/!{2,}/g) ?? []).length;
  const shouting = shoutedWords(text) >= 2 ? 1 : 0;

  const angerSignals = angry + exclamations + shouting;
  if (angry >= 1 && angerSignals >= 2) return { sentiment: 'angry', evidence: angerSignals };
  if (angry >= 1 || (exclamations >= 1 && shouting === 1)) {
    return { sentiment: negative > 0 ? 'angry' : 'negative', evidence: angerSignals + negative };
  }
  if (negative > positive) return { sentiment: 'negative', evidence: negative };
  if (positive > 0 && negative === 0) return { sentiment: 'positive', evidence: positive };
  return { sentiment: 'neutral', evidence: Math.abs(positive - negative) };
}
