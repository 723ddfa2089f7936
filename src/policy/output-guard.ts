/**
 * Output guards: what every draft must pass before it may leave without a
 * human. A model that reads customer text can be talked into anything, so its
 * draft is checked by plain code, as data: each guard has a name, a reason
 * code (stored with the decision and shown on the card) and a pure check.
 *
 * The checks err towards tripping. A tripped draft is not lost, it only waits
 * for a reviewer; a bad draft that passes reaches the customer. Pure: no I/O,
 * no clock, no globals mutated (one bounded cache of system-prompt phrases).
 */
import { GUARD_REASON_CODES, type GuardReasonCode, type ReasonCode } from '../domain/index.js';
import { parseAmounts } from '../models/offline/amounts.js';
import { extractOffline } from '../models/offline/extractor.js';
import { detectLanguage } from '../models/offline/language.js';
import { compileKeyword, keywordSet, tokenize, type KeywordSet } from '../models/offline/text.js';
import { scrubSecrets } from './redaction.js';

// ---------------------------------------------------------------- the data model

export interface GuardDraft {
  text: string;
  /** The language the drafter says it wrote in (model output: a hint, not evidence). */
  language: string;
}

export interface GuardContext {
  /** Every customer message of the ticket, joined. */
  ticketText: string;
  /** The classification's language (ISO 639-1), or null when there is none. */
  customerLanguage: string | null;
  /** Canary strings planted in the system prompts (see PromptLibrary.canaries()). */
  canaries: readonly string[];
  /** Full system prompts the models saw (see PromptLibrary.systemPrompts()). */
  systemPrompts: readonly string[];
  /** Configured secret values (API keys, bot tokens, signing secrets). */
  secrets: readonly string[];
  /** Domains a draft may link to; subdomains included. Empty: no link passes. */
  linkDomains: readonly string[];
}

export interface GuardCheckResult {
  tripped: boolean;
  /** For the reviewer: what tripped, in a few words. Never contains a secret. */
  info?: string;
}

export interface OutputGuard {
  readonly name: string;
  readonly reason: ReasonCode;
  check(draft: GuardDraft, context: GuardContext): GuardCheckResult;
}

export interface GuardTrip {
  name: string;
  reason: ReasonCode;
  info: string;
}

export interface GuardVerdict {
  /** True when no guard tripped: the draft may be sent without a human (if policy allows). */
  passed: boolean;
  tripped: GuardTrip[];
}

/** The reason codes of the built-in guards, in the order the guards run (defined with the other reason codes). */
export const OUTPUT_GUARD_REASONS = GUARD_REASON_CODES;
export type OutputGuardReason = GuardReasonCode;

// ---------------------------------------------------------------- shared helpers

/**
 * Folds look-alikes before any check: NFKC turns full-width and other
 * compatibility forms into plain letters ("ｈｔｔｐ" → "http"), and format
 * characters (zero-width spaces, joiners, bidi controls) are dropped so they
 * cannot split a word, a canary or a domain.
 */
function prepare(text: string): string {
  return text.normalize('NFKC').replace(/\p{Cf}/gu, '');
}

