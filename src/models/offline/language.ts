// Offline language detection by function words.
//
// Function words ("und", "the", "pour") are frequent in any text and nearly
// unique per language, so counting them is a robust detector for the short,
// informal messages a support channel gets. A word shared by several languages
// ("de", "la", "die") is split between them, so it counts, but weakly.
// Diacritics add a little evidence. English is the default: with no evidence
// at all ("ok", "123"), replying in English is the least surprising choice.

import { tokenize } from './text.js';

export const DEFAULT_LANGUAGE = 'en';

const FUNCTION_WORDS: Readonly<Record<string, readonly string[]>> = {
  en: [
    'the', 'and', 'is', 'are', 'you', 'your', 'with', 'have', 'has', 'this', 'that', 'for', 'please',
    'not', "don't", "doesn't", "can't", 'can', 'could', 'would', 'my', 'our', 'we', 'thank', 'thanks',
    'hello', 'hi', 'dear', 'regarding', 'it', 'of', 'to', 'was', 'were', 'been', 'will', 'from', 'any',
    'about', 'what', 'when', 'how', 'which', 'there', 'i', "i'm", 'me', 'am', 'they', 'be', 'an', 'a',
    'still', 'again', 'yet', 'since', 'after', 'got',
  ],
  de: [
    'der', 'die', 'das', 'und', 'ist', 'sind', 'nicht', 'ich', 'wir', 'sie', 'ihr', 'ihre', 'ihren',
    'ihrer', 'mit', 'für', 'bitte', 'danke', 'auf', 'ein', 'eine', 'einen', 'einer', 'dem', 'den', 'des',
    'zu', 'von', 'bei', 'wie', 'was', 'kann', 'können', 'haben', 'habe', 'hallo', 'sehr', 'geehrte',
    'geehrter', 'geehrtes', 'auch', 'noch', 'uns', 'unser', 'unsere', 'mein', 'meine', 'meinem', 'wurde',
    'werden', 'dass', 'oder', 'aber', 'wenn', 'keine', 'kein', 'es', 'im', 'ist', 'schon', 'seit',
    'funktioniert', 'vielen', 'dank', 'gruß', 'grüße', 'mir', 'mich', 'sich', 'hat', 'wird',
  ],
  fr: [
    'le', 'la', 'les', 'et', 'est', 'je', 'vous', 'nous', 'pour', 'avec', 'pas', 'une', 'des', 'du',
    'merci', 'bonjour', 'sur', 'dans', 'mon', 'ma', 'mes', 'votre', 'vos', 'ce', 'cette', 'qui', 'que',
    'ne', 'au', 'aux', 'il', 'elle', 'sont', 'avoir', 'être', 'été', "j'ai", "c'est", 'plus', 'mais',
  ],
  es: [
    'el', 'la', 'los', 'las', 'y', 'es', 'que', 'de', 'por', 'para', 'con', 'no', 'una', 'un', 'mi',
    'mis', 'su', 'sus', 'gracias', 'hola', 'pero', 'como', 'está', 'están', 'hay', 'muy', 'tengo',
    'puedo', 'se', 'lo', 'al', 'del', 'esta', 'este', 'pedido', 'ayuda', 'cuenta',
  ],
  pt: [
    'o', 'a', 'os', 'as', 'e', 'é', 'que', 'de', 'do', 'da', 'dos', 'das', 'não', 'um', 'uma', 'com',
    'para', 'por', 'obrigado', 'obrigada', 'olá', 'meu', 'minha', 'você', 'vocês', 'está', 'estão',
    'tenho', 'mas', 'como', 'no', 'na', 'nos', 'ao', 'isso', 'pedido', 'ajuda', 'conta',
  ],
  it: [
    'il', 'lo', 'la', 'gli', 'le', 'e', 'è', 'che', 'di', 'del', 'della', 'per', 'con', 'non', 'un',
    'una', 'mio', 'mia', 'grazie', 'ciao', 'sono', 'ho', 'ma', 'come', 'questo', 'questa', 'anche',
    'ci', 'si', 'al', 'alla', 'buongiorno', 'ordine', 'aiuto',
  ],
  nl: [
    'de', 'het', 'een', 'en', 'is', 'niet', 'ik', 'wij', 'we', 'u', 'jij', 'je', 'mijn', 'met',
    'voor', 'op', 'van', 'dat', 'die', 'dank', 'bedankt', 'hallo', 'graag', 'maar', 'ook', 'zijn',
    'heb', 'kan', 'wordt', 'geen', 'er', 'naar', 'uw', 'alstublieft', 'bestelling', 'werkt',
  ],
};

/** Characters that only some languages write; each distinct one adds evidence. */
const LETTER_HINTS: Readonly<Record<string, RegExp>> = {
  de: /[äöüß]/giu,
  fr: /[èêëàâîïôûùçœ]/giu,
  es: /[ñ¿¡]/giu,
  pt: /[ãõç]/giu,
  it: /[àèìòù]/giu,
};

/** word → [(language, weight)], weights split between languages sharing the word. */
const WORD_WEIGHTS: ReadonlyMap<string, readonly (readonly [string, number])[]> = (() => {
  const owners = new Map<string, Set<string>>();
  for (const [language, words] of Object.entries(FUNCTION_WORDS)) {
    for (const word of words) {
      const set = owners.get(word) ?? new Set<string>();
      set.add(language);
      owners.set(word, set);
    }
  }
  const weights = new Map<string, (readonly [string, number])[]>();
  for (const [word, languages] of owners) {
    weights.set(
      word,
      [...languages].map((language) => [language, 1 / languages.size] as const),
    );
  }
  return weights;
})();

export interface LanguageGuess {
  language: string;
  /** 0..1: how clearly the winner beat the runner-up, scaled by the amount of evidence. */
  confidence: number;
  /** Total weighted evidence of the winner; lets callers judge short messages. */
  evidence: number;
}

export function detectLanguage(text: string): LanguageGuess {
  const scores = new Map<string, number>();
  const add = (language: string, weight: number): void => {
    scores.set(language, (scores.get(language) ?? 0) + weight);
  };
  for (const token of tokenize(text)) {
    for (const [language, weight] of WORD_WEIGHTS.get(token) ?? []) add(language, weight);
  }
  for (const [language, pattern] of Object.entries(LETTER_HINTS)) {
    const distinct = new Set((text.match(pattern) ?? []).map((letter) => letter.toLowerCase()));
    if (distinct.size > 0) add(language, 0.5 * distinct.size);
  }

  const ranked = [...scores.entries()].sort((left, right) => right[1] - left[1]);
  const [best, second] = ranked;
  // Less than one unambiguous word of evidence: fall back rather than guess.
  if (!best || best[1] < 1) {
    return { language: DEFAULT_LANGUAGE, confidence: 0.3, evidence: best?.[1] ?? 0 };
  }
  const margin = (best[1] - (second?.[1] ?? 0)) / best[1];
  const amount = 1 - Math.exp(-best[1] / 4);
  // A tie between two languages is reported as the default if it is among them.
  if (margin === 0 && second && (second[0] === DEFAULT_LANGUAGE || best[0] === DEFAULT_LANGUAGE)) {
    return { language: DEFAULT_LANGUAGE, confidence: 0.35, evidence: best[1] };
  }
  return {
    language: best[0],
    confidence: Math.round(Math.min(0.99, 0.3 + 0.7 * margin * amount) * 100) / 100,
    evidence: best[1],
  };
}
