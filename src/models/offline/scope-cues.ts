/**
 * Cues of who is affected and whether it is still happening, written as shapes
 * rather than phrases so they carry over to wording the lexicons have not
 * seen: "only me, the rest of the team is fine", "yesterday … all fine now",
 * "refreshing fixes it", "another company's invoices in my dashboard".
 * Accents are optional throughout: chat drops them.
 */

/** Only this customer is affected; the others work: one person blocked (`high`), not many (`urgent`). */
export const ONLY_ME =
  /(?<![\p{L}])(?:(?:mon [ée]quipe|my team|mein team|mi equipo|minha equipe) (?:travaille|works|is working|arbeitet|trabaja|trabalha)|the rest of the team got (?:their|theirs)|les autres entrent (?:sans souci|bien|sans probl[èe]me)|only mine|(?:las|los) de mis compa[ñn]er[oa]s siguen ah[íi]|die der kolleg\p{L}* sind (?:noch )?da|celles de mes coll[èe]gues sont (?:toujours )?l[àa]|(?:as|os) d[oa]s meus colegas (?:ainda )?(?:est[ãa]o|t[ãa]o) l[áa]|(?:my )?colleagues'? (?:ones )?are still there|(?:the )?other (?:tills|registers|terminals|devices|machines|ones)(?: \p{L}+)? (?:are|work)(?: \p{L}+)? (?:fine|ok)|(?:las|los) otr[oa]s (?:\p{L}+ )?(?:van|funcionan|andan) bien|les autres (?:\p{L}+ )?(?:marchent|fonctionnent|vont bien)|(?:os|as) outr[oa]s (?:\p{L}+ )?funcionam|die anderen (?:\p{L}+ )?(?:gehen|laufen|funktionieren)|los dem[áa]s entramos bien|nous autres,? on se connecte bien|o resto de n[óo]s entra normal|the rest of us (?:can )?(?:log|get) in fine|only (?:my|me|for me|mine)|just (?:me|mine|my)|everyone else(?:'s)?(?: is| are)? (?:fine|ok)|everyone else (?:in (?:the )?\p{L}+ )?(?:still )?has (?:theirs|them)|(?:les autres|mes coll[èe]gues|les filles du \p{L}+) ont encore (?:toutes |tous )?les leurs|die anderen haben (?:ihre|sie) (?:noch|alle)|(?:los|las) dem[áa]s (?:todav[íi]a |a[úu]n )?tienen (?:los suyos|las suyas)|(?:os|as) outr[oa]s (?:ainda )?t[êe]m (?:os|as) del[ea]s|(?<!nicht )nur (?:bei )?(?:mir|ich|meine?[nr]?)|alle anderen (?:im team )?(?:kommen|k[öo]nnen|sind)|s[oó]lo (?:a m[ií]|yo|mi)|al resto (?:del equipo )?(?:le va|les va|s[ií])|(?:y a|il y a) (?:que|qu'|personne d'autre que) moi|le reste de l'[ée]quipe (?:[çc]a va|va bien|marche)|s[oó] (?:o meu|comigo|eu|a minha|(?:os|as) (?:meus|minhas))|(?:il n'y a )?que chez moi|uniquement chez moi|s[oó]lo (?:los|las) m[ií]os|nur meine|o resto da equipe (?:entra|t[áa]|est[áa])|the rest of the team (?:is|are|can)|everyone else (?:\p{L}+ ){0,3}?(?:can|is fine|works)|als einzige[rn]?|alle anderen arbeiten|the only one (?:in the team|on the team|who)|(?:soy )?la [úu]nica|(?:soy )?el [úu]nico|(?:je suis )?(?:le seul|la seule)|(?:sou )?(?:a [úu]nica|o [úu]nico)|(?:a mis|a los) compa[ñn]eros no les pasa|a los dem[áa]s no|(?:ceux|celles) de mes coll[èe]gues sont|bei den anderen (?:geht|l[äa]uft|passt)|die anderen (?:im (?:büro|team) )?(?:sehen|haben|k[öo]nnen) (?:\p{L}+ )?noch|(?:the )?others (?:can )?still (?:see|have) (?:theirs|it)|bei (?:den )?(?:kollegen|kolleginnen|anderen) (?:ist )?alles (?:da|ok|gut)|nos outros (?:n[ãa]o|t[áa]|funciona)|my colleagues (?:can|are fine)|meine kollegen (?:schon|k[öo]nnen)|mis compa[ñn]eros s[íi]|mes coll[èe]gues (?:oui|si|y arrivent)|meus colegas (?:sim|conseguem))(?![\p{L}])/iu;