/** Lower-case letters and digits only: "TB-Canary draft 9F" → "tbcanarydraft9f". */
function squash(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

const MAX_LISTED = 5;

/** `"a", "b", "c" (+2 more)`: a short, quoted list for `info`. */
function listed(values: readonly string[]): string {
  const unique = [...new Set(values.map((value) => value.replace(/\s+/g, ' ').trim()))];
  const shown = unique.slice(0, MAX_LISTED).map((value) => `"${value.length > 60 ? `${value.slice(0, 59)}…` : value}"`);
  return unique.length > MAX_LISTED ? `${shown.join(', ')} (+${unique.length - MAX_LISTED} more)` : shown.join(', ');
}

/** One alternation of a keyword set's compiled patterns, to scan a text once and see what matched. */
function combined(set: KeywordSet): RegExp {
  return new RegExp(set.keywords.map((keyword) => compileKeyword(keyword).source).join('|'), 'giu');
}

function matches(text: string, pattern: RegExp): string[] {
  return [...text.matchAll(pattern)].map((match) => match[0]);
}

/** A language tag's primary subtag, lower-cased: "pt-BR" → "pt". */
function primaryLanguage(code: string): string {
  return code.trim().toLowerCase().split(/[-_]/)[0] ?? '';
}

// ---------------------------------------------------------------- money_promise

/**
 * Money in our voice: refunds, credits, compensation, discounts, free things,
 * approvals. Any mention trips, promise or not: a draft that talks about a
 * refund is one a human should read. Same keyword syntax as the offline
 * lexicon (whole words, `*` for inflections and compounds).
 */
const MONEY_WORDS: KeywordSet = keywordSet(
  ['refund*', 'reimburs*', 'compensat*', 'credit', 'credits', 'credited', 'crediting', 'store credit',
    'discount*', 'voucher*', 'coupon*', 'gift card*', 'promo code*', 'free of charge', 'for free',
    'free month*', 'free upgrade*', 'at no cost', 'at no charge', 'no charge', 'no extra cost',
    'no additional cost', 'waive*', 'money', 'cashback', 'cash back', 'chargeback*', 'payout*',
    'pay you', 'pay back', 'paid back', 'repay*', 'goodwill', 'approved', 'on the house',
    'percent off', 'price match*', 'complimentary'],
  ['*erstattung', '*erstattungen', 'erstatt*', 'zurückerstatt*', 'rückzahlung*', 'zurückzahl*',
    'zurücküberweis*', 'zurücküberwiesen', 'gutschrift*', 'gutgeschrieben', 'gutschreiben', 'entschädig*',
    'kompensation', 'rabatt*', 'preisnachlass', 'nachlass', 'gutschein*', 'kulanz*', 'kostenlos*',
    'gratis', 'geld', 'auszahl*', 'genehmigt', 'bewilligt'],
  ['rembours*', 'dédommag*', 'indemnis*', 'indemnit*', 'compensation*', 'compenser', 'crédit', 'crédits',
    'crédité*', 'réduction*', 'remise*', "bon d'achat", 'code promo', 'geste commercial', 'gratuit*',
    'sans frais', 'argent', 'approuvé*', 'accordé*'],
  ['reembols*', 'devolución del dinero', 'devolveremos', 'indemniz*', 'compensación', 'compensar*',
    'crédito*', 'descuento*', 'rebaja*', 'cupón', 'cupones', 'bonificación*', 'abono*', 'gratis',
    'sin coste', 'sin costo', 'dinero', 'aprobad*'],
  ['estorn*', 'ressarc*', 'indeniza*', 'compensação', 'desconto*', 'cupom', 'cupão', 'vale-presente',
    'grátis', 'sem custo*', 'dinheiro', 'devolução do dinheiro', 'aprovad*'],
  ['rimbors*', 'risarc*', 'indennizz*', 'compensazion*', 'credito', 'crediti', 'accredit*', 'sconto',
    'sconti', 'buono sconto', 'buono regalo', 'senza costi', 'soldi', 'denaro', 'approvat*'],
  ['terugbetal*', 'terugstort*', 'geld terug', 'vergoed*', 'compensatie', 'schadevergoeding', 'creditnota',
    'tegoed', 'korting*', 'waardebon*', 'cadeaubon*', 'kosteloos', 'goedgekeurd', 'gecrediteerd'],
);

/** Legal positions: liability, warranty, guarantees, compliance, rights, data-protection law. */
const LEGAL_WORDS: KeywordSet = keywordSet(
  ['liab*', 'warrant*', 'guarant*', 'compliance', 'compliant', 'not responsible', 'no responsibility',
    'not accountable', 'held responsible', 'our fault', 'at fault', 'legally', 'legal', 'lawful*',
    'unlawful*', 'illegal*', 'law', 'laws', 'gdpr', 'ccpa', 'hipaa', 'data protection', 'privacy law*',
    'consumer rights', 'statutory', 'entitled', 'entitlement*', 'your rights', 'breach of contract',
    'court', 'lawsuit*', 'lawyer*', 'attorney*', 'indemnif*', 'contractual*', 'legally binding'],
  ['haftung*', 'haften', 'haftet', 'haftbar', 'gewährleistung*', 'garantie*', 'garantier*',
    'nicht verantwortlich', 'keine verantwortung', 'rechtlich*', 'gesetzlich*', 'rechtsanspruch',
    'anspruch auf', 'ansprüche', 'rechtens', 'rechtswidrig*', 'dsgvo', 'datenschutz*', 'verbraucherrecht*',
    'widerrufsrecht', 'gericht', 'gerichte', 'gerichts*', 'gerichtlich*', 'anwalt*', 'anwält*', 'vertraglich*', 'verbindlich'],
  ['responsabilit*', 'pas responsable*', 'garanti*', 'conformité', 'légal*', 'illégal*', 'juridique*',
    'rgpd', 'protection des données', 'droit de rétractation', 'avez droit', 'vos droits', 'tribunal*',
    'avocat*', 'contractuel*'],
  ['responsabilidad*', 'no somos responsables', 'no nos hacemos responsables', 'garantí*', 'garantiz*',
    'cumplimiento normativo', 'legalmente', 'ilegal*', 'jurídic*', 'protección de datos', 'tiene derecho',
    'sus derechos', 'abogad*'],
  ['responsabilidade*', 'não somos responsáveis', 'garantia*', 'garantimos', 'conformidade', 'lgpd',
    'proteção de dados', 'tem direito', 'seus direitos', 'advogad*'],
  ['responsabilità', 'non siamo responsabili', 'garanzi*', 'garantiamo', 'garantit*', 'conformità',
    'legale', 'illegale', 'giuridic*', 'protezione dei dati', 'ha diritto', 'suoi diritti', 'tribunale',
    'avvocat*'],
  ['aansprakelijk*', 'niet verantwoordelijk', 'garander*', 'gegarandeerd', 'naleving', 'wettelijk*',
    'juridisch*', 'avg', 'gegevensbescherming', 'recht op', 'rechtbank', 'advocaat*'],
);

const WEEKDAYS = {
  en: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'tomorrow', 'tonight', 'the end of', 'end of'],
  de: ['montag', 'dienstag', 'mittwoch', 'donnerstag', 'freitag', 'samstag', 'sonntag', 'morgen', 'übermorgen', 'ende', 'zum ende', 'monatsende', 'wochenende'],
  fr: ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche', 'demain', 'la fin'],
  es: ['lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo', 'mañana', 'fin de'],
  pt: ['segunda', 'terça', 'quarta', 'quinta', 'sexta', 'sábado', 'domingo', 'amanhã', 'o fim', 'o final'],
  it: ['lunedì', 'martedì', 'mercoledì', 'giovedì', 'venerdì', 'sabato', 'domenica', 'domani', 'la fine', 'fine'],
  nl: ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag', 'morgen', 'overmorgen', 'het einde', 'eind'],
} as const;

