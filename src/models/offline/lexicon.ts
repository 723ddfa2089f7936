// Keyword lists for the offline classifier, one concept per list.
//
// All languages are searched for every ticket (customers mix languages, and
// detection can be wrong on short texts), so each list is simply the union of
// its per-language entries. English and German are curated against the
// labelled ticket set; French, Spanish, Portuguese, Italian and Dutch carry the
// obvious words only. Syntax (see `compileKeyword`): whole words,
// case-insensitive; `*` on either end allows extra letters on that side, for
// German compounds ("*ausfall" → "Serviceausfall") and English inflections.

import { keywordSet, type KeywordSet } from './text.js';

// ---------------------------------------------------------------- urgency

/** The customer says it is urgent. Strong, but customers also say it politely. */
export const URGENT_WORDS: KeywordSet = keywordSet(
  ['urgent', 'urgently', 'asap', 'as soon as possible', 'immediately', 'immediate', 'emergency',
    'right away', 'as quickly as possible', 'quickly', 'promptly', 'at the earliest', 'top priority', 'high priority', 'highest priority', 'time-sensitive', 'time sensitive'],
  ['dringend*', 'dringlich*', 'so schnell wie möglich', 'schnellstmöglich*', 'sofort*', 'umgehend*',
    'notfall', 'eilig', 'zügig', 'zeitnah*', 'höchste priorität', 'hohe priorität', 'zeitkritisch*'],
  ['urgence', 'immédiatement', 'urgente', 'urgentemente', 'inmediatamente', 'imediatamente',
    'subito', 'spoed', 'onmiddellijk'],
);

/** The problem is severe or wide: business impact, many users, things down. */
export const SEVERE_WORDS: KeywordSet = keywordSet(
  ['critical', 'severe', 'severely', 'serious', 'seriously', 'major', 'significant', 'significantly',
    'outage*', 'downtime', 'is down', 'are down', 'be down', 'been down', 'went down', 'goes down',
    'completely down',
    'crash*', 'failure*', 'failing', 'disrupt*', 'interruption*', 'breakdown', 'halted', 'stopped working',
    'not working', 'cannot access', "can't access", 'unable to access', 'inaccessible', 'unavailable',
    'offline', 'blocking', 'blocked', 'production', 'all users', 'entire', 'business operations',
    'operations', 'deadline*', 'revenue', 'malfunction*', 'extensive', 'widespread', 'impacting', 'affecting', 'hindering', 'hampering', 'hampers',
    'standstill', 'affected', 'several', 'multiple', 'everyone', 'all employees', 'whole system',
    'entire system', 'broken', 'cannot log in', "can't log in", 'unable to log in', 'locked out',
    'error 500', 'nothing works'],
  ['kritisch*', 'schwerwiegend*', 'gravierend*', 'erheblich*', 'massiv*', 'ausfall', 'ausfälle*',
    '*ausfall', '*ausfälle', 'störung*', '*störung', '*störungen', 'absturz', '*absturz', 'abgestürzt',
    'stürzt', 'funktioniert nicht', 'funktionieren nicht', 'nicht erreichbar', 'kein zugriff',
    'keinen zugriff', 'nicht verfügbar', 'unterbrech*', 'beeinträchtig*', 'betrieb', '*betrieb',
    'stillstand', 'blockiert', 'produktion*', 'alle nutzer', 'alle benutzer', 'fristen', 'frist',
    'fehlfunktion*', 'behindert', 'auswirkungen', 'betroffen*', 'mehrere',
    'gesamte*', 'komplett*', 'alle mitarbeiter*', 'niemand kann', 'nichts geht', 'geht nichts', 'kaputt',
    'kann mich nicht anmelden', 'ausgesperrt'],
  ['panne', 'en panne', 'caído', 'caída', 'fora do ar', 'storing'],
);

/**
 * The customer asks for information, plans ahead, or says there is no rush.
 * These lower urgency: an inquiry about options rarely needs a fast answer.
 */
export const CALM_WORDS: KeywordSet = keywordSet(
  ['inquire', 'inquiry', 'inquiring', 'enquiry', 'information', 'informed', 'interested', 'considering',
    'learn more', 'curious', 'wondering', 'question', 'questions', 'clarification', 'clarify',
    'no rush', 'not urgent', 'when you have time', 'at your convenience', 'whenever', 'suggestion*',
    'would be great', 'would be nice', 'feature request', 'idea', 'copy of',
    'recommendation*', 'tips', 'approaches', 'methods', 'strategies', 'insights', 'explore',
    'exploring', 'planning', 'future', 'understand', 'understanding', 'details'],
  ['anfrage', 'erkundigen', 'informationen', 'interessiert', 'interesse', 'frage', 'fragen',
    'gerne wissen', 'wissen', 'empfehlung*', 'methoden', 'vorschlag', 'vorschläge', 'keine eile', 'idee',
    'wäre schön', 'wäre toll',
    'bei gelegenheit', 'nicht dringend', 'einblicke', 'strategien', 'möglichkeiten', 'verstehen',
    'details', 'klärung', 'erfahren'],
  ['question', 'pregunta', 'pergunta', 'domanda', 'vraag', 'informations', 'información', 'informações'],
);

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
  ['piraté', 'hackeado', 'hackerato', 'gehackt'],
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