/** A failure in the past that is over now: something to explain, not an outage in progress. */
const PAST = /(?<![\p{L}])(?:(?:on |last |am |vom |el |del |le |de |na |da |do )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado|domingo|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|segunda|ter[çc]a|quarta|quinta|sexta)(?:'s)?|yesterday|last (?:night|week)|overnight|this morning|earlier|around \d{1,2} ?[ap]m|gestern|heute (?:fr[üu]h|nacht)|letzte (?:nacht|woche)|vorhin|ayer|anoche|esta (?:ma[ñn]ana|madrugada)|la semana pasada|hier|ce matin|cette nuit|la semaine derni[èe]re|tout [àa] l'heure|ontem|hoje cedo|mais cedo|de manh[ãa]|(?:essa|esta|nesta|de) madrugada|semana passada)(?![\p{L}])/iu;
/** The failure's own end named: "the outage is resolved", "der ausfall ist ja behoben", "la panne de mardi est réglée". */
const SETTLED = /(?<![\p{L}])(?:is|was|has been|ist|wurde|est[áa]|est|a [ée]t[ée]|foi)\s+(?:(?:ja|ya|j[áa]|now|jetzt|bien|finally|inzwischen|d[ée]j[àa]|todo|tout)\s+)?(?:resolved|fixed|sorted|solved|over|behoben|gel[öo]st|vorbei|erledigt|resuelt[ao]|solucionad[ao]|arreglad[ao]|r[ée]gl[ée]e?|r[ée]solue?|termin[ée]e?|resolvid[ao]|corrigid[ao]|normalizad[ao])(?![\p{L}])/iu;
const FINE_NOW = /(?<![\p{L}])(?:(?:all |everything(?:'s| is)? )?(?:fine|good|ok|okay|working|back) now|(?:everything|all)(?:'s| is)? (?:normal|fine|ok|good) since|(?:ce matin|aujourd'hui|depuis) tout (?:marche|fonctionne|va bien)|jetzt l[äa]uft (?:es|alles) wieder|l[äa]ufts wieder|geht'?s wieder|works now|funktioniert jetzt|marche maintenant|funciona (?:ahora|agora)|back up|(?:jetzt|heute|nun|inzwischen) (?:l[äa]uft|geht|ist) (?:alles|es|wieder)|l[äa]uft (?:\p{L}+ )?wieder|ya (?:va|anda|funciona)(?: todo)?(?: bien)?|ya est[áa] (?:todo )?bien|tout (?:va|marche|fonctionne) (?:bien )?maintenant|(?:[çc]a|tout) remarche|[çc]a (?:re)?marche (?:de nouveau|maintenant)|agora (?:t[áa]|est[áa]) tudo (?:ok|certo|bem|normal)|j[áa] voltou|voltou ao normal|(?:wieder|alles) da|tout est (?:ok|bon|rentr[ée] dans l'ordre)(?: maintenant)?)(?![\p{L}])/iu;
/** A report on it asked for: "a written RCA", "einen schriftlichen bericht", "el informe de la caída", "un rapport d'incident". */
const REPORT_ASKED = /(?<![\p{L}])(?:rca|root cause|post-?mortem|incident (?:report|summary)|written report|\p{L}*bericht|informe|rapport|relat[óo]rio)(?![\p{L}])/iu;
export const OVER_NOW = (text: string): boolean => (PAST.test(text) && (FINE_NOW.test(text) || REPORT_ASKED.test(text))) || SETTLED.test(text);

/** A way around it the team already uses: "a refresh fixes it", "we just flip it each time". */
export const WORKED_AROUND =
  /(?<![\p{L}])(?:(?:a )?refresh(?:ing)? (?:fixes|helps|solves)|reload(?:ing)? (?:fixes|helps)|(?:we|i) just \p{L}+ (?:it )?(?:again )?each time|neu ?laden hilft|(?:klicken|schalten|machen) (?:\p{L}+ )?jedes mal|recargando (?:se arregla|funciona|va)|(?:lo|la) volvemos a \p{L}+ cada vez|en rechargeant (?:[çc]a passe|[çc]a marche)|on (?:le|la) remet (?:[àa] chaque fois|chaque fois)|recarregando (?:resolve|funciona|volta)|(?:liga|ativa|coloca) de novo toda vez|using \p{L}+ for now|(?:nehm|nutz)(?:e|en)? (?:halt|erstmal|vorerst) \p{L}+|mientras uso|(?:j'utilise|on utilise) \p{L}+ en attendant|t[ôo] usando (?:o |a )?\p{L}+ por enquanto|(?:sur|on|auf|en|no|na|im|in) (?:l'|the |dem |der |el |la |o |a )?(?:iphone|android|pc|mac|desktop|web|chrome|firefox|safari|excel|pdf|word|app|computador|ordi)\s*,?\s*(?:c'est bon|[çc]a marche|[çc]a va|it works|works fine|geht es|geht's|funktioniert es|funciona|t[áa] certo|est[áa] bien|vai|d[áa] certo)|(?:in|en|em) (?:zwei|two|dos|deux|duas|2) (?:teilen|parts|partes|fois|vezes|etapas|schritten) (?:\p{L}+ )?(?:geht|works|funciona|marche|passe|vai|klappt)|(?:como|as an?|als) (?:contorno|workaround|work-around|solu[çc][ãa]o tempor[áa]ria|soluci[óo]n temporal)|comme contournement|(?:but |mas |aber |pero |mais )?(?:if i|if we|wenn ich|wenn wir|si (?:uso|cambio|exporto)|si je|si on|se (?:eu )?(?:exportar|usar|mudar|trocar))\s+(?:[\p{L}\p{N}-]+\s+){0,4}?(?:it works|works|geht(?:'s| es)?|funktioniert|funciona|[çc]a marche|marche|d[áa] certo|klappt)|(?:if (?:i|we)|wenn (?:ich|wir|man)|si (?:on|je|nous|lo|la|las|los|le|les|uso|usamos|hago|hacemos)|se (?:eu|a gente|n[óo]s|usar|usarmos|fizer|fizermos))\s+[^.!?\n]{0,50}?(?<!(?:no|não|pas|nicht|not) )(?:it works|works|geht(?:'s| es)?|funktioniert|funciona|[çc]a (?:marche|passe)|d[áa] certo|klappt(?:'s)?)|(?:en )?\p{L}+(?:ant|endo|ando)\s+[^.!?\n]{0,40}?(?<!(?:no|não|pas|nicht|not) )(?:[çc]a passe|[çc]a marche|funciona|vai|d[áa] certo)|(?:pelo|pela|via|on the|from the|am|über den|über die|desde el|desde la|en el|sur l'|sur le|par l'|par le|en passant par (?:l'|le |la )?)\s*(?:\p{L}+\s+){0,1}?(?:computador|computer|pc|desktop|laptop|rechner|ordi\p{L}*|navegador|browser|web|site|website|webseite|sitio|app|export \p{L}+|word|excel)\s*,?\s*(?:(?:it |ça |[çc]a |es |lo )?(?:vai|works|geht|funktioniert|funciona|marche|passe|klappt)))(?![\p{L}])/iu;

/**
 * Another party's data or account in front of this customer: a cross-account
 * leak, which exposes many at once, unless they say it is the only one so far.
 */
export const OTHERS_DATA =
  /(?<![\p{L}])(?:(?:de )?cualquier (?:otro )?cliente|(?:de )?qualquer (?:pessoa|cliente|um)|any other customer'?s?|anyone'?s|n'importe quel client|(?:jedes|eines beliebigen) (?:anderen )?kunden|another (?:company|customer|client|user)'?s?|other (?:users|people|companies)'?|(?:a )?strangers?'?s? account|someone else'?s (?:data|account|address|invoices?)|(?:einer |eine )?anderen? (?:firma|kunden|nutzer)|fremden? (?:konten|accounts?|kunden|daten)|von jemand(?:em)? anderem|(?:de )?otra (?:empresa|persona|cuenta)|cuentas? de otros|de un desconocido|d'une autre (?:bo[iî]te|entreprise|soci[ée]t[ée]|personne)|quelqu'un d'autre|comptes? d'autres|d'un inconnu|(?:de )?outra (?:empresa|pessoa|conta)|contas? dos outros|de um estranho|(?:some|any)(?:body|one) else'?s|(?:de )?otro (?:cliente|usuario)|d'un autre (?:client|utilisateur)|de outro (?:cliente|usu[áa]rio)|each other'?s|one another'?s|gegenseitig|unos de otros|los unos de los otros|les uns des autres|uns dos outros)(?![\p{L}])/iu;

/**
 * One other person's document in front of this customer ("the report of another patient", "le bulletin d'un autre
 * enfant"): a leak to close (`high`, security), one record to one person rather than another company's account open.
 */
export const ANOTHER_PERSONS =
  /(?<![\p{L}])(?:a colleague'?s|d'une? coll[èe]gue|de une? compa[ñn]er[oa]|de um(?:a)? colega|eines kollegen|einer kollegin|eines fremden (?:kindes|sch[üu]lers|patienten|kunden|mitglieds)|einer fremden (?:sch[üu]lerin|patientin|kundin)|another (?:child|student|pupil|patient)'s|de otr[oa] (?:niñ[oa]|alumn[oa]|paciente)|de outr[oa] (?:crian[çc]a|alun[oa])|(?:ihres|seines) nachbarn|(?:of )?(?:her|his|their) neighbou?rs?'?s?|de (?:su|sa|son) vecin[oa]|de (?:son|sa) voisin\p{L}*|do vizinho|da vizinha|d'un(?:e)? autre (?:locataire|client\p{L}*|adh[ée]rent\p{L}*|membre|salari[ée]e?)|de outr[oa] (?:morador\p{L}*|inquilin[oa]|cond[ôo]min[oa])|de otr[oa] (?:inquilin[oa]|vecin[oa]|cliente)|eines anderen (?:mieters|kunden|mitglieds)|einer anderen (?:mieterin|kundin)|(?:[àa]|to|an) (?:un autre|une autre|another|einen anderen|eine andere|otro|otra|outro|outra) (?:client\p{L}*|customer|kunde\p{L}*|cliente|usu[áa]ri[oa]|user|personne|person|persona|pessoa)|de outro (?:paciente|aluno)|d'un(?:e)? autre (?:enfant|[ée]l[èe]ve|patient\p{L}*|famille|parent)|de otr[oa] (?:paciente|alumn[oa]|ni[ñn][oa]|familia)|(?:another|a different) (?:patient|student|child|kid|family|parent)'?s?|(?:eines|einer) anderen (?:patienten|patientin|sch[üu]ler\p{L}*|kindes|familie)|von jemand(?:em)? anderem)(?![\p{L}])/iu;
export const JUST_ONE_SO_FAR =
  /(?<![\p{L}])(?:just the one|so far it'?s just (?:her|him|them|this one)|solo sabemos de (?:ese|este) caso|mehr f[äa]lle kennen wir (?:bisher |noch )?nicht|we only know of (?:this|that|the) one|on ne conna[iî]t que ce cas|s[óo] sabemos (?:desse|deste) caso|only one so far|only that one|bisher nur (?:der|die|das|diese[rs]?) eine|nur (?:der|die|das|diese[rs]?) eine|(?:le )?seul cas|solo es[eo]|solo uno por ahora|juste (?:lui|elle|celui-l[àa])|un seul pour l'instant|s[oó] ele|s[oó] esse|s[oó] um at[ée] agora|only (?:her|him|them|this one|that customer) so far|(?:el |un )?[úu]nico caso|un seul (?:cas|signalement|client|parent) pour (?:l'instant|le moment)|bisher (?:nur )?ein (?:einziger )?fall|(?:der )?einzige fall|por enquanto (?:foi )?s[oó]|the only (?:case|report) so far|por ahora s[óo]lo (?:él|ella|ese|este|uno)|erst einmal (?:passiert|vorgekommen)|s[óo] (?:esse|este) caso|only happened once|(?:le |c'est le )?seul (?:doc|document|cas|fichier) pour (?:l'instant|le moment))(?![\p{L}])/iu;

/** A secret out in the open and strangers using it now: a breach in progress. */
const SECRET = /(?<![\p{L}])(?:api[- ]?keys?|api[- ]?schl[üu]ssel|cl[ée] (?:d'?)?api|chave (?:da )?api|tokens?|secrets?|credentials|zugangsdaten|credenciales|credenciais|identifiants)(?![\p{L}])/iu;
const IN_USE_BY_STRANGERS = /(?<![\p{L}])(?:ips? (?:we )?(?:don'?t know|unknown)|unknown ips?|fremden? ips?|ips? desconocidas?|ips? inconnues?|ips? desconhecid[oa]s?|calls from|requests from|anfragen von|llamadas desde|appels depuis|chamadas? de)(?![\p{L}])/iu;
/** Ransomware: the data locked by an attacker, a breach under way for everyone. */
const RANSOM = /(?<![\p{L}])(?:ransomware|verschl[üu]sselungstrojaner|erpressungstrojaner|ran[çc]ongiciel|secuestro de datos)(?![\p{L}])/iu;
export const SECRET_ABUSED = (text: string): boolean => (SECRET.test(text) && IN_USE_BY_STRANGERS.test(text)) || RANSOM.test(text);

/** "can students see each other's scores?": whether it could happen, asked, not a leak reported. */
export const ASKED_WHETHER = /^\s*(?:can|could|do|does|is|are|kann|k[öo]nnen|sehen|pueden|puede|peuvent|peut|est-ce que|podem|pode|d[áa] pra)(?![\p{L}])[^?.!]*\?/iu;

/** Seeing it in front of them: what makes another party's data a leak rather than a worry. */
export const SEEN =
  /(?<![\p{L}])(?:(?:can |i )?see|seeing|[öo]ffnen|ge[öo]ffnet|abrir|abri[óou]|ouvrir|ouvert|lleg[óo]|chegou|arrived|ankam|(?:est )?arriv[ée]e?|shows?|landed|logged in as|opened|sehe|sehen|steht|landen|war im|aparec\p{L}*|sale|vemos|veo|je vois|on voit|il y a|appara[iî]t|retrouve|[ée]tait dans|vejo|vendo|aparece|caiu na|entrando|got|getting|received|receiving|bekommen|erhalten|recibi\p{L}*|re[çc]u|recebeu|recebi|saw|sah|gesehen|vio|vi|viu|vimos|a vu|sent|envoy[ée]e?s?|geschickt|verschickt|enviad[oa]s?|mandad[oa]s?|found|gefunden|encontr\p{L}*|trouv[ée]e?|achou|recebeu|re[çc]ue?|tomb[ée]e? sur|stumbled on|came across|encontr[óo])(?![\p{L}])/iu;

/** "do you have a mobile app? just curious": asking whether we offer a product is a sales question. */
export const OFFER_QUESTION =
  /(?<![\p{L}])(?:do you(?: guys)? (?:have|offer|sell)|habt ihr|haben sie|bietet ihr|tienen|ofrecen|vous avez|vous proposez|voc[eê]s t[eê]m|vcs t[eê]m)\s+(?:\p{L}+\s+){0,2}?(?:apps?|appli\p{L}*|aplicativo|mobile|handy[- ]?app|versions?|versi[oó]n|vers[aã]o|plugin|extensions?|integra\p{L}*)(?![\p{L}])/iu;

/** How to reproduce a hole ("if you change the id in the url"), reported: a vulnerability report, not a leak under way. */
export const HOLE_REPORTED =
  /(?<![\p{L}])(?:found a (?:bug|hole|flaw)|if you (?:change|edit|modify)|reporting (?:it|this)|vulnerab\p{L}*|wenn man (?:die|den|das)|si (?:cambias|cambian|modificas)|si (?:on|vous) (?:change|modifi)\p{L}*|se (?:mudar|trocar|alterar))(?![\p{L}])/iu;

/** Open to anyone: "anyone can download it", "jeder kann sie sehen", "qualquer um baixa sem senha": exposed to all. */
export const OPEN_TO_ANYONE =
  /(?<![\p{L}])(?:any(?:one|body)|jeder|cualquiera|n'importe qui|qualquer (?:um|pessoa))\s+(?:\p{L}+\s+){0,2}?(?:can|could|kann|k[öo]nnte|puede|podr[íi]a|peut|pourrait|pode|poderia|baixa|v[êe])\s+(?:\p{L}+\s+){0,2}?(?:see|view|access|open|download|read|take over|log in|sehen|[öo]ffnen|abrufen|runterladen|herunterladen|lesen|ver(?:la|lo|los|las)?|acceder|descargar|entrar|voir|acc[ée]der|t[ée]l[ée]charger|ouvrir|lire|baixar|acessar|abrir)(?![\p{L}])/iu;

/** The whole store of data, not one customer's list: "the database is gone", "la base de données de prod", "banco de dados". */
export const WHOLE_DATA =
  /(?<![\p{L}])(?:(?:the|our|die|unsere|la|nuestra|notre|a|nossa) (?:(?:whole|entire|ganze|gesamte|toda la|toute la|inteira) )?(?:database|db|datenbank|base de datos|base de donn[ée]es|banco de dados|bd)|prod|production|produktion\p{L}*|producci[óo]n|produ[çc][ãa]o)(?![\p{L}])/iu;

/** Money that has (not) landed: "o estorno nunca caiu", "o pix caiu": "caiu" of money is arrival, not an outage. */
export const MONEY_LANDED = /(?<![\p{L}])(?:anuidade|mensalidade|cobran[çc]a|boleto|estorno|reembolso|dinheiro|pix|valor|pagamento|dep[óo]sito|transfer[êe]ncia|repasse|saldo|saque|cr[ée]dito)(?![\p{L}])(?:[^.!?\n]|(?<=\d)\.(?=\d)){0,50}?(?<![\p{L}])caiu(?![\p{L}])|(?<![\p{L}])caiu\s+(?:uma?\s+)?(?:R\$|\d|cobran\p{L}*|d[ée]bito|pix|valor)/iu;

/** The only way left: "só dá pra vender no dinheiro", "solo se puede cobrar en efectivo": a fallback, not a how-to. */
export const ONLY_WAY_LEFT = /(?<![\p{L}])(?:s[óo] d[áa] (?:pra|para)|solo se puede|nur noch (?:bar|per)|only (?:cash|by hand)|que (?:du|en) liquide)(?![\p{L}])/iu;

/** The people who pay, named in the plural: "customers are being charged", "kunden werden belastet". */
export const PAYERS = /(?<![\p{L}])(?:customers|clients|buyers|members|shoppers|users|kunden|käufer|mitglieder|nutzer|clientes|compradores|socios|usuarios|acheteurs|adh[ée]rents|utilisateurs|usu[áa]rios|assinantes)(?![\p{L}])/iu;

/** Payments failing rather than going wrong: "every payment fails", "alle zahlungen schlagen fehl", "os pagamentos estão falhando". */
export const PAYMENTS_FAIL = /(?<![\p{L}])(?:payments?|zahlungen|kartenzahlung\p{L}*|pagos|paiements|pagamentos|checkout)\s+(?:[\p{L}\p{N}']+\s+){0,4}?(?:fail\p{L}*|schlagen (?:\p{L}+ )?fehl|scheitern|fallan|fallando|fallaron|[ée]chou\p{L}*|falh\p{L}*|gehen nicht durch)(?![\p{L}])/iu;

/**
 * It works for the one asking: "everything looks normal on our side", "bei mir läuft alles", "a mí me funciona
 * todo", "chez moi tout marche", "aqui tá tudo normal". Asked whether we are down, nothing says we are.
 */
export const WORKS_HERE =
  /(?<![\p{L}])(?:(?:everything|all|it) (?:looks|seems|is|works)(?: \p{L}+)? (?:normal|fine|ok|okay)(?: \p{L}+){0,2}? (?:on our (?:side|end)|for (?:me|us)|here)|(?:on our (?:side|end)|for (?:me|us)|here),? (?:everything|all|it)(?:'s| is| looks| works| seems)|bei (?:mir|uns) (?:l[äa]uft|geht|funktioniert) (?:alles|es)|(?:a m[ií]|a nosotros|aqu[ií]|ac[áa]) (?:me |nos )?(?:funciona|va|anda) (?:todo )?(?:normal|bien)?|chez (?:moi|nous) (?:tout|[çc]a) (?:marche|fonctionne|va)|(?:aqui|pra mim|comigo|pra gente) (?:t[áa]|est[áa]|fica|vai) tudo (?:normal|ok|certo|funcionando|bem))(?![\p{L}])/iu;

/**
 * Money leaving by itself, unasked: "refunds are firing on their own", "les remboursements partent tout seuls",
 * "überweisungen gehen von selbst raus": money moving wrongly right now.
 */
export const MONEY_ON_ITS_OWN =
  /(?<![\p{L}])(?:devoluciones|devolu[çc][õo]es|refunds?|refunding|rembourse|reembolsa|estorna|erstattet|r[üu]ckerstattung|erstattung|payouts?|payments?|transfers?|charges?|remboursements?|virements?|paiements?|pr[ée]l[èe]vements?|reembolsos?|pagos?|transferencias?|cobros?|estornos?|pagamentos?|transfer[êe]ncias?|cobran[çc]as?|r[üu]ckerstattungen|erstattungen|gutschrift\p{L}*|auszahlung\p{L}*|zahlungen|[üu]berweisungen|abbuchungen)(?![\p{L}])[^.!?\n]{0,70}?(?<![\p{L}])(?:on (?:their|its) own|by (?:themselves|itself)|von (?:selbst|allein)|ganz allein|por s[ií] sol[oa]s|sol[oa]s|tout seuls?|toutes? seules?|d'eux-m[êe]mes|sozinh[oa]s?|automatically without|que (?:nadie|personne|ningu[ée]m) (?:pidi[óo]|a demand[ée]\p{L}*|pediu)|sans que personne|ohne dass (?:jemand|einer)|sin que nadie|sem que ningu[ée]m|(?:die|that|which|que|qui) (?:nobody|no one|keiner|niemand|nadie|personne|ningu[ée]m) (?:\p{L}+ ){0,2}?(?:asked|requested|cancell?ed|clicked|touched|issued|storniert|angefordert|beantragt|angefasst|ausgel[öo]st|pidi[óo]|solicit[óo]|cancel[óo]|hizo|emiti[óo]|a demand[ée]|annul[ée]|fait|[ée]mis|pediu|cancelou|solicitou|fez|emitiu))(?![\p{L}])/iu;

/** "is it just me or…": asking whether they are the only one is not saying so. */
export const IS_IT_JUST_ME =
  /(?<![\p{L}])(?:is it (?:just|only) (?:me|us)|(?:just|only) me\s*\?|bin ich (?:der|die) einzige|nur bei mir\s*\?|soy (?:el|la) [úu]nic[oa]|(?:s[óo]lo )?a m[íi]\s*\?|c'est (?:que|juste) moi|y a que moi\s*\?|s[óo] comigo\s*\?|s[óo] eu\s*\?)/iu;

/** Someone who left and can still get in: "notre ex-compta peut toujours ouvrir", "o rapaz que saiu ainda entra". */
export const FORMER_STILL_IN =
  /(?<![\p{L}])(?:ex[- ]\p{L}+|former|left|quit|se fue|se fu[ée]|saiu|(?:trabajaba|curraba|worked|arbeitete|travaillait|bossait|trabalhava) (?:con|with|for|bei|avec|chez|com) (?:nosotros|us|uns|nous|a gente)|a quitt[ée]|est parti\p{L}*|ausgeschieden|gek[üu]ndigt hat|nicht mehr bei uns)(?![\p{L}])[^.!?\n]{0,60}?(?<![\p{L}])(?:still|todav[íi]a|a[úu]n|sigue|siguen|contin[úu]a|immer noch|noch immer|toujours|encore|ainda)\s+(?:\p{L}+\s+){0,2}?(?:log\p{L}*|access\p{L}*|get in|einlogg\p{L}*|rein|zugreifen|zugriff|acceso|acc[èe]s|acesso|entrar|entra|entrando|acced\p{L}*|ouvrir|acc[ée]d\p{L}*|se connect\p{L}*|acess\p{L}*|abr\p{L}*)(?![\p{L}])|(?<![\p{L}])(?:ex[- ]\p{L}+|former \p{L}+|ehemalige[rn]? \p{L}+|ancien(?:ne)? \p{L}+|antig[uo]o? \p{L}+)\s+(?:\p{L}+\s+){0,2}?(?:still|offenbar noch|todav[íi]a|a[úu]n|immer noch|toujours|ainda)\s+(?:\p{L}+\s+){0,2}?(?:log\p{L}*|access\p{L}*|get in|einlogg\p{L}*|zugriff|acceso|acc[èe]s|acesso|entrar|entra|acced\p{L}*|ouvrir|acc[ée]d\p{L}*|acess\p{L}*|abr\p{L}*)(?![\p{L}])/iu;

/** A wrong charge repeating as they watch: "e continua", "ça recommence à chaque encaissement", "keeps charging". */
export const REPEATS_NOW =
  /(?<![\p{L}])(?:e continua|and (?:it )?keeps (?:going|happening|doing it)|keeps charging|et [çc]a recommence|[çc]a continue|y sigue|sigue cobrando|und es geht weiter|bucht weiter|[àa] chaque encaissement|a cada (?:venda|cobran[çc]a)|en cada cobro|bei jeder (?:zahlung|buchung)|with every (?:sale|payment|swipe)|continua cobrando|continue d'en (?:passer|pr[ée]lever)|continue de (?:pr[ée]lever|d[ée]biter|passer)|(?:und )?es h[öo]rt nicht auf|it won'?t stop|(?:y )?no para|[çc]a (?:ne )?s'arr[êe]te pas|n[ãa]o para|we(?:'re| are) seeing|estamos (?:vendo|viendo)|on voit (?:passer|des)|wir sehen gerade)(?![\p{L}])/iu;

/** On the customer's own device: "sur mon iphone", "bei mir auf dem handy", "on my laptop": one person's failure. */
export const MY_DEVICE =
  /(?<![\p{L}])(?:(?:on|sur|auf|en|no|na) (?:my|mon|ma|meinem|meiner|dem|mi|meu|minha) (?:\p{L}+ )?(?:iphone|phone|laptop|pc|mac|handy|t[ée]l[ée]phone|tel|portable|ordi\p{L}*|celular|computador|m[óo]vil|tablet|ipad|android)|bei mir)(?![\p{L}])/iu;

/** "we're on 30 seats but the invoice bills 45", "12 lizenzen berechnet statt 8": billed for more than they have. */
export const SEATS_BILLED =
  /(?<![\p{L}])\d+\s+(?:seats?|licen[cs]es?|lizenzen|licencias|licen[çc]as|pl[äa]tze|plazas|postes|puestos|postos|users|nutzer|benutzer|usuarios|utilisateurs|usu[áa]rios)(?![\p{L}])[^.!?\n]{0,40}?(?<![\p{L}])(?:statt|anstatt|instead of|si (?:tenemos|somos)|y (?:tenemos|somos)|alors qu'on en a|alors que nous en avons|mais on (?:n'en )?a que|or on n'a que|alors qu'on n'a que|mas (?:temos|somos)|e (?:temos|somos)|e (?:a gente|n[óo]s) s[óo] (?:tem|temos)|wir haben aber nur|aber (?:wir haben )?nur|but we (?:have|are|only have)|but (?:there are|we are) only)\s+\d+|(?<![\p{L}])(?:on|have|haben|tenemos|avons|temos|somos)\s+\d+\s+(?:seats?|licen\p{L}*|lizenzen|pl[äa]tze)(?![\p{L}])[^.!?\n]{0,40}?(?<![\p{L}])(?:bills?|billed|charged|berechnet|factur\p{L}*|cobr\p{L}*|trae)\s+(?:us\s+)?(?:for\s+)?\d+/iu;

/** Nothing bad seen yet: "no strange use so far", "não vimos nenhum uso estranho ainda", "fremde Zugriffe sehen wir noch keine". */
export const NOTHING_SEEN_YET =
  /(?<![\p{L}])(?:no (?:strange|unusual|suspicious) (?:use|activity|calls)(?: so far| yet)?|(?:haven'?t|have not) seen any (?:strange |unusual )?(?:use|calls|activity)|n[ãa]o vimos nenhum uso(?: estranho)?(?: ainda)?|no hemos visto (?:ning[úu]n )?uso(?: raro| extra[ñn]o)?|aucune utilisation (?:suspecte|anormale)|fremde zugriffe sehen wir (?:noch )?keine|keine fremden zugriffe)(?![\p{L}])/iu;

/** Words of the service having been down, for a past outage asked about. */
export const TOTAL_FAILURE_WORD = /(?<![\p{L}])(?:down|outage|problems|issues|incident|probleme|st[öo]rung|problemas|incidente|probl[èe]mes|ausfall|ca[íi]d[oa]s?|quedas?|panne|fora|offline)(?![\p{L}])/iu;