/** "by Friday", "bis Montag", "d'ici demain": a deadline word after a deadline preposition. */
const DEADLINE_BY: Readonly<Record<keyof typeof WEEKDAYS, readonly string[]>> = {
  en: ['by', 'until', 'before', 'no later than'],
  de: ['bis', 'bis zum', 'bis spätestens', 'spätestens'],
  fr: ["d'ici", "jusqu'à", 'avant'],
  es: ['para el', 'antes del', 'hasta el', 'para'],
  pt: ['até', 'antes de'],
  it: ['entro', 'prima di', 'entro la'],
  nl: ['voor', 'vóór', 'uiterlijk'],
};

/** Deadline words that need no preposition. Ambiguous ones ("Morgen", "mañana") only in phrases above. */
const DEADLINE_WORDS: KeywordSet = keywordSet(
  ['tomorrow', 'at the latest', 'no later than', 'end of business', 'end of day', 'eod', 'later today',
    'by today', 'guaranteed by'],
  ['spätestens', 'übermorgen', 'noch heute', 'heute noch', 'morgen früh', 'bis morgen'],
  ['demain', 'au plus tard', "aujourd'hui même", 'dans la journée'],
  ['a más tardar', 'pasado mañana', 'mañana mismo', 'hoy mismo', 'para mañana'],
  ['amanhã', 'o mais tardar', 'ainda hoje', 'no máximo até'],
  ['domani', 'al più tardi', 'oggi stesso', 'entro oggi', 'entro e non oltre'],
  ['uiterlijk', 'overmorgen', 'vandaag nog', 'voor morgen', 'morgen al'],
  Object.entries(DEADLINE_BY).flatMap(([language, prepositions]) =>
    prepositions.flatMap((preposition) => WEEKDAYS[language as keyof typeof WEEKDAYS].map((day) => `${preposition} ${day}`)),
  ),
);

