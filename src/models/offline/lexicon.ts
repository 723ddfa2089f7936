// Keyword lists for sentiment, replies not needed, and the plain-code risk
// checks of routing (src/policy/risk-checks.ts), which err towards firing.
// Urgency and category use the rubric's own lexicons (lexicons/).
//
// All languages are searched for every ticket (customers mix languages, and
// detection can be wrong on short texts), so each list is simply the union of
// its per-language entries. Syntax (see `compileKeyword`): whole words,
// case-insensitive; `*` on either end allows extra letters on that side, for
// German compounds ("*ausfall" → "Serviceausfall") and English inflections.

import { keywordSet, type KeywordSet } from './text.js';

// ---------------------------------------------------------------- risk flags

export const REFUND_WORDS: KeywordSet = keywordSet(
  ['refund*', 'reimburse*', 'money back', 'chargeback', 'charge back', 'return my money',
    'credit back', 'compensation'],
  ['*erstattung', 'erstatten', 'erstattet', 'geld zurück', 'rückzahlung', 'zurückzahlen',
    'rückbuchung', 'entschädigung', 'gutschrift'],
  ['remboursement', 'rembourser', 'reembolso', 'reembolsar', 'rimborso', 'terugbetaling', 'geld terug'],
);

/** Threats of legal action, not compliance questions: those are common and harmless. */
export const LEGAL_WORDS: KeywordSet = keywordSet(
  ['lawyer*', 'attorney*', 'legal action', 'legal steps', 'lawsuit', 'sue', 'suing', 'court',
    'small claims', 'legal department', 'consumer protection', 'report you to', 'solicitor'],
  ['anwalt', 'anwält*', 'rechtsanwalt*', 'rechtliche schritte', 'rechtlichen schritte*', 'klage',
    'verklagen', 'gericht*', 'abmahnung', 'verbraucherzentrale', 'rechtsabteilung'],
  ['avocat', 'abogado', 'advogado', 'avvocato', 'advocaat', 'demanda', 'tribunal'],
);

/** Security incidents (something happened), not questions about security features. */
export const SECURITY_WORDS: KeywordSet = keywordSet(
  ['breach*', 'hacked', 'hacker*', 'hack', 'compromised', 'unauthorized', 'unauthorised', 'phishing',
    'malware', 'ransomware', 'virus', 'vulnerabilit*', 'exploit*', 'data leak*', 'leaked', 'stolen',
    'intrusion', 'cyberattack*', 'cyber attack*', 'suspicious login*', 'suspicious activity',
    'security incident', 'security issue', 'account takeover', 'identity theft', 'fraud*',
    'someone logged in', 'someone logged into', 'someone accessed', 'someone else', 'someone has access',
    'someone changed', 'login from another country', 'from another country', 'unknown login',
    'unrecognized login', 'unrecognised login', "wasn't me", 'was not me'],
  ['sicherheitsvorfall', 'sicherheitsvorfälle', 'sicherheitslücke*', 'sicherheitsverletzung*',
    'datenleck*', 'datenpanne', 'datenverletzung*', 'gehackt', 'hacker*', 'unbefugt*', 'unberechtigt*',
    'kompromittiert', 'cyberangriff*', 'angriff*', 'schadsoftware', 'betrug*', 'gestohlen',
    'verdächtig*', 'jemand hat sich', 'jemand anderes', 'fremder zugriff', 'fremde anmeldung',
    'unbekannte anmeldung', 'war nicht ich', 'aus einem anderen land'],
  ['piraté', 'hackeado', 'hackerato'],
);

export const DATA_LOSS_WORDS: KeywordSet = keywordSet(
  ['data loss', 'lost data', 'lost all', 'lost my', 'lost our', 'data was deleted', 'deleted all',
    'were deleted', 'was deleted', 'got deleted', 'wiped', 'corrupted', 'corruption', 'disappeared',
    'missing data', 'data is gone', 'files are gone', 'unrecoverable'],
  ['datenverlust*', 'daten verloren', 'daten sind weg', 'verlorene daten', 'gelöscht', 'beschädigt',
    'korrupt*', 'verschwunden', 'nicht wiederherstellbar'],
  ['perte de données', 'pérdida de datos', 'perda de dados', 'perdita di dati', 'dataverlies'],
);

export const OUTAGE_WORDS: KeywordSet = keywordSet(
  ['outage*', 'downtime', 'is down', 'are down', 'be down', 'been down', 'went down', 'site down', 'service down',
    'system down', 'server down', 'completely down', 'service unavailable', 'service disruption*',
    'not loading for anyone', 'nobody can', 'no one can', '503', '502', 'offline'],
  ['ausfall', 'ausfälle*', '*ausfall', '*ausfälle', 'störung', '*störung', 'nicht erreichbar',
    'komplett down', 'ist down', 'offline'],
  ['panne', 'caído', 'caída', 'fora do ar', 'interruzione', 'storing'],
);

export const CHURN_WORDS: KeywordSet = keywordSet(
  ['cancel my subscription', 'cancel our subscription', 'cancel my account', 'cancel our contract',
    'close my account', 'terminate my', 'terminate our', 'switch to another provider',
    'switching to', 'competitor*', 'take our business elsewhere', 'never use', 'last chance',
    'looking for alternatives', 'unsubscribe'],
  ['kündigen', 'kündigung', 'kündige', 'konkurrenz', 'anbieter wechseln', 'zu einem anderen anbieter',
    'vertrag beenden', 'konto schließen', 'letzte chance', 'nie wieder'],
  ['résilier', 'cancelar mi', 'cancelar minha', 'disdire', 'opzeggen'],
);

// ---------------------------------------------------------------- sentiment

