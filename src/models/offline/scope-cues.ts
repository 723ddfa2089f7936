/**
 * Cues of who is affected and whether it is still happening, written as shapes
 * rather than phrases so they carry over to wording the lexicons have not
 * seen: "only me, the rest of the team is fine", "yesterday … all fine now",
 * "refreshing fixes it", "another company's invoices in my dashboard".
 * Accents are optional throughout: chat drops them.
 */

/** Only this customer is affected; the others work: one person blocked (`high`), not many (`urgent`). */
export const ONLY_ME =
  /(?<![\p{L}])(?:only (?:my|me|for me|mine)|just (?:me|mine|my)|everyone else(?:'s| is)? (?:fine|ok)|nur (?:bei )?(?:mir|ich|meine?[nr]?)|alle anderen (?:im team )?(?:kommen|k[öo]nnen|sind)|s[oó]lo (?:a m[ií]|yo|mi)|al resto (?:del equipo )?(?:le va|les va|s[ií])|(?:y a|il y a) (?:que|qu'|personne d'autre que) moi|le reste de l'[ée]quipe (?:[çc]a va|va bien|marche)|s[oó] (?:o meu|comigo|eu|a minha)|o resto da equipe (?:entra|t[áa]|est[áa])|the rest of the team (?:is|are|can))(?![\p{L}])/iu;

/** A failure in the past that is over now: something to explain, not an outage in progress. */
const PAST = /(?<![\p{L}])(?:yesterday|last night|this morning|earlier|gestern|heute fr[üu]h|vorhin|ayer|anoche|esta ma[ñn]ana|hier|ce matin|tout [àa] l'heure|ontem|hoje cedo|mais cedo|de manh[ãa])(?![\p{L}])/iu;
const FINE_NOW = /(?<![\p{L}])(?:(?:all |everything(?:'s| is)? )?(?:fine|good|ok|okay|working|back) now|back up|jetzt (?:l[äa]uft|geht|ist) (?:alles|es|wieder)|l[äa]uft (?:alles )?wieder|ya (?:va|anda|funciona) (?:todo )?(?:bien)?|ya est[áa] (?:todo )?bien|tout (?:va|marche|fonctionne) (?:bien )?maintenant|[çc]a (?:re)?marche (?:de nouveau|maintenant)|agora (?:t[áa]|est[áa]) tudo (?:ok|certo|bem|normal)|j[áa] voltou|voltou ao normal)(?![\p{L}])/iu;
export const OVER_NOW = (text: string): boolean => PAST.test(text) && FINE_NOW.test(text);

/** A way around it the team already uses: "a refresh fixes it", "we just flip it each time". */
export const WORKED_AROUND =
  /(?<![\p{L}])(?:(?:a )?refresh(?:ing)? (?:fixes|helps|solves)|reload(?:ing)? (?:fixes|helps)|(?:we|i) just \p{L}+ (?:it )?(?:again )?each time|neu ?laden hilft|(?:klicken|schalten|machen) (?:\p{L}+ )?jedes mal|recargando (?:se arregla|funciona|va)|(?:lo|la) volvemos a \p{L}+ cada vez|en rechargeant (?:[çc]a passe|[çc]a marche)|on (?:le|la) remet (?:[àa] chaque fois|chaque fois)|recarregando (?:resolve|funciona|volta)|(?:liga|ativa|coloca) de novo toda vez)(?![\p{L}])/iu;

/**
 * Another party's data or account in front of this customer: a cross-account
 * leak, which exposes many at once, unless they say it is the only one so far.
 */
export const OTHERS_DATA =
  /(?<![\p{L}])(?:another (?:company|customer|client|user)'?s?|other (?:users|people|companies)'?|(?:a )?strangers?'?s? account|someone else'?s (?:data|account|address|invoices?)|(?:einer |eine )?anderen? (?:firma|kunden|nutzer)|fremden? (?:konten|accounts?|kunden|daten)|von jemand(?:em)? anderem|(?:de )?otra (?:empresa|persona|cuenta)|cuentas? de otros|de un desconocido|d'une autre (?:bo[iî]te|entreprise|soci[ée]t[ée]|personne)|quelqu'un d'autre|comptes? d'autres|d'un inconnu|(?:de )?outra (?:empresa|pessoa|conta)|contas? dos outros|de um estranho)(?![\p{L}])/iu;
export const JUST_ONE_SO_FAR =
  /(?<![\p{L}])(?:just the one|only one so far|only that one|bisher nur (?:der|die|das) eine|nur (?:der|die|das) eine|solo es[eo]|solo uno por ahora|juste (?:lui|elle|celui-l[àa])|un seul pour l'instant|s[oó] ele|s[oó] esse|s[oó] um at[ée] agora)(?![\p{L}])/iu;

/** A secret out in the open and strangers using it now: a breach in progress. */
const SECRET = /(?<![\p{L}])(?:api[- ]?keys?|api[- ]?schl[üu]ssel|cl[ée] (?:d'?)?api|chave (?:da )?api|tokens?|secrets?|credentials|zugangsdaten|credenciales|credenciais|identifiants)(?![\p{L}])/iu;
const IN_USE_BY_STRANGERS = /(?<![\p{L}])(?:ips? (?:we )?(?:don'?t know|unknown)|unknown ips?|fremden? ips?|ips? desconocidas?|ips? inconnues?|ips? desconhecid[oa]s?|calls from|requests from|anfragen von|llamadas desde|appels depuis|chamadas? de)(?![\p{L}])/iu;
export const SECRET_ABUSED = (text: string): boolean => SECRET.test(text) && IN_USE_BY_STRANGERS.test(text);

/** Seeing it in front of them: what makes another party's data a leak rather than a worry. */
export const SEEN =
  /(?<![\p{L}])(?:(?:can |i )?see|seeing|shows?|landed|logged in as|opened|sehe|sehen|steht|landen|war im|aparec\p{L}*|sale|vemos|veo|je vois|on voit|il y a|appara[iî]t|retrouve|[ée]tait dans|vejo|vendo|aparece|caiu na|entrando)(?![\p{L}])/iu;

/** "do you have a mobile app? just curious": asking whether we offer a product is a sales question. */
export const OFFER_QUESTION =
  /(?<![\p{L}])(?:do you(?: guys)? (?:have|offer|sell)|habt ihr|haben sie|bietet ihr|tienen|ofrecen|vous avez|vous proposez|voc[eê]s t[eê]m|vcs t[eê]m)\s+(?:\p{L}+\s+){0,2}?(?:apps?|appli\p{L}*|aplicativo|mobile|handy[- ]?app|versions?|versi[oó]n|vers[aã]o|plugin|extensions?|integra\p{L}*)(?![\p{L}])/iu;

/** How to reproduce a hole ("if you change the id in the url"), reported: a vulnerability report, not a leak under way. */
export const HOLE_REPORTED =
  /(?<![\p{L}])(?:found a (?:bug|hole|flaw)|if you (?:change|edit|modify)|reporting (?:it|this)|vulnerab\p{L}*|wenn man (?:die|den|das)|si (?:cambias|cambian|modificas)|si (?:on|vous) (?:change|modifi)\p{L}*|se (?:mudar|trocar|alterar))(?![\p{L}])/iu;