// ---------------------------------------------------------------- categories

export const CATEGORY_WORDS = {
  billing: keywordSet(
    ['invoice*', 'billing', 'billed', 'bill', 'charge', 'charged', 'charges', 'payment*', 'pay',
      'paid', 'credit card', 'subscription fee', 'overcharged', 'double charged', 'receipt',
      'transaction*', 'vat', 'pricing plan', 'renewal'],
    ['rechnung*', 'abrechnung*', 'zahlung*', '*zahlung', 'bezahl*', 'abbuchung*', 'abgebucht',
      'lastschrift', 'kreditkarte', 'gebühr*', 'quittung', 'mehrwertsteuer', 'transaktion*'],
    ['facture', 'paiement', 'factura', 'pago', 'fatura', 'pagamento', 'fattura', 'factuur', 'betaling'],
  ),
  refund: keywordSet(
    ['refund*', 'reimburse*', 'money back', 'return', 'returns', 'returning', 'exchange', 'rma',
      'send back', 'chargeback'],
    ['*erstattung', 'erstatten', 'rücksendung', 'zurücksenden', 'umtausch*', 'umtauschen',
      'zurückgeben', 'retoure', 'geld zurück', 'rückgabe'],
    ['remboursement', 'retour', 'reembolso', 'devolución', 'devolução', 'rimborso', 'reso',
      'terugbetaling', 'retourneren'],
  ),
  technical: keywordSet(
    ['error*', 'bug*', 'crash*', 'not working', "doesn't work", 'does not work', 'install*', 'update*', 'upgrade', 'configur*', 'integration*', 'software', 'hardware', 'network*',
      'connectivity', 'connection', 'server*', 'printer', 'driver*', 'firmware', 'device*', 'api',
      'sync*', 'performance', 'slow', 'troubleshoot*', 'compatib*', 'malfunction*', 'glitch*',
      'freez*', 'timeout', 'database', 'backup*', 'cloud'],
    ['fehler*', 'funktioniert nicht', 'installation*', 'installier*',
      'aktualisier*', 'konfiguration*', 'software', 'hardware', 'netzwerk*', 'verbindung*',
      '*verbindung', 'drucker', 'treiber', 'gerät*', 'schnittstelle*', 'absturz', 'abgestürzt',
      'langsam', 'leistung', 'kompatib*', 'server*', 'datenbank*', 'integration*'],
    ['erreur', 'error', 'erro', 'errore', 'fout', 'storing'],
  ),
  account: keywordSet(
    ['account', 'accounts', 'login', 'log in', 'logging in', 'sign in', 'signin', 'password*',
      'username', '2fa', 'two-factor', 'mfa', 'profile', 'locked out', 'verification code', 'permissions',
      'access rights', 'user management', 'email address'],
    ['konto', 'kontos', 'benutzerkonto', 'kundenkonto', 'account', 'anmeld*', 'einloggen', 'passwort*',
      'kennwort', 'benutzername', 'zugang', 'zugangsdaten', 'gesperrt', 'berechtigung*', 'profil'],
    ['compte', 'mot de passe', 'cuenta', 'contraseña', 'conta', 'senha', 'account', 'wachtwoord'],
  ),
  outage: OUTAGE_WORDS,
  security: keywordSet(
    SECURITY_WORDS.keywords,
    ['security', 'secure', 'encryption', 'encrypted', 'firewall', 'antivirus', 'sicherheit*',
      'verschlüsselung*', 'verschlüsselt'],
  ),
  legal: keywordSet(
    LEGAL_WORDS.keywords,
    ['gdpr', 'dsgvo', 'terms of service', 'terms and conditions', 'contract', 'liability', 'agb',
      'vertrag', 'haftung', 'datenschutz', 'data protection', 'privacy policy', 'compliance', 'legal'],
  ),
  sales: keywordSet(
    ['pricing', 'price', 'prices', 'quote', 'quotation', 'demo', 'purchase', 'purchasing', 'buy',
      'buying', 'interested in', 'license*', 'licence*', 'enterprise plan', 'discount', 'trial',
      'offerings', 'services offered', 'product information', 'sales', 'potential customer', 'proposal'],
    ['preis', 'preise', 'preisgestaltung', 'angebot', 'kostenvoranschlag', 'kaufen', 'kauf', 'lizenz*',
      'vorführung', 'testversion', 'rabatt', 'vertrieb', 'interessiert an', 'leistungen'],
    ['prix', 'devis', 'precio', 'presupuesto', 'preço', 'prezzo', 'prijs', 'offerte'],
  ),
  feedback: keywordSet(
    ['feedback', 'suggestion*', 'feature request', 'feature idea', 'idea', 'would be nice',
      'would be great', 'would love', 'improve*', 'improvement*', 'love your', 'great job', 'well done',
      'disappointed with', 'dark mode'],
    ['rückmeldung', 'vorschlag', 'vorschläge', 'anregung*', 'verbesserung*', 'lob', 'wunsch', 'idee',
      'wäre schön', 'wäre toll', 'wäre super', 'toll', 'zufrieden', 'unzufrieden'],
    ['avis', 'sugerencia', 'sugestão', 'suggerimento', 'suggestie'],
  ),
} as const satisfies Record<string, KeywordSet>;

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
