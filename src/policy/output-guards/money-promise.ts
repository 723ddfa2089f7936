/**
 * money_promise: trips on money (refunds, credits, discounts, free things,
 * approvals, amounts in any currency), legal positions (liability, warranty,
 * rights) and deadlines ("by Friday", "within 24 hours") in English, German,
 * French, Spanish, Portuguese, Italian and Dutch. Each is a commitment only a
 * human may make in our name, so any mention trips, promise or not: a tripped
 * draft waits for a reviewer, a passed one binds us.
 */
import { parseAmounts } from '../../models/offline/amounts.js';
import { keywordSet, type KeywordSet } from '../../models/offline/text.js';
import { keywordScanner, listed, matches, prepare } from './text.js';
import type { GuardCheckResult, GuardDraft, OutputGuard } from './types.js';

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

const MONEY = keywordScanner(MONEY_WORDS);
const LEGAL = keywordScanner(LEGAL_WORDS);
const DEADLINES = keywordScanner(DEADLINE_WORDS);

function moneyPromise(draft: GuardDraft): GuardCheckResult {
  const text = prepare(draft.text);
  const scan = text.replace(HARMLESS_MONEY_PHRASES, ' ');
  const found: string[] = [];
  const money = [...MONEY.scan(scan), ...matches(scan, PERCENT_OFF)];
  const amounts = [...parseAmounts(text).map((amount) => `${amount.value} ${amount.currency ?? ''}`.trim()), ...matches(text, OTHER_MONEY)];
  const legal = LEGAL.scan(scan);
  const deadlines = [...DEADLINES.scan(scan), ...matches(scan, DEADLINE_SPAN)];
  if (money.length > 0) found.push(`money words ${listed(money)}`);
  if (amounts.length > 0) found.push(`amounts ${listed(amounts)}`);
  if (legal.length > 0) found.push(`legal words ${listed(legal)}`);
  if (deadlines.length > 0) found.push(`deadlines ${listed(deadlines)}`);
  return found.length > 0 ? { tripped: true, info: found.join('; ') } : { tripped: false };
}

export const moneyPromiseGuard: OutputGuard = { name: 'money_promise', reason: 'guard_money_promise', check: moneyPromise };
