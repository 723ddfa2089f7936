/**
 * Harm the customer is watching happen: "as we speak", "vor meinen Augen",
 * "sous mes yeux", "7 charges since 10:05", "toutes les 5 minutes", "still
 * logged in after the new password". One customer's own account is a breach,
 * a loss or money moving wrongly *in progress* when they say they see it go
 * on; the same words about something over ("got it back, nothing changed
 * since") report what happened, and a bare "now" ("what do I do now?") is not
 * one of these.
 */

const AS_THEY_WATCH = String.raw`(?:as we speak|while i (?:watch|was (?:sitting|watching|looking))|(?:i|we) can (?:watch|see) (?:them|it|him|her)|(?:i|we) watch(?:ed)? (?:them|it|\d+)|in front of my eyes|before my (?:very )?eyes|in real time|(?:vor|unter) meinen augen|ich seh\p{L}* (?:sie|es|die|zu|live|\p{L}+ live)|live (?:rein|mit|zu)|sous mes yeux|every refresh (?:there are )?(?:fewer|less)|bei jedem neuladen weniger|tendenz fallend|[àa] chaque actualisation|a cada atualiza[çc][ãa]o|cada vez que actualizo|[àa] medida que|another (?:one )?(?:appeared|came in|just (?:appeared|came in|pinged))|mientras estaba (?:conectad[oa]|dentro)|while i was (?:logged|signed) in|pendant que j'[ée]tais connect[ée]e?|enquanto (?:eu )?estava (?:logad[oa]|conectad[oa])|w[äa]hrend ich eingeloggt war|pendant que je vous (?:[ée]cris|parle)|while i(?:'m| am) (?:typing|writing)(?: this)?|w[äa]hrend ich (?:das |hier |euch )?schreibe|mientras (?:les )?escribo|enquanto (?:eu )?(?:escrevo|falo)|(?:it|and it) (?:won'?t|doesn'?t) stop|(?:und )?es h[öo]rt nicht auf|[çc]a (?:ne )?s'arr[êe]te pas|y no para|e n[ãa]o para|pendant que je (?:les |le |la )?regarde|mientras (?:lo |los |las )?miro|enquanto (?:eu )?(?:olho|vejo)|en direct|je (?:les|le) vois (?:arriver|partir|passer|dispara[iî]tre)|(?:delante de|ante) mis ojos|en vivo|(?:los|las) veo (?:aparecer|llegar|salir|desaparecer)|en tiempo real|na minha frente|diante dos meus olhos|ao vivo|t[ôo] vendo (?:aparecer|sair|sumir|chegar)|(?:vejo|vi) (?:aparecer|sair|sumir))`;

/** A count that keeps climbing: "every few minutes", "alle 5 minuten", "toutes les 2-3 min", "a cada hora". */
const EVERY_FEW_MINUTES = String.raw`(?:every (?:few |\d+(?:-\d+)? )?(?:minutes?|mins?|seconds?|hours?)|alle (?:paar |\d+(?:-\d+)? )?(?:minuten|min|sekunden|stunden?)|jede (?:minute|stunde)|toutes les (?:\d+(?:-\d+)? )?(?:minutes?|min|secondes?|heures?)|chaque (?:minute|heure)|cada (?:pocos |\d+(?:-\d+)? )?(?:minutos?|min|segundos?|horas?)|a cada (?:\d+(?:-\d+)? )?(?:minutos?|min|segundos?|horas?)|(?:une|one|eine|una|uma) (?:par|a|pro|por) (?:minute|minuto))`;

/** Still inside after being locked out: "my new password didn't kick them out", "il est toujours dedans". */
const STILL_INSIDE = String.raw`(?:still (?:logged in|in there|inside|connected)|didn'?t kick (?:them|him|her) out|(?:ist|sind) (?:\p{L}+ )?(?:noch|immer noch) (?:eingeloggt|drin)|trotz neuem passwort|(?:est|sont) toujours (?:dedans|connect[ée]e?s?)|sigue (?:dentro|conectad[oa])|siguen (?:dentro|conectad[oa]s)|continua (?:logad[oa]|dentro|conectad[oa])|ainda (?:est[áa] )?(?:logad[oa]|dentro|conectad[oa]))`;

