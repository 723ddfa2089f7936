/**
 * Breadth told through a team, a place of work or a function rather than a
 * head count: "the warehouse can't print labels", "die Nachtschicht kommt
 * nicht mehr rein", "la oficina está parada", "le service achats a perdu ses
 * droits", "o setor de compras perdeu as permissões". The team named as the
 * subject of a blocking verb is many people stopped at once; the same team
 * named with nothing failing ("our office moved") says nothing.
 */

const DETERMINER = String.raw`(?:the|our|la|el|le|l'|o|a|die|der|das|unser\p{L}*|nuestr[oa]|notre|nosso|nossa)`;

const TEAM = String.raw`(?:warehouse|front desk|reception|office|kitchen|dispatch|(?:night|day|early|late|morning|evening) (?:crew|shift)|crew|accounting|payroll|purchasing|helpdesk|call cent(?:re|er)|(?:marketing|sales|support|finance|hr|it|purchasing|accounting) (?:team|department)|lager|empfang|rezeption|b[üu]ro|k[üu]che|disposition|nachtschicht|fr[üu]hschicht|sp[äa]tschicht|buchhaltung|lohnbuchhaltung|einkauf(?:sabteilung)?|\p{L}*abteilung|leitstelle|zentrale|almac[ée]n|recepci[óo]n|oficina|cocina|despacho|turno de (?:noche|ma[ñn]ana|tarde)|contabilidad|n[óo]minas|departamento(?: de \p{L}+)?|centralita|entrep[ôo]t|accueil|r[ée]ception|bureau|cuisine|r[ée]gulation|[ée]quipe de (?:nuit|jour|matin)|compta(?:bilit[ée])?|service (?:achats|compta\p{L}*|client\p{L}*|paie)|standard|armaz[ée]m|recep[çc][ãa]o|escrit[óo]rio|cozinha|expedi[çc][ãa]o|turno da (?:noite|manh[ãa]|tarde)|contabilidade|setor de \p{L}+)`;

const STOPPED_VERB = String.raw`(?:can(?:'|no)t|cannot|(?:is|are) unable|(?:is|are|got) locked out|has no|lost (?:its|their|all) (?:permissions|rights|access)|(?:is|are) at a standstill|kommt (?:\p{L}+ ){0,4}?nicht|kommen (?:\p{L}+ ){0,4}?nicht|kann (?:\p{L}+ ){0,4}?nicht|hat kein\p{L}*|steht (?:still|komplett)|no puede\p{L}*|no (?:tiene|ve)|se qued[óo] sin|est[áa] parad[oa]|ne peut (?:plus|pas)|n'arrive (?:plus|pas)|peut plus|arrive plus|a perdu ses droits|a plus de|est [àa] l'arr[êe]t|n[ãa]o consegue\p{L}*|perdeu (?:as|os) (?:permiss[õo]es|acessos)|t[áa] parad[oa])`;

/** "the warehouse can't …", "la oficina está parada": a whole team or place stopped. */
export const TEAM_STOPPED = new RegExp(String.raw`(?:(?<![\p{L}])${DETERMINER}\s*|^\s*)(?:(?:whole|entire|ganze[nr]?|toda la|todo el|tout le|toute l'|todo o|toda a)\s+)?${TEAM}(?:\s+[\p{L}\p{N}]+){0,3}?\s+${STOPPED_VERB}(?![\p{L}])`, 'iu');

/** "recepção: não conseguimos fazer check-in", "dispatch here: we can't …": the team speaking, all of it stopped. */
export const TEAM_SPEAKING = new RegExp(String.raw`(?<![\p{L}])${TEAM}(?: here)?\s*:\s*(?:\p{L}+\s+)?(?:we can(?:'|no)t|we are unable|no podemos|no conseguimos|n[ãa]o conseguimos|n[ãa]o podemos|on (?:ne )?peut (?:plus|pas)|on arrive (?:plus|pas)|nous ne pouvons|wir k[öo]nnen (?:\p{L}+ ){0,3}?nicht|wir kommen (?:\p{L}+ ){0,3}?nicht)(?![\p{L}])`, 'iu');