const DEADLINE_PREPOSITIONS = [
  'within', 'in', 'inside', 'under', 'by', 'over the next', 'in the next', 'within the next', 'in less than',
  'innerhalb', 'innerhalb von', 'innerhalb der nächsten', 'binnen', 'in den nächsten', 'in weniger als',
  'sous', 'dans', 'dans les', "d'ici", 'en', 'en moins de',
  'dentro de', 'en los próximos', 'en las próximas', 'en un plazo de', 'en menos de',
  'em', 'nos próximos', 'nas próximas', 'no prazo de', 'em menos de',
  'entro', 'tra', 'fra', 'nei prossimi', 'nelle prossime', 'in meno di',
  'over', 'de komende', 'binnen de', 'in minder dan',
];
const NUMBER_WORDS = [
  'a', 'an', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'ten', 'a few', 'a couple of', 'few', 'several',
  'ein', 'eine', 'einem', 'einer', 'einen', 'zwei', 'drei', 'vier', 'fünf', 'sechs', 'sieben', 'zehn', 'wenigen', 'paar',
  'un', 'une', 'deux', 'trois', 'quatre', 'cinq', 'quelques',
  'una', 'unos', 'unas', 'dos', 'tres', 'cuatro', 'cinco', 'pocos', 'pocas',
  'um', 'uma', 'dois', 'duas', 'três', 'alguns', 'algumas', 'poucos', 'poucas',
  'due', 'tre', 'quattro', 'cinque', 'pochi', 'poche', 'qualche',
  'een', 'twee', 'drie', 'vijf', 'enkele',
];
const TIME_UNITS = [
  'hours?', 'hrs?', 'h', 'days?', 'weeks?', 'months?', 'business days?', 'working days?',
  'stunden?', 'tage?n?', 'werktage?n?', 'wochen?', 'monate?n?', 'monat',
  'heures?', 'jours?', 'semaines?', 'mois',
  'horas?', 'días?', 'semanas?', 'mes', 'meses', 'dias?', 'mês',
  'ore', 'ora', 'giorni', 'giorno', 'settimane', 'settimana', 'mesi', 'mese',
  'uur', 'uren', 'dagen', 'dag', 'werkdagen', 'werkdag', 'weken', 'week', 'maanden', 'maand',
];
/** Longest first; words are letters, spaces and apostrophes (units may carry a regex `?`). */
const alternation = (words: readonly string[]): string =>
  [...words]
    .sort((left, right) => right.length - left.length)
    .map((word) => word.replace(/'/g, "['’]").replace(/ /g, '\\s+'))
    .join('|');
/** "within 24 hours", "in 2 days", "innerhalb von 3 Werktagen", "sous 48 h", "entro due giorni". */
const DEADLINE_SPAN = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:${alternation(DEADLINE_PREPOSITIONS)})\s+(?:\d+(?:[.,]\d+)?(?:\s*[-–/]\s*\d+)?|(?:${alternation(NUMBER_WORDS)})(?![\p{L}\p{N}]))\s*(?:[\p{L}-]+\s+)?(?:${alternation(TIME_UNITS)})(?![\p{L}\p{N}])`,
  'giu',
);

/** "20% off": the percent sign defeats whole-word matching, so it gets its own pattern. */
const PERCENT_OFF = /\d\s*%\s*(?:off|discount)(?![\p{L}\p{N}])/giu;
/** Currency beyond `parseAmounts`: any currency symbol next to a digit (¥, ₹, R$, …), ISO codes, currency words. */
const OTHER_MONEY = new RegExp(
  [
    String.raw`\p{Sc}\s?\d(?:[\d.,']*\d)?`,
    String.raw`(?<![\d.,'])\d(?:[\d.,']*\d)?\s?\p{Sc}`,
    String.raw`(?<![\p{L}])(?:USD|EUR|GBP|CHF|JPY|CAD|AUD|BRL|MXN|SEK|NOK|DKK|PLN|INR|CNY)\s?\d`,
    String.raw`\d(?:[\d.,'\s]*\d)?\s?(?:USD|EUR|GBP|CHF|JPY|CAD|AUD|BRL|MXN|SEK|NOK|DKK|PLN|INR|CNY|euros?|dollars?|dólar(?:es)?|dollari|reais|pesos?|pounds?|libras?|sterlin[ag]|franken|francs?|franchi|kronen|kr|yen|yuan|rupees?|cents?|centavos?|céntimos?|centesimi|bucks)(?![\p{L}])`,
  ].join('|'),
  'giu',
);

/** Phrases with a money word that promise nothing; blanked before the money scan. */
const HARMLESS_MONEY_PHRASES = /\b(?:credit[-\s]?cards?|creditcards?|cartes? de crédit|tarjetas? de crédito|cartões? de crédito|carte di credito|carta di credito)\b/giu;