/** A running tally: "30 so far", "4 bestellungen in 20 min", "9 fois depuis 10h", "van 5 en un cuarto de hora". */
const RUNNING_TALLY = String.raw`(?:\d+ (?:\p{L}+ ){0,4}?(?:and now(?: shows)?|jetzt(?: nur noch)?|ahora|maintenant|agora|il en reste) \d+|\d+ (?:\p{L}+ )?(?:so far|already|schon|déjà|ya|já|bis jetzt|bisher|jusqu'ici|pour l'instant|hasta ahora|até agora)|\d+ (?:\p{L}+ ){0,2}?(?:in|en|em|within) (?:the last )?(?:\d+ ?min\p{L}*|(?:half an|an|the last) hour|(?:einer |der letzten )?(?:halben )?stunde|(?:un |una )?(?:cuarto de hora|media hora)|(?:une |la derni[èe]re )?(?:demi-)?heure|meia hora|(?:um |uma )?quarto de hora)|\d+ (?:\p{L}+ ){0,2}?(?:since|seit|depuis|desde) \d{1,2}(?:[:h.]\d{2}|h| ?uhr| ?am| ?pm)?|(?:van|son|já foram|j[áa] s[ãa]o|bereits|déjà) \d+)`;

const HAPPENING_NOW = new RegExp(String.raw`(?<![\p{L}])(?:${AS_THEY_WATCH}|${EVERY_FEW_MINUTES}|${STILL_INSIDE}|${RUNNING_TALLY})(?![\p{L}])`, 'iu');

/** It is over and nothing moves now: "nothing is changing now", "plus rien bouge", "ändert sich nix mehr". */
const STOPPED = /(?<![\p{L}])(?:nothing (?:is )?chang\p{L}* (?:now|since)|it finished|c'est termin[ée]|(?:ändert|tut) sich (?:nix|nichts) mehr|plus rien (?:ne )?bouge|(?:ya )?no cambia nada|nada mudou|n[ãa]o mudou nada|ist durch)(?![\p{L}])/iu;

export const happeningNow = (text: string): boolean => HAPPENING_NOW.test(text) && !STOPPED.test(text);
/** Over: it finished and nothing moves now. */
export const stoppedNow = (text: string): boolean => STOPPED.test(text);

/** A charge verb and a clock that keeps ticking: "vous me prélevez 14,90 € toutes les 5 minutes". */
const CHARGE_VERB = String.raw`(?:charg\p{L}*|pr[ée]l[èe]v\p{L}*|cobr\p{L}*|abbuch\p{L}*|bucht|belast\p{L}*|d[ée]bit\p{L}*|abgezogen|billing)`;
const CHARGED_ON_A_CLOCK = new RegExp(String.raw`(?<![\p{L}])${CHARGE_VERB}(?![\p{L}])[^.!?\n]{0,60}?(?<![\p{L}])${EVERY_FEW_MINUTES}(?![\p{L}])`, 'iu');
export const chargedOnAClock = (text: string): boolean => CHARGED_ON_A_CLOCK.test(text);

/**
 * The door already shut: "we've reset the password already", "mdp changé", "senha já trocada", "Passwort schon
 * geändert". An intrusion they have locked out is a breach to review, not one in progress.
 */
export const SECURED_ALREADY =
  /(?:(?<![\p{L}])(?:got it back|recovered it|je l'ai r[ée]cup[ée]r[ée]e?|(?:lo|la) recuper[ée]|recuperei|hab'?s? (?:\p{L}+ ){0,3}?zur[üu]ckgeholt|puse contrase[ñn]a nueva|coloquei (?:uma )?senha nova|neues passwort gesetzt|new password set|(?:reset|changed) the password already|(?:already|just) (?:reset|changed) (?:the|my|our) password|password already (?:reset|changed)|mot de passe d[ée]j[àa] chang[ée]|senha j[áa] trocada|j[áa] troquei a senha|contrase[ñn]a ya cambiada|ya cambi[ée] la contrase[ñn]a|(?:passwort|kennwort) (?:ist )?(?:schon |bereits )?neu gesetzt|passwort (?:schon|bereits) ge[äa]ndert|(?:schon|bereits) (?:das )?passwort ge[äa]ndert|hab(?:e|en)? (?:das )?passwort (?:schon |sofort )?ge[äa]ndert)|(?:^|[.,;]\s*)(?:mdp|mot de passe) chang[ée])(?![\p{L}])/iu;