export const ANGRY_WORDS: KeywordSet = keywordSet(
  ['unacceptable', 'ridiculous', 'outrageous', 'furious', 'disgusting', 'pathetic', 'worst',
    'scam', 'rip-off', 'ripoff', 'fed up', 'sick of', 'sick and tired', 'joke', 'incompetent',
    'useless', 'horrible', 'terrible', 'absurd', 'wtf', 'how dare', 'shameful', 'livid'],
  ['inakzeptabel', 'unverschämt*', 'frechheit', 'lächerlich', 'skandal*', 'katastrophe', 'wütend',
    'sauer', 'unmöglich', 'unfassbar', 'abzocke', 'betrug', 'zumutung', 'schlechteste*', 'nutzlos',
    'reicht mir', 'reicht jetzt'],
  ['inacceptable', 'inaceptable', 'inaceitável', 'inaccettabile', 'onacceptabel', 'vergonha'],
);

/**
 * Displeasure, not the mere report of a problem: almost every ticket has an
 * "issue" or an "error", and calling all of them negative would say nothing.
 */
export const NEGATIVE_WORDS: KeywordSet = keywordSet(
  ['disappointed', 'disappointing', 'frustrated', 'frustrating', 'frustration', 'annoyed', 'annoying',
    'unhappy', 'dissatisfied', 'upset', 'worried', 'still not', 'still no', 'still doesn\'t',
    'still broken', 'yet again', 'once again', 'yet another', 'poor', 'complain*', 'unfortunately',
    'several times', 'multiple times', 'third time', 'no response', 'nobody answered', 'waiting for days',
    'not acceptable', 'not happy', 'not satisfied', 'bad experience', 'inconvenience'],
  ['enttäuscht', 'enttäuschend', 'frustriert', 'frustrierend', 'ärgerlich', 'verärgert', 'unzufrieden',
    'leider', 'immer noch nicht', 'immer noch kein*', 'schon wieder', 'erneut', 'beschwer*', 'mehrmals',
    'mehrfach', 'keine antwort', 'nicht zufrieden', 'unannehmlichkeit*', 'schlecht*'],
  ['déçu', 'decepcionado', 'deluso', 'teleurgesteld', 'malheureusement', 'desafortunadamente'],
);

export const POSITIVE_WORDS: KeywordSet = keywordSet(
  ['great', 'excellent', 'awesome', 'amazing', 'love', 'fantastic', 'perfect', 'wonderful',
    'happy with', 'satisfied', 'pleased', 'impressed', 'works now', 'working now', 'solved',
    'resolved', 'brilliant', 'thank you so much', 'thanks so much', 'you guys rock'],
  ['super', 'toll', 'klasse', 'prima', 'perfekt', 'hervorragend', 'ausgezeichnet', 'zufrieden',
    'begeistert', 'funktioniert jetzt', 'klappt', 'gelöst', 'behoben', 'hilfreich', 'wunderbar'],
  ['génial', 'parfait', 'excelente', 'perfecto', 'perfeito', 'ottimo', 'perfetto', 'geweldig'],
);

// ---------------------------------------------------------------- replies not needed

/**
 * Words an acknowledgement is made of. A message consisting only of these
 * (and punctuation or emoji) needs no reply: "thanks!", "ok, got it",
 * "Danke, jetzt klappt es". Anything else ("but", "still", a question mark)
 * means the customer wants something.
 */
export const ACKNOWLEDGEMENT_TOKENS: ReadonlySet<string> = new Set([
  // en
  'ok', 'okay', 'k', 'kk', 'thanks', 'thank', 'thx', 'ty', 'tysm', 'you', 'so', 'much', 'very', 'a', 'lot',
  'many', 'got', 'it', 'great', 'perfect', 'cool', 'nice', 'awesome', 'sounds', 'good', 'all', 'set',
  'works', 'working', 'now', 'that', 'helped', 'fixed', 'solved', 'resolved', 'cheers', 'noted',
  'understood', 'sure', 'alright', 'fine', 'for', 'the', 'your', 'help', 'again', 'team', 'guys', 'folks',
  'appreciate', 'appreciated', 'much', 'wonderful', 'excellent', 'yes', 'yep', 'yeah', 'great', 'super',
  'everyone', 'is', 'was', 'this', 'will', 'do', 'have', 'nice', 'day', 'weekend', 'bye', 'and', 'oh',
  'ah', 'i', 'see', 'makes', 'sense', 'brilliant', 'lovely', 'quick', 'reply', 'response', 'support',
  // de
  'danke', 'dankeschön', 'vielen', 'dank', 'besten', 'herzlichen', 'lieben', 'schön', 'sehr', 'alles',
  'klar', 'gut', 'passt', 'prima', 'toll', 'perfekt', 'jetzt', 'klappt', 'funktioniert', 'es', 'wieder',
  'verstanden', 'erledigt', 'alles', 'in', 'ordnung', 'für', 'die', 'ihre', 'deine', 'hilfe', 'schnelle',
  'antwort', 'ja', 'gerne', 'gern', 'super', 'geht', 'wunderbar', 'top', 'ihnen', 'euch', 'auch', 'das',
  'hat', 'geholfen', 'schönen', 'tag', 'noch', 'gruß', 'grüße', 'lg', 'vg', 'mfg', 'problem', 'ist',
  'gelöst', 'behoben', 'issue', 'sorted', 'everything', 'now',
  // fr, es, pt, it, nl
  'merci', 'beaucoup', 'parfait', "d'accord", 'gracias', 'vale', 'perfecto', 'obrigado', 'obrigada',
  'grazie', 'mille', 'perfetto', 'bedankt', 'dank', 'je', 'wel', 'prima',
]);