const MONEY_PATTERN = combined(MONEY_WORDS);
const LEGAL_PATTERN = combined(LEGAL_WORDS);
const DEADLINE_PATTERN = combined(DEADLINE_WORDS);

function moneyPromise(draft: GuardDraft): GuardCheckResult {
  const text = prepare(draft.text);
  const scan = text.replace(HARMLESS_MONEY_PHRASES, ' ');
  const found: string[] = [];
  const money = [...matches(scan, MONEY_PATTERN), ...matches(scan, PERCENT_OFF)];
  const amounts = [...parseAmounts(text).map((amount) => `${amount.value} ${amount.currency ?? ''}`.trim()), ...matches(text, OTHER_MONEY)];
  const legal = matches(scan, LEGAL_PATTERN);
  const deadlines = [...matches(scan, DEADLINE_PATTERN), ...matches(scan, DEADLINE_SPAN)];
  if (money.length > 0) found.push(`money words ${listed(money)}`);
  if (amounts.length > 0) found.push(`amounts ${listed(amounts)}`);
  if (legal.length > 0) found.push(`legal words ${listed(legal)}`);
  if (deadlines.length > 0) found.push(`deadlines ${listed(deadlines)}`);
  return found.length > 0 ? { tripped: true, info: found.join('; ') } : { tripped: false };
}

// ---------------------------------------------------------------- prompt_leak

/** A quote of this many consecutive words of a system prompt is a leak. */
export const LEAK_RUN_WORDS = 8;
/** Canary pieces this long are distinctive enough to look for on their own. */
const CANARY_PIECE_LENGTH = 8;

const PHRASE_CACHE_LIMIT = 64;
const phraseCache = new Map<string, ReadonlySet<string>>();

function runsOf(words: readonly string[]): Set<string> {
  const set = new Set<string>();
  for (let index = 0; index + LEAK_RUN_WORDS <= words.length; index++) set.add(words.slice(index, index + LEAK_RUN_WORDS).join(' '));
  return set;
}

/** Every run of LEAK_RUN_WORDS words of a system prompt, lower-cased, punctuation and spacing ignored. */
function phrases(text: string): ReadonlySet<string> {
  const cached = phraseCache.get(text);
  if (cached) return cached;
  const set = runsOf(tokenize(prepare(text)));
  if (phraseCache.size >= PHRASE_CACHE_LIMIT) phraseCache.delete(phraseCache.keys().next().value ?? '');
  phraseCache.set(text, set);
  return set;
}

function promptLeak(draft: GuardDraft, context: GuardContext): GuardCheckResult {
  const text = prepare(draft.text);
  const flat = squash(text);
  const lower = text.toLowerCase();
  const canaries = context.canaries.filter((canary) => {
    const whole = squash(canary);
    if (whole.length === 0) return false;
    if (lower.includes(canary.toLowerCase()) || flat.includes(whole)) return true;
    // The random part alone ("9664cd596272035c"), however the model dressed it up.
    return canary
      .split(/[^\p{L}\p{N}]+/u)
      .some((piece) => piece.length >= CANARY_PIECE_LENGTH && /\d/.test(piece) && flat.includes(piece.toLowerCase()));
  });
  if (canaries.length > 0) return { tripped: true, info: `contains ${canaries.length === 1 ? 'a prompt canary' : `${canaries.length} prompt canaries`}` };

  // Words the customer wrote are theirs to hear back: the prompts' examples
  // are ordinary support messages ("How do I export my reports to CSV?"), and
  // a reply that quotes the customer discloses nothing. Any run beyond what
  // the customer wrote still trips.
  const words = tokenize(text);
  const own = runsOf(tokenize(prepare(context.ticketText)));
  for (const system of context.systemPrompts) {
    const known = phrases(system);
    for (let index = 0; index + LEAK_RUN_WORDS <= words.length; index++) {
      const run = words.slice(index, index + LEAK_RUN_WORDS).join(' ');
      if (known.has(run) && !own.has(run)) return { tripped: true, info: `quotes a system prompt: ${listed([`${run}…`])}` };
    }
  }
  return { tripped: false };
}

// ---------------------------------------------------------------- secret

/** Configured values shorter than this are not looked for: they would match ordinary words. */
const MIN_SECRET_LENGTH = 8;

