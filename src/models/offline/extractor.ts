// Offline stand-in for the nano extractor: regular expressions, no network.
//
// Every list keeps the order in which values first appear in the ticket
// (subject first), without duplicates: the first order id mentioned is
// usually the one the ticket is about, and the drafter quotes it.

import type { Amount, ExtractedFields } from '../../domain/index.js';
import { parseAmounts } from './amounts.js';
import { joinSubjectAndText } from './text.js';

export interface ExtractInput {
  subject?: string;
  text: string;
}

export interface ExtractOptions {
  /** Product names as configured; matched case-insensitively as whole words, returned as configured. */
  products: readonly string[];
}

interface Found {
  index: number;
  value: string;
}

/**
 * An identifier: at least three characters, contains a digit, may carry
 * letters and inner dashes ("A-1234", "12345"). Three characters keep
 * "order 2 licences" from producing an order id "2".
 */
const ID = String.raw`(?=[A-Za-z0-9-]{3,})(?=[A-Za-z0-9-]*\d)([A-Za-z0-9]+(?:-[A-Za-z0-9]+)*)(?![\p{L}\p{N}])`;
/** "my customer number is 4711", "Kundennummer lautet 4711": only after an explicit number label. */
const VERB = String.raw`(?:\s+(?:is|ist|lautet|est|es|é))?`;
/** Optional "number"/"no."/"#"/"id"/":" between a label and its identifier, in en/de/fr/es/pt/it/nl. */
const NUMBER_LABEL = String.raw`(?:[\s-]*(?:(?:number|num|no|nr|nummer|id|número|numero)(?!\p{L})|n[°º])\.?${VERB})?\s*[:#]?\s*`;

const ORDER_PATTERNS: readonly RegExp[] = [
  // "order 12345", "order number: 12345", "order #A-77", "Bestellung Nr. 12345", "commande n° 123".
  new RegExp(
    String.raw`(?<![\p{L}\p{N}])(?:order|purchase order|bestellung|auftrag|commande|pedido|encomenda|ordine|bestelling)${NUMBER_LABEL}${ID}`,
    'giu',
  ),
  // Compound labels: "Bestellnummer 12345", "Auftragsnummer", "order-id 123".
  new RegExp(
    String.raw`(?<![\p{L}\p{N}])(?:bestellnummer|bestellnr\.?|bestell-nr\.?|auftragsnummer|order-?id|order-?no\.?)${VERB}\s*[:#]?\s*${ID}`,
    'giu',
  ),
  // Self-describing ids: "ORD-1234", "ORDER-55", "PO-2024-001".
  /(?<![\p{L}\p{N}-])((?:ORD|ORDER|PO)-\d[A-Z0-9-]*)(?![\p{L}\p{N}])/giu,
  // A bare "#12345" is almost always an order in a shop's support channel,
  // unless a ticket, case or invoice label precedes it.
  /(?<!(?:ticket|case|issue|incident|invoice|rechnung|vorgang|fall)\s*)#\s?(\d{3,}[A-Z0-9-]*)(?![\p{L}\p{N}])/giu,
];

const ACCOUNT_PATTERNS: readonly RegExp[] = [
  // "account 123", "account number: AB-123", "account id 9", "Konto 123", "Kundenkonto Nr. 5".
  new RegExp(
    String.raw`(?<![\p{L}\p{N}])(?:account|acct|konto|kundenkonto|benutzerkonto|compte|cuenta|conta|workspace|espacio|espace|arbeitsbereich)${NUMBER_LABEL}${ID}`,
    'giu',
  ),
  // "customer id 123", "customer number 123", "client id", "Kundennummer 123", "Kunden-ID 123".
  new RegExp(
    String.raw`(?<![\p{L}\p{N}])(?:customer|client|kunden)[\s-]?(?:id|number|no\.?|nr\.?|nummer|#)${VERB}\s*[:#]?\s*${ID}`,
    'giu',
  ),
  new RegExp(String.raw`(?<![\p{L}\p{N}])(?:kundennummer|kundennr\.?|kontonummer)${VERB}\s*[:#]?\s*${ID}`, 'giu'),
  // Self-describing ids: "acct-123", "ACC-42", "CUST-9".
  /(?<![\p{L}\p{N}-])((?:acct|acc|cust)-[A-Z0-9][A-Z0-9-]*)(?![\p{L}\p{N}])/giu,
];

const EMAIL = /(?<![\p{L}\p{N}._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\p{L}\p{N}])/gu;

function findAll(text: string, patterns: readonly RegExp[]): Found[] {
  const found: Found[] = [];
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) {
      const value = match[1] ?? match[0];
      found.push({ index: (match.index ?? 0) + match[0].lastIndexOf(value), value });
    }
  }
  return found;
}

/** Unique values in order of first appearance; ids compare case-insensitively. */
function inOrder(found: readonly Found[], normalize: (value: string) => string = (value) => value): string[] {
  const seen = new Set<string>();
  const values: string[] = [];
  for (const item of [...found].sort((left, right) => left.index - right.index)) {
    const key = normalize(item.value).toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    values.push(normalize(item.value));
  }
  return values;
}

function escapeRegExp(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Longest names first, and a span claimed by one name is not matched again:
 * with "Widget Pro" and "Widget" configured, "my Widget Pro" names one
 * product, not two.
 */
function findProducts(text: string, products: readonly string[]): string[] {
  const names = [...new Set(products.map((product) => product.trim()).filter(Boolean))].sort(
    (left, right) => right.length - left.length,
  );
  const claimed: (readonly [number, number])[] = [];
  const found: Found[] = [];
  for (const name of names) {
    const pattern = new RegExp(
      `(?<![\\p{L}\\p{N}])${escapeRegExp(name).replace(/\s+/g, '\\s+')}(?![\\p{L}\\p{N}])`,
      'giu',
    );
    for (const match of text.matchAll(pattern)) {
      const start = match.index ?? 0;
      const end = start + match[0].length;
      if (claimed.some(([from, to]) => start < to && end > from)) continue;
      claimed.push([start, end]);
      found.push({ index: start, value: name });
    }
  }
  return inOrder(found);
}

function uniqueAmounts(amounts: readonly Amount[]): Amount[] {
  const seen = new Set<string>();
  return amounts.filter((amount) => {
    const key = `${amount.value}|${amount.currency ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function extractOffline(input: ExtractInput, options: ExtractOptions): ExtractedFields {
  const text = joinSubjectAndText(input);
  const emails = findAll(text, [EMAIL]);
  // An id inside an e-mail address ("order123@shop.com") is not an order id.
  const outsideEmails = (item: Found): boolean =>
    !emails.some((email) => item.index >= email.index && item.index < email.index + email.value.length);

  return {
    orderIds: inOrder(findAll(text, ORDER_PATTERNS).filter(outsideEmails)),
    accountIds: inOrder(findAll(text, ACCOUNT_PATTERNS).filter(outsideEmails)),
    emails: inOrder(emails, (email) => email.toLowerCase()),
    products: findProducts(text, options.products),
    amounts: uniqueAmounts(parseAmounts(text)),
  };
}
