// Money amounts with their currency: "$1,299.00", "120 EUR", "€50",
// "50,00 €" (German decimal comma), "USD 20", "1.299,00 EUR", "1 480,00 €"
// (French thousands space), "R$ 4.870,00".
//
// Amounts matter to policy (refunds over a threshold go to a human), so a
// misread decimal separator is a real bug: "1.299,00 €" must be 1299, not 1.299.

import type { Amount } from '../../domain/index.js';

/** Thousands groups (",", ".", apostrophe, no-break spaces) with optional decimals, or a plain number. */
const NUMBER = String.raw`\d{1,3}(?:[.,'\u00a0\u202f ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?`;
const PREFIX_CURRENCY = String.raw`R\$|US\$|\$|€|£|(?<!\p{L})(?:USD|EUR|GBP|CHF|BRL)`;
const SUFFIX_CURRENCY = String.raw`€|\$|(?:EUR|USD|GBP|CHF|BRL|euros?|dollars?|pounds?|Franken|reais)(?!\p{L})`;

const AMOUNT = new RegExp(
  String.raw`(?:(${PREFIX_CURRENCY})\s?(${NUMBER})(?![\d])|(?<![\p{L}\p{N}.,])(${NUMBER})\s?(${SUFFIX_CURRENCY}))`,
  'giu',
);

const CURRENCY_CODES: Readonly<Record<string, string>> = {
  $: 'USD',
  us$: 'USD',
  r$: 'BRL',
  brl: 'BRL',
  reais: 'BRL',
  usd: 'USD',
  dollar: 'USD',
  dollars: 'USD',
  '€': 'EUR',
  eur: 'EUR',
  euro: 'EUR',
  euros: 'EUR',
  '£': 'GBP',
  gbp: 'GBP',
  pound: 'GBP',
  pounds: 'GBP',
  chf: 'CHF',
  franken: 'CHF',
};

/**
 * Reads "1,299.00", "1.299,00", "50,00", "1'299.50", "1.5" and "1.299".
 * With both separators, the last one is the decimal point. With one kind,
 * it is a thousands separator if it repeats or has exactly three digits
 * after it ("1.299" is 1299 in German, "1,299" is 1299 in English), and a
 * decimal point otherwise ("50,00", "1.5").
 */
export function parseNumber(raw: string): number {
  const compact = raw.replace(/['\s\u00a0\u202f]/g, '');
  const lastDot = compact.lastIndexOf('.');
  const lastComma = compact.lastIndexOf(',');
  let normalized: string;
  if (lastDot >= 0 && lastComma >= 0) {
    const decimal = lastDot > lastComma ? '.' : ',';
    const thousands = decimal === '.' ? ',' : '.';
    normalized = compact.split(thousands).join('').replace(decimal, '.');
  } else if (lastDot >= 0 || lastComma >= 0) {
    const separator = lastDot >= 0 ? '.' : ',';
    const parts = compact.split(separator);
    const last = parts[parts.length - 1] ?? '';
    normalized = parts.length > 2 || last.length === 3 ? parts.join('') : parts.join('.');
  } else {
    normalized = compact;
  }
  return Math.round(Number(normalized) * 100) / 100;
}

function currencyCode(symbol: string | undefined): string | null {
  if (!symbol) return null;
  return CURRENCY_CODES[symbol.toLowerCase()] ?? symbol.toUpperCase();
}

/** A price without a currency ("charged me 19.99"): two decimals, in a text about paying. */
const BARE_PRICE = /(?<![\p{L}\p{N}.,#$€£-])(\d{1,5}[.,]\d{2})(?![\p{N}%]|[.,]\d)/gu;
const PAYING = /(?<![\p{L}])(?:charg\p{L}*|paid|pay|billed|cobr\p{L}*|pag\p{L}*|factur\p{L}*|bezahl\p{L}*|abgebucht|belastet|pr[ée]lev\p{L}*|d[ée]bit\p{L}*|refund\p{L}*|rembours\p{L}*|reembols\p{L}*)(?![\p{L}])/iu;

/** Amounts in order of appearance, duplicates kept (the caller decides). */
export function parseAmounts(text: string): Amount[] {
  const amounts: { at: number; amount: Amount }[] = [];
  const taken: [number, number][] = [];
  for (const match of text.matchAll(AMOUNT)) {
    const [, prefix, prefixNumber, suffixNumber, suffix] = match;
    const raw = prefixNumber ?? suffixNumber;
    if (raw === undefined) continue;
    const value = parseNumber(raw);
    if (!Number.isFinite(value)) continue;
    amounts.push({ at: match.index, amount: { value, currency: currencyCode(prefix ?? suffix) } });
    taken.push([match.index, match.index + match[0].length]);
  }
  if (PAYING.test(text)) {
    for (const match of text.matchAll(BARE_PRICE)) {
      if (taken.some(([from, to]) => match.index >= from && match.index < to)) continue;
      amounts.push({ at: match.index, amount: { value: parseNumber(match[1] ?? ''), currency: null } });
    }
  }
  return amounts.sort((a, b) => a.at - b.at).map((entry) => entry.amount);
}
