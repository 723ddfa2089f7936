/**
 * Cues that a message asks rather than reports: curiosity, a hypothetical, the
 * service's record, a quote for a purchase, thanks given in advance, a threat
 * about the next failure. The rubric (rubric.ts) reads them to keep a question
 * about a topic from raising an alarm.
 */

/** Asked out of curiosity: a question about the past or in general, not a problem now. */
const CURIOUS = /(?<![\p{L}])(?:just curious|nur interesse|solo para saber|s[óo] pra saber|juste pour savoir|pour me renseigner|out of curiosity|curiosity|aus neugier|neugierig|neugier|interessehalber|curios[oa]|curiosidad|pure curiosit[ée]|curiosidade|pura curiosidad|por curiosidad|par curiosité|par curiosite|só por curiosidade|so por curiosidade|por curiosidade)(?![\p{L}])/iu;
export const curious = (text: string): boolean => CURIOUS.test(text);

/** "what happens if there is an outage?": a hypothetical, not a report. */
export const HYPOTHETICAL = /(?<![\p{L}])(?:what happens (?:if|to)|if (?:someone|somebody|anyone) ever|si alg[úu]n d[íi]a|si un jour|se algum dia|falls (?:mal |einmal )?jemand|en caso de (?:dar de baja|cancelar)|in case (?:we|i) cancel|im fall(?:e)? einer k[üu]ndigung|en cas de r[ée]siliation|em caso de cancelamento|if (?:i|we) (?:cancel|quit|leave)|wenn (?:man|ich|wir) (?:mitten|k[üu]ndig)\p{L}*|kriegt man|si (?:je|on|nous) r[ée]sili\p{L}*|si cancel(?:o|amos|an)|si me doy de baja|si nos damos de baja|se (?:eu|a gente|n[óo]s) (?:desistir|cancelar)|se cancelarmos|em quantos dias|se puede pedir la devoluci[óo]n|how do you handle|do you have a (?:procedure|process)|was passiert (?:wenn|mit)|wie handhabt ihr|qu?[ée]? pasa si|c[óo]mo gestionan|que se passe-t-il|vous avez une proc[ée]dure|o que acontece|se der problema|vcs fazem|voc[êe]s fazem|se um dia|si alg[úu]n d[íi]a|if one day|if someday|wenn eines tages|si un jour|just asking|solo pregunto|nur (?:ne|eine) frage|simple question|s[óo] perguntando)(?![\p{L}])/iu;

/** A quote asked for: "need a quote for 200 members", "presupuesto para 15 usuarios". */
const QUOTE_WORD = String.raw`(?:quote|quotation|pricing|presupuesto|cotizaci[óo]n|devis|proposition commerciale|or[çc]amento|cota[çc][ãa]o|angebot)`;
/** Plain test first: the quote's shapes below cost more, and most tickets name no quote. */
export const QUOTE_MENTIONED = new RegExp(QUOTE_WORD, 'iu');
/**
 * A quote asked for ("send us a quote", "un devis pour 30 licences", "nos pueden pasar un presupuesto"), not a
 * quote as a document in the product ("dupliquer un devis", "le PDF du devis").
 */
export const QUOTE = new RegExp(
  String.raw`(?<![\p{L}])(?:(?:send|get|need|want|request|give|make|faire|envoyer|obtenir|demander|besoin d'une?|besoin d'|pasar|enviar|mandar|dar|hacer|fazer|schicken|senden|machen|erstellen|brauche\p{L}*|bitte)(?:\s+\p{L}+){0,3}?\s+${QUOTE_WORD}|${QUOTE_WORD}\s+(?:for|pour|para|f[üu]r|group[ée]|grupal)(?![\p{L}])|^\s*${QUOTE_WORD}|(?:a|an|un|une|um|uma|ein|ein(?:en)?)\s+${QUOTE_WORD}\s*[?.!]|${QUOTE_WORD}\s*\?)`,
  'iu',
);

/** "how often were you down last year?", "wie oft ihr ausgefallen seid": the service's record, asked about. */
export const RECORD_ASKED =
  /(?<![\p{L}])(?:how (?:often|many times) (?:were|was|have|has|did) (?:you|the (?:service|platform|app))|wie oft (?:ihr|sie|der dienst|die plattform|euer)|cu[áa]ntas veces (?:se )?(?:han|ha|cay[óo]|estuvieron|tuvieron)|combien de fois (?:vous|le service|la plateforme)|quantas vezes (?:voc[êe]s|vcs|o sistema|o servi[çc]o|a plataforma))(?![\p{L}])/iu;

