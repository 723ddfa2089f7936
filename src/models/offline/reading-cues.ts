/**
 * How a message is to be read before its words are counted: an alibi
 * ("nobody here agreed to it") is not nobody able to work, quoted words are
 * someone else's, a greeting to everyone blocks nobody, a message of several
 * parts tells its emergency rather than asking it. The rubric (rubric.ts)
 * reads these to keep the words of one reading from counting for another.
 */

/** Nobody here did it, agreed to it or was there: an alibi, not a failure for everyone. */
export const NOBODY = /^(?:nobody|no one|niemand|keiner|nadie|personne|ningu[ée]m)(?![\p{L}])/iu;
export const NOBODY_DID_IT = /(?<![\p{L}])(?:personne ici\.|(?:nobody|no one|niemand|keiner|nadie|personne|ningu[ée]m)(?: here| aqu[íi]| aqui| ici| hier| da equipe| del equipo| de l'[ée]quipe| im team)?|sin que nadie|sem que ningu[ée]m|sans que personne|ohne dass (?:jemand|einer)|without anyone)\s+(?:\p{L}+\s+){0,2}?(?:agreed|authori[sz]ed|signed|works? (?:at )?nights?|was (?:online|working|logged in|there)|asked for|ordered|firm\p{L}*|autoriz\p{L}*|aprob\p{L}*|pidi\p{L}*|estava online|tava online|a sign[ée]|a autoris[ée]|a command[ée]|a accept[ée]|zugestimmt|unterschrieben|bestellt|arbeitet nachts)(?![\p{L}])/iu;

/** Quoted words: what a screen or other people say. */
export const QUOTED = /(?<![\p{L}])'[^'\n]{1,60}'(?![\p{L}])|"[^"\n]{1,60}"|«[^»\n]{1,60}»|„[^“\n]{1,60}“|“[^”\n]{1,60}”/gu;

/** "lock down", "lockdown": securing an account, not an outage. */
export const LOCK_DOWN = /(?<![\p{L}])lock(?:ed|ing)?[ -]?down(?![\p{L}])/iu;

/** "every link I request", "chaque code que je reçois": one person's attempts, each of them. */
export const EACH_OF_MINE = /(?<![\p{L}])(?:every|each|jede[rsn]?|cada|chaque|tod[oa])\s+[\p{L}-]+,?\s+(?:den|die|das|that|que|qu'|which)\s*(?:i|ich|je|j'|yo|eu)(?![\p{L}])/iu;
export const BARE_QUANTIFIER = /^(?:every(?:one|body)?|each|jede[rsn]?|cada|chaque|tod[oa]s?)$/iu;

/** "a cleaner on our team", "one of the drivers in our team": someone from the team, not all of it. */
export const ONE_OF_THE_TEAM = /(?<![\p{L}])(?:a|an|one)\s+\p{L}+\s+(?:on|in|from) our team(?![\p{L}])/iu;

/** Checked and confirmed open: "lo checamos y sí, está abierto", "testamos e é verdade, tá aberto agora". */
export const CONFIRMED_OPEN = /(?<![\p{L}])(?:est[áa] abierto|t[áa] aberto|est[áa] aberto|it'?s (?:wide )?open|c'est ouvert|ist offen|(?:we )?(?:checked|tested|confirmed) (?:it )?and (?:yes|it is|it'?s true)|lo checamos y s[íi]|testamos e [ée] verdade)(?![\p{L}])/iu;

/** Cancelled before the charges: "cancelé el plan en enero y me siguen cobrando" is money already wrong, not a run. */
export const CANCELLED_BEFORE = /(?<![\p{L}])(?:cancel+ed|cancel[ée]|cancelei|cancelamos|gek[üu]ndigt|r[ée]sili[ée]|r[ée]siliation|di de baja|dimos de baja|cancelaci[óo]n|cancelamento)(?![\p{L}])/iu;

/** "bom fim de semana a todos", "hola a todos", "merci à tous !": a greeting to everyone. */
export const GREETING_ALL = /(?:(?<![\p{L}])(?:a|à|an) (?:todos|todas|tous|toutes|alle)\s*[!.🙂😊👋]*\s*$|(?<![\p{L}])(?:hola|hello|hi|bonjour|salut|hallo|ol[áa]|oi|buenos d[íi]as|bom dia) (?:a |à )?(?:todos|todas|everyone|all|tous|alle|zusammen)(?![\p{L}]))/iu;

/** A message of several parts: "two questions", "more pressing", "lo urgente", a numbered or bulleted list. */
export const TWO_PARTS = /(?<![\p{L}])(?:two (?:questions|things)|more pressing|more importantly|zwei (?:sachen|fragen|dinge)|(?:viel )?wichtiger|dos cosas|lo urgente|m[áa]s importante|deux (?:choses|questions)|plus urgent|plus important|duas coisas|o urgente|mais importante)(?![\p{L}])|^\s*(?:\d[).]|[-*•])\s.*\n(?:.*\n)*?\s*(?:\d[).]|[-*•])\s/imu;