function secret(draft: GuardDraft, context: GuardContext): GuardCheckResult {
  const text = prepare(draft.text);
  const flat = squash(text);
  const lower = text.toLowerCase();
  const hits = context.secrets.filter((value) => {
    const raw = value.trim();
    if (raw.length < MIN_SECRET_LENGTH) return false;
    const forms = [raw, encodeURIComponent(raw), JSON.stringify(raw).slice(1, -1)].map((form) => form.toLowerCase());
    const whole = squash(raw);
    return forms.some((form) => lower.includes(form)) || (whole.length >= MIN_SECRET_LENGTH && flat.includes(whole));
  });
  const patterned = scrubSecrets(text) !== text;
  // Never echo the value: info is shown on a card and stored.
  const parts = [
    ...(hits.length > 0 ? [`${hits.length === 1 ? 'a configured secret' : `${hits.length} configured secrets`}`] : []),
    ...(patterned ? ['a token-like string (API key, bot token or bearer credential)'] : []),
  ];
  return parts.length > 0 ? { tripped: true, info: `contains ${parts.join(' and ')}` } : { tripped: false };
}

// ---------------------------------------------------------------- link

/** Anything with a scheme and `//` (also `\\`, which browsers read as `//`). */
const SCHEME_URL = /(?<![\p{L}\p{N}+.-])[a-z][a-z0-9+.-]{0,30}:(?:\/\/|\\\\)[^\s<>"'`|)\]]*/giu;
const MAILTO = /(?<![\p{L}\p{N}])mailto:[^\s<>"'`|)\]]*/giu;
/** Schemes that run or embed content and have no domain to allow ("JavaScript: on" in prose is not one). */
const SCRIPT_SCHEME = /(?<![\p{L}\p{N}])(?:(?:javascript|vbscript):(?=\S)|data:[a-z]+\/[a-z0-9.+-]+[;,])[^\s<>"'`|)\]]*/giu;
const WWW = /(?<![\p{L}\p{N}.@-])www\d{0,3}\.[^\s<>"'`|)\]]+/giu;
const GENERIC_TLDS = [
  'com', 'net', 'org', 'edu', 'gov', 'mil', 'int', 'info', 'biz', 'app', 'dev', 'xyz', 'online', 'site',
  'shop', 'store', 'tech', 'cloud', 'link', 'click', 'top', 'live', 'news', 'blog', 'page', 'email',
  'support', 'help', 'website', 'space', 'world', 'today', 'network', 'systems', 'digital', 'agency',
  'solutions', 'services', 'company', 'zip', 'mov', 'icu', 'club', 'vip', 'pro', 'mobi', 'name', 'io',
];
/** Country-code TLDs (ISO 3166 plus uk, eu, ac, su): "node.js" is no link, "install.sh" might be one. */
const COUNTRY_TLDS = [
  'ac', 'ad', 'ae', 'af', 'ag', 'ai', 'al', 'am', 'ao', 'aq', 'ar', 'as', 'at', 'au', 'aw', 'ax', 'az', 'ba', 'bb',
  'bd', 'be', 'bf', 'bg', 'bh', 'bi', 'bj', 'bm', 'bn', 'bo', 'br', 'bs', 'bt', 'bw', 'by', 'bz', 'ca', 'cc', 'cd',
  'cf', 'cg', 'ch', 'ci', 'ck', 'cl', 'cm', 'cn', 'co', 'cr', 'cu', 'cv', 'cw', 'cx', 'cy', 'cz', 'de', 'dj', 'dk',
  'dm', 'do', 'dz', 'ec', 'ee', 'eg', 'er', 'es', 'et', 'eu', 'fi', 'fj', 'fk', 'fm', 'fo', 'fr', 'ga', 'gd', 'ge',
  'gf', 'gg', 'gh', 'gi', 'gl', 'gm', 'gn', 'gp', 'gq', 'gr', 'gs', 'gt', 'gu', 'gw', 'gy', 'hk', 'hm', 'hn', 'hr',
  'ht', 'hu', 'id', 'ie', 'il', 'im', 'in', 'io', 'iq', 'ir', 'is', 'it', 'je', 'jm', 'jo', 'jp', 'ke', 'kg', 'kh',
  'ki', 'km', 'kn', 'kp', 'kr', 'kw', 'ky', 'kz', 'la', 'lb', 'lc', 'li', 'lk', 'lr', 'ls', 'lt', 'lu', 'lv', 'ly',
  'ma', 'mc', 'md', 'me', 'mg', 'mh', 'mk', 'ml', 'mm', 'mn', 'mo', 'mp', 'mq', 'mr', 'ms', 'mt', 'mu', 'mv', 'mw',
  'mx', 'my', 'mz', 'na', 'nc', 'ne', 'nf', 'ng', 'ni', 'nl', 'no', 'np', 'nr', 'nu', 'nz', 'om', 'pa', 'pe', 'pf',
  'pg', 'ph', 'pk', 'pl', 'pm', 'pn', 'pr', 'ps', 'pt', 'pw', 'py', 'qa', 're', 'ro', 'rs', 'ru', 'rw', 'sa', 'sb',
  'sc', 'sd', 'se', 'sg', 'sh', 'si', 'sk', 'sl', 'sm', 'sn', 'so', 'sr', 'ss', 'st', 'su', 'sv', 'sx', 'sy', 'sz',
  'tc', 'td', 'tf', 'tg', 'th', 'tj', 'tk', 'tl', 'tm', 'tn', 'to', 'tr', 'tt', 'tv', 'tw', 'tz', 'ua', 'ug', 'uk',
  'us', 'uy', 'uz', 'va', 'vc', 've', 'vg', 'vi', 'vn', 'vu', 'wf', 'ws', 'ye', 'yt', 'za', 'zm', 'zw',
];
/**
 * "docs.acme.io/reset", "evil.co": a dotted name ending in a known TLD, not
 * part of an e-mail address (nothing after it but an optional port and path;
 * a sentence's closing period is fine).
 */
const BARE_DOMAIN = new RegExp(
  String.raw`(?<![\p{L}\p{N}@._-])(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+(?:${[...GENERIC_TLDS, ...COUNTRY_TLDS].join('|')})(?![\p{L}\p{N}@-]|\.[\p{L}\p{N}])(?::\d{1,5})?(?:[/?#][^\s<>"'\x60|)\]]*)?`,
  'giu',
);

function hostOf(candidate: string): string | null {
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(candidate) ? candidate.replace(/^([a-z][a-z0-9+.-]*:)\\\\/i, '$1//') : `http://${candidate}`);
    return url.hostname.replace(/\.$/, '').toLowerCase() || null;
  } catch {
    return null;
  }
}

/** An allowlist entry as a bare host: "https://Docs.Acme.io/" and "*.acme.io" become "docs.acme.io" and "acme.io". */
function allowedHost(entry: string): string | null {
  const trimmed = entry.trim().replace(/^\*?\./, '');
  if (!trimmed) return null;
  return hostOf(trimmed);
}

function onAllowlist(host: string, allowed: readonly string[]): boolean {
  return allowed.some((domain) => host === domain || host.endsWith(`.${domain}`));
}

function link(draft: GuardDraft, context: GuardContext): GuardCheckResult {
  let text = prepare(draft.text);
  const allowed = context.linkDomains.map(allowedHost).filter((host): host is string => host !== null);
  const refused: string[] = [];
  const take = (pattern: RegExp, host: (match: string) => string | null): void => {
    text = text.replace(pattern, (match) => {
      const found = host(match);
      if (found === null || !onAllowlist(found, allowed)) refused.push(found ?? match);
      return ' '.repeat(match.length);
    });
  };
  take(MAILTO, (match) => {
    const address = decodeURIComponentSafe(match.slice('mailto:'.length)).split(/[?#]/)[0] ?? '';
    const at = address.lastIndexOf('@');
    return at > 0 ? hostOf(address.slice(at + 1)) : null;
  });
  take(SCRIPT_SCHEME, () => null);
  take(SCHEME_URL, hostOf);
  take(WWW, hostOf);
  take(BARE_DOMAIN, hostOf);
  return refused.length > 0 ? { tripped: true, info: `links outside the allowed domains: ${listed(refused)}` } : { tripped: false };
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

// ---------------------------------------------------------------- foreign_data

/**
 * The offline extractor's text normalisation drops `<…>` spans up to 40
 * characters (placeholders, chat mentions), which would hide `<x@y.com>`.
 * Angle brackets become spaces here so nothing inside them is missed.
 */
function unbracket(text: string): string {
  return prepare(text).replace(/[<>]/g, ' ');
}

function normalizeId(id: string): string {
  return id.toLowerCase().replace(/^#/, '').replace(/[\s-]/g, '');
}

function foreignData(draft: GuardDraft, context: GuardContext): GuardCheckResult {
  const options = { products: [] };
  const ticketText = unbracket(context.ticketText);
  const fromTicket = extractOffline({ text: ticketText }, options);
  const fromDraft = extractOffline({ text: unbracket(draft.text) }, options);

  const ticketIds = new Set([...fromTicket.orderIds, ...fromTicket.accountIds].map(normalizeId));
  for (const token of ticketText.split(/[^\p{L}\p{N}#-]+/u)) if (token) ticketIds.add(normalizeId(token));
  const ticketLower = ticketText.toLowerCase();
  const ticketEmails = new Set(fromTicket.emails.map((email) => email.toLowerCase()));

  const ids = [...fromDraft.orderIds, ...fromDraft.accountIds].filter((id) => !ticketIds.has(normalizeId(id)));
  const emails = fromDraft.emails.filter((email) => !ticketEmails.has(email.toLowerCase()) && !ticketLower.includes(email.toLowerCase()));
  const parts = [
    ...(ids.length > 0 ? [`ids not in the ticket ${listed(ids)}`] : []),
    ...(emails.length > 0 ? [`e-mail addresses not in the ticket ${listed(emails)}`] : []),
  ];
  return parts.length > 0 ? { tripped: true, info: parts.join('; ') } : { tripped: false };
}

// ---------------------------------------------------------------- language

/**
 * Detection on the draft must be at least this sure before the guard trips.
 * `detectLanguage` scores 0.3 for "no evidence" and rises with the margin over
 * the runner-up and the amount of evidence; a one-line "Danke!" stays near 0.45.
 */
export const LANGUAGE_MIN_CONFIDENCE = 0.6;
/** ...and must rest on at least this much weighted function-word evidence. */
export const LANGUAGE_MIN_EVIDENCE = 3;

function language(draft: GuardDraft, context: GuardContext): GuardCheckResult {
  let expected = context.customerLanguage ? primaryLanguage(context.customerLanguage) : '';
  if (!expected) {
    const ticket = detectLanguage(context.ticketText);
    if (ticket.confidence < LANGUAGE_MIN_CONFIDENCE || ticket.evidence < LANGUAGE_MIN_EVIDENCE) return { tripped: false };
    expected = ticket.language;
  }
  const detected = detectLanguage(prepare(draft.text));
  const sure = detected.confidence >= LANGUAGE_MIN_CONFIDENCE && detected.evidence >= LANGUAGE_MIN_EVIDENCE;
  if (!sure || detected.language === expected) return { tripped: false };
  const declared = primaryLanguage(draft.language);
  const note = declared && declared !== detected.language ? ` (the drafter said "${declared}")` : '';
  return { tripped: true, info: `draft reads as "${detected.language}" (confidence ${detected.confidence}), the customer's language is "${expected}"${note}` };
}

// ---------------------------------------------------------------- the list

export const moneyPromiseGuard: OutputGuard = { name: 'money_promise', reason: 'guard_money_promise', check: moneyPromise };
export const promptLeakGuard: OutputGuard = { name: 'prompt_leak', reason: 'guard_prompt_leak', check: promptLeak };
export const secretGuard: OutputGuard = { name: 'secret', reason: 'guard_secret', check: secret };
export const linkGuard: OutputGuard = { name: 'link', reason: 'guard_link', check: link };
export const foreignDataGuard: OutputGuard = { name: 'foreign_data', reason: 'guard_foreign_data', check: foreignData };
export const languageGuard: OutputGuard = { name: 'language', reason: 'guard_language', check: language };

export const OUTPUT_GUARDS: readonly OutputGuard[] = [
  moneyPromiseGuard,
  promptLeakGuard,
  secretGuard,
  linkGuard,
  foreignDataGuard,
  languageGuard,
];

/**
 * Runs every guard on the draft. A guard that throws counts as tripped (fail
 * closed): a check we could not run is not a check that passed.
 */
export function runOutputGuards(draft: GuardDraft, context: GuardContext, guards: readonly OutputGuard[] = OUTPUT_GUARDS): GuardVerdict {
  const tripped: GuardTrip[] = [];
  for (const guard of guards) {
    let result: GuardCheckResult;
    try {
      result = guard.check(draft, context);
    } catch (error) {
      result = { tripped: true, info: `check failed: ${scrubSecrets(error instanceof Error ? error.message : String(error))}` };
    }
    if (result.tripped) tripped.push({ name: guard.name, reason: guard.reason, info: result.info ?? guard.name.replace(/_/g, ' ') });
  }
  return { passed: tripped.length === 0, tripped };
}