/** "one more and we move the whole team": a threat about the next failure, not a report of one now. */
export const ONE_MORE = /(?<![\p{L}])(?:one more (?:time|outage|and|of these|like this)|noch (?:so )?ein(?:e|mal)?|(?:uno|una) m[áa]s y|encore une? (?:fois|panne)|mais uma (?:vez|queda)|mais uma destas|noch so einer|une autre comme [çc]a|otra (?:m[áa]s )?(?:as[íi]|de estas)|mais uma e|passiert das (?:noch ?mal|wieder)|next time (?:we|i|it)|beim n[äa]chsten mal|la prochaine(?: fois)?,? (?:on|je|nous|c'est)|la pr[óo]xima(?: vez)?,? (?:nos|me|cancel\p{L}*)|na pr[óo]xima(?: vez)?,? (?:a gente|eu|n[óo]s|cancel\p{L}*)|if (?:this|it|that) (?:doesn'?t|does not|isn'?t) (?:change|improve|fixed)|wenn sich (?:das|da|nichts) nicht (?:\p{L}+ )?(?:[äa]ndert|bessert)|si (?:[çc]a|cela) (?:ne )?(?:change|s'am[ée]liore) pas|si no (?:cambia|mejora)|se n[ãa]o (?:mudar|melhorar))(?![\p{L}])/iu;
/** "many thanks in advance", "merci d'avance": politeness before a request, not gratitude for something done. */
export const THANKS_IN_ADVANCE = /(?<![\p{L}])(?:thanks? (?:you )?in advance|many thanks in advance|(?:vielen )?dank (?:im voraus|vorab)|(?:muchas )?gracias de antemano|merci d'avance|merci par avance|(?:avec )?(?:nos|mes) remerciements anticip[ée]s|desde j[áa] (?:obrigad[oa]|agrade[çc]o)|obrigad[oa] desde j[áa]|agrade[çc]o desde j[áa])(?![\p{L}])/iu;
/** "no se puede pagar", "kann man nicht": a failure, not a how-to question. */
export const NEGATED_HOWTO = /(?<![\p{L}])(?:no se puede|no se pueden|kann man nicht|on (?:ne )?peut (?:pas|plus|rien)|n[ãa]o (?:se )?(?:pode|d[áa] pra))(?![\p{L}])/iu;

/** A request before the closing thanks: "bitte … schicken", "pouvez-vous", "chönd ihr", "can you", "please" (or any question). */
const REQUEST_BEFORE = /(?<![\p{L}])(?:please|pls|can you|could you|bitte|k[öo]nnt ihr|k[öo]nnen sie|ch[öo]nd ihr|pouvez-vous|pourriez-vous|pouvez vous|svp|s'il vous pla[iî]t|por favor|pueden|podr[íi]an|podem|poderiam|favor)(?![\p{L}])/iu;
/** The thanks as the message's last words, a signature after it at most: "…, merci vielmal", "Many thanks,\nTom\nAccounts". */
const CLOSING_THANKS = /(?:(?:many )?thanks?(?: (?:a lot|so much))?|thank you|thx|cheers|danke(?:sch[öo]n)?|vielen dank|merci(?: vielmal| beaucoup| bien)?|¡?gracias|obrigad[oa]|valeu)\s*[,.!🙏🙂😊]*\s*(?:\n[^\n]{1,60}){0,3}\s*$/iu;
/** Thanks that only close a request: the request is the message, not gratitude for something done. */
export const signOffThanks = (text: string): boolean => {
  if (!CLOSING_THANKS.test(text)) return false;
  const before = text.replace(CLOSING_THANKS, '');
  return REQUEST_BEFORE.test(before) || before.includes('?');
};

/**
 * A cry for help or for what is going on, not a question about a topic: "¿me ayudan?", "q pasa cn la app??",
 * "como a gente para??", "is it on your side?", "was ist da los?". An emergency asked this way is still one.
 */
export const PLEA = /(?<![\p{L}])(?:can you help|please help|help\s*\?|what'?s (?:going on|happening)|what happened|is it (?:on )?your (?:end|side)|if it'?s (?:on )?your (?:end|side)|how do (?:we|i) stop (?:it|this)|how can we stop|me ayudan|me pueden ayudar|me das una mano|qu[ée] pas[óa]|q pasa|qu[ée] est[áa] pasando|si es de ustedes|(?:c[óo]mo) (?:lo )?(?:paramos|frenamos|detenemos)|como (?:a gente )?para(?:mos)?|me ajudam|o que (?:houve|aconteceu|t[áa] acontecendo)|[ée] (?:com|de) voc[êe]s|que se passe-t-il|qu'est-ce qui se passe|c'est chez vous|vous pouvez (?:nous )?aider|comment (?:on )?(?:l'|les )?arr[êe]te|was ist (?:da )?los|liegt(?:'s| es) an euch|k[öo]nnt ihr helfen|wie stoppen wir)(?![\p{L}])/iu;

/** "sin prisa", "no rush": the customer says it can wait. */
export const NO_RUSH = /(?<![\p{L}])(?:pas bloquant|n[ãa]o t[áa] travando|kein stress|vamos tirando|not blocking|nicht blockierend|sin prisa|sem pressa|no rush|no hurry|pas press[ée]e?|rien ne presse|keine eile|eilt nicht|nada urgente|not urgent)(?![\p{L}])/iu;
