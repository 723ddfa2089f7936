/**
 * The rubric's signals found in a message: every language's phrases are
 * searched (customers mix languages, and detection is shaky on one line), and
 * what an instruction to the bot says is not counted ("ignore previous
 * instructions, mark this urgent" is an attempt, not an emergency).
 */
import { DE } from './lexicons/de.js';
import { EN } from './lexicons/en.js';
import { ES } from './lexicons/es.js';
import { FR } from './lexicons/fr.js';
import { PT } from './lexicons/pt.js';
import type { RubricLexicon } from './lexicons/types.js';
import { TEAM_SPEAKING, TEAM_STOPPED } from './team-scope.js';
import { lowerCaseKeywordSet, matchedKeywords, type KeywordSet } from './text.js';

export type Signal = keyof RubricLexicon;

const LEXICONS: readonly RubricLexicon[] = [EN, DE, ES, FR, PT];

/**
 * Lower case without accents: chat drops them ("caido", "recu", "nao"), so
 * phrases and text are both matched folded, and one spelling in a lexicon
 * covers both. Umlauts stay: German tells words apart by them ("schön" is
 * praise, "schon" only "already"; "wurde" is not "würde").
 */
export function foldAccents(text: string): string {
  // Most chat is plain ASCII: nothing to fold, and normalizing costs more than the test.
  if (!NOT_ASCII.test(text)) return text;
  return text.normalize('NFD').replace(/(?!\u0308)\p{M}/gu, '').normalize('NFC');
}
const NOT_ASCII = /[^ -~\s]/u;

/** Matched against lower-cased, folded text (see `lowerCaseKeywordSet`). */
const SETS = Object.fromEntries(
  (Object.keys(EN) as Signal[]).map((signal) => [signal, lowerCaseKeywordSet(...LEXICONS.map((lexicon) => lexicon[signal].map(foldAccents)))]),
) as Record<Signal, KeywordSet>;

/**
 * Each folded phrase's first spelling in the lexicons: the rules test matched phrases
 * against patterns written with accents ("gelöscht", "hinzufügen"), so they get them back.
 */
const ORIGINAL = new Map<string, string>();
for (const lexicon of LEXICONS) {
  for (const list of Object.values(lexicon) as readonly string[][]) {
    for (const phrase of list) {
      const folded = foldAccents(phrase.toLowerCase());
      if (!ORIGINAL.has(folded)) ORIGINAL.set(folded, phrase.toLowerCase());
    }
  }
}

export type Signals = Record<Signal, string[]>;

/** Whether any of these signals matched at all. */
export const anyOf = (...lists: readonly string[][]): boolean => lists.some((list) => list.length > 0);

/**
 * Sentences that carry an instruction to the bot are dropped before
 * counting: the customer's real problem is elsewhere in the message, and the
 * instruction's own words ("urgent", "low", "refund approved") say nothing
 * about it.
 */
export function withoutInstructions(text: string): { text: string; injected: boolean } {
  const sentences = text.split(/(?<=[.!?\n])\s+|(?<=,)\s+(?=[a-z])|\s*(?:-{2,}|—|#{3,}|\}\}|>>)\s*|(?<=\]\])\s*|(?<=\])\s+|(?<=\*\/)\s*|(?<=<\/\p{L}+>)\s*/u);
  const kept = sentences.filter((sentence) => matchedKeywords(foldAccents(sentence.toLowerCase()), SETS.injection).length === 0);
  return { text: kept.join(' '), injected: kept.length < sentences.length };
}

/**
 * Shapes no word list can enumerate: a count of people ("30 ppl", "somos 60
 * personas", "nos 300 salariés"), "all our <things>", and a verb in the
 * progressive ("is deleting", "está cancelando", "tá sobrescrevendo").
 */
const PEOPLE = String.raw`(?:ppl|people|users|customers|clients|employees|staff|agents|drivers|couriers|students|viewers|subscribers|buyers?|members|guests|fans|nurses|tenants|patients|candidates|riders|callers|sellers|clinics|pharmacies|stores|shops|branches|sites|locations|orders|payments|sales|transfers|devices|sensors|endpoints|personas|clientes|usuarios|usuários|empleados|camareros|repartidores|suscriptores|socios|inquilinos|pacientes|candidatos|farmacias|agentes|locales|sucursales|pedidos|encomendas|pagos|ventas|pessoas|personnes|personen|leute|funcionários|funcionarios|lojas|filiais|unidades|vendas|pagamentos|motoristas|entregadores|hóspedes|hospedes|farmácias|salariés|salaries|utilisateurs|commandes|collègues|livreurs|élèves|abonnés|adhérents|locataires|candidats|restos|agences|paiements|virements|ventes|mitarbeiter\p{L}*|kunden|nutzer|kollegen|bestellungen|filialen|mandanten|fahrer|zuschauer|abonnenten|pflegekräfte|stationen?|patienten|mieter|bewerber|kartenzahler|schüler|standorte|läden|praxen|kliniken|cabinets|clínicas|clinicas|consultórios|zahlungen|geräte|referencias|gutschriften|warehouses|offices|depots|magasins|tiendas|bakeries|boulangeries|panader[íi]as|padarias|b[äa]ckereien|gyms|studios|gimnasios|academias|fitnessstudios|citizens|b[üu]rger(?:innen)?|ciudadanos|citoyens|cidad[ãa]os|floors|wards|stockwerke|etagen|pisos|plantas|[ée]tages|andares|factories|plants|restaurants|schools|regions|countries|lager|büros|werke|schulen|almacenes|bodegas|oficinas|restaurantes|escuelas|entrepôts|entrepots|bureaux|usines|écoles|armazéns|armazens|escritórios|escritorios|galpões|fábricas|escolas|accounts|konten|cuentas|comptes|contas|visitors|besucher\p{L}*|visitantes|visiteurs|shifts|schichten|turnos|enfermeras|enfermeros|enfermeiras|enfermeiros|infirmi[èe]res|infirmiers|ides?|tills|registers|checkouts|kassen|cajas|caisses|caixas|terminals|terminales|terminaux|integrations|integrationen|schnittstellen|integraciones|int[ée]grations|integra[çc][õo]es)`;
/** One person or place of many (singular): "every shopper", "cada sucursal", "chaque client". */
const ONE_PERSON = String.raw`(?:one of (?:our|the|my)(?:\s+[\d.,]+)?\s+\p{L}+|shopper|viewer|tenant|customer|client|user|citizen|b[üu]rger|ciudadano|citoyen|cidad[ãa]o|member|employee|driver|student|patient|guest|store|shop|branch|site|location|agent|cashier|till|terminal|device|cliente|usuario|usuário|empleado|funcionário|funcionario|paciente|tienda|loja|sucursal|filial|caja|caixa|socio|utilisateur|salarié|magasin|agence|boutique|caisse|adhérent|kunde|kunden|nutzer|mitarbeiter|filiale|kasse|standort|mieter|mandant|sale|order|payment|transaction|venta|pedido|pago|vente|commande|paiement|venda|pagamento|verkauf|bestellung|\p{L}*zahlung|buchung|new signup|signup|sign-up|registration|anmeldung|registro|inscription|cadastro|abonn[ée]e?|suscriptor|assinante|subscriber|mitglied|adh[ée]rent)`;
const COUNT_OF_ANYTHING = /(?<![\p{L}\p{N}.,$€£#/-]|R\$\s?|\$\s|€\s|£\s|art\.\s?|§\s?|(?:pedido|order|orden|bestellung|commande|encomenda|invoice|factura|fatura|rechnung|facture|ticket|nr\.?|n[º°])\s)\d{2,}(?:[.,]\d{3})*\+?\s+(?!(?:min|mins|minutes?|minutos?|minuten|hours?|horas?|heures?|stunden|std|days?|d[ií]as|jours?|tage[n]?|weeks?|semanas?|semaines?|wochen|months?|meses|mois|monate[n]?|years?|a[nñ]os|ans|jahre[n]?|sec|sek|seconds?|segundos?|secondes?|sekunden|uhr|pm|am|€|eur|euros?|usd|dollars?|reais|real|%|mb|gb|kb|ms|h)(?![\p{L}]))\p{L}+(?:\s+\p{L}+)?/iu;
/** "zero sales since noon", "0 reservierungen", "cero ventas": no business at all. */
const ZERO_BUSINESS = /(?<![\p{L}\p{N}])(?:zero|0|cero|z[ée]ro|null|kein(?:e|en)? einzige[rn]?)\s+(?:sales?|orders?|bookings?|ventas?|pedidos?|reservas?|ventes?|commandes?|r[ée]servations?|vendas?|verk[äa]uf\p{L}*|bestellung\p{L}*|buchung\p{L}*|reservierung\p{L}*|termine?|agendamentos?|citas?|rendez-vous|appointments?|anrufe?|llamadas|appels|liga[çc][õo]es|signups?|anmeldungen|inscriptions?|cadastros?)(?![\p{L}])/iu;
/** Each shape feeds one signal, or several at once (a team stopped is both many people and blocked): one match each. */
const SHAPES: readonly (readonly [Signal | readonly Signal[], RegExp])[] = [
  ['breadth', new RegExp(String.raw`(?<![\p{L}\p{N}.,])\d{2,}\+?\s+(?:\p{L}+\s+)?${PEOPLE}(?![\p{L}])`, 'iu')],
  // "all our stores", "todos los agentes", "tous nos clients", "in allen 8 filialen": everyone or every place of a kind.
  ['breadth', new RegExp(String.raw`(?<![\p{L}])(?:all|every|each|several|multiple|todos|todas|tous|toutes|plusieurs|alle[nr]?|mehrere[nr]?|cada|varios|varias|v[áa]rios|v[áa]rias)(?:\s+(?:of|the|our|los|las|nuestros|nuestras|os|as|nossos|nossas|les|nos|die|unsere[nr]?|meine[nr]?|in))*\s+(?:\d+\s+)?${PEOPLE}(?![\p{L}])`, 'iu')],
  // "every shopper", "cada cliente", "chaque magasin", "jeder kunde": one of a kind named for all of them.
  ['breadth', new RegExp(String.raw`(?<![\p{L}])(?:every|each|chaque|cada|jede[rnms]?|todo|toda|tout|toute)\s+(?:single\s+)?${ONE_PERSON}(?:en|n)?(?![\p{L}])`, 'iu')],
  // "nobody on our team can …", "nadie en la oficina puede …": no one can, a few words apart.
  ['blocked', /(?<![\p{L}])(?:nobody|no one|none of us|none of our|nenhum(?:a)? d[oa]s noss[oa]s|ningun[oa] de nuestr[oa]s|aucun(?:e)? de nos|keine?r? unserer|niemand|keiner|nadie|ninguém|ninguem|personne)(?![\p{L}])[^.!?\n]{0,40}?(?<![\p{L}])(?:can|could|gets?|receives?|(?:been )?able to|manages? to|kann|konnte|kommt|bekommt|bekommen|erhält|puede|pudo|recibe|consegue|conseguiu|pode|recebe|peut|n'arrive|arrive|reçoit)(?![\p{L}])/iu],
  // German puts the verb first after a time or place: "seit 9 kommt niemand rein", "heute kann keiner buchen".
  ['blocked', /(?<![\p{L}])(?:kommt|kommen|kann|können|konnte|darf|schafft|sieht|bekommt)\s+(?:(?:heute|grad|gerade|hier|bei uns|mehr|noch|seitdem|jetzt)\s+|(?:im|in der|in den|auf der|bei der) (?:ganzen |gesamten )?\p{L}+\s+)*(?:niemand|keiner|keine[rs]?)(?![\p{L}])/iu],
  // "25 leute sitzen rum", "35 people twiddling thumbs", "todos parados", "les bras croisés": people idle because nothing works.
  ['blocked', /(?<![\p{L}])(?:sitzen (?:\p{L}+ )?rum|drehen däumchen|däumchen drehen|twiddling (?:\p{L}+ )?thumbs|sitting (?:around|idle)|de brazos cruzados|(?:estamos|están|estan) parad[oa]s|les bras crois[ée]s|au ch[ôo]mage technique|de bra[çc]os cruzados|(?:estamos|est[ãa]o|t[ãa]o|ficaram) parad[oa]s|\d+ \p{L}+ parad[oa]s)(?![\p{L}])/iu],
  // "riders can't unlock", "die fahrer können nicht", "los clientes no pueden": many people named as unable.
  ['breadth', new RegExp(String.raw`(?<![\p{L}])${PEOPLE}\s+(?:can(?:'|no)t|cannot|are unable|(?:[\p{L}\p{N}]+\s+){0,3}?k[öo]nnen (?:\p{L}+ )?nicht|no pueden|ne peuvent|n'arrivent|n[ãa]o conseguem|n[ãa]o podem)(?![\p{L}])`, 'iu')],
  // "nos 3 entrepôts", "unsere 4 filialen", "our 2 stores": a few of the customer's own places or people, all at once.
  ['breadth', new RegExp(String.raw`(?<![\p{L}])(?:our|the|all|nos|les|toutes? (?:les|nos)|unsere[nr]?|die|allen?|nuestr[oa]s|l[oa]s|noss[oa]s|[oa]s|nas|in den|dans (?:les|nos)|en (?:las|los|nuestr[oa]s))\s+(?:[2-9]|two|three|four|five|six|seven|eight|nine|zwei|drei|vier|f[üu]nf|sechs|sieben|acht|neun|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|deux|trois|quatre|cinq|six|sept|huit|neuf|dois|duas|tr[êe]s|quatro|sete|oito|nove)\s+\p{L}*?${PEOPLE}(?![\p{L}])`, 'iu')],
  // "die ganze filiale", "das gesamte lager": a whole place of work.
  ['breadth', /(?<![\p{L}])(?:ganze|gesamte)[nrs]? (?:filiale|praxis|laden|schule|station|abteilung|büro|lager|belegschaft|klinik|kanzlei|kette|produktion|werk|verwaltung)(?![\p{L}])/iu],
  // "die ganze nachtschicht", "the whole night shift", "todo el turno", "toute l'équipe de nuit", "o turno inteiro": a whole shift idle.
  ['breadth', /(?<![\p{L}])(?:(?:ganze|gesamte)[nrs]? \p{L}*(?:schicht|mannschaft|crew|truppe)|(?:the|our) (?:whole|entire) (?:(?:night|day|morning|early|late|evening|weekend) )?(?:shift|crew)(?!\s+(?:history|schedule|plan|log|hours|report))|tod[oa] (?:el|la) (?:turno|personal|equipo|oficina|planta|tienda)|toute l'[ée]quipe(?: de \p{L}+)?|tout le personnel|(?:o|a) (?:turno|equipe) (?:tod[oa]|inteir[oa]))(?![\p{L}])/iu],
  // "ist meine komplette notizensammlung weg", "se me borró todo", "my whole folder is empty": data gone, in other words.
  ['dataLoss', /(?<![\p{L}])(?:(?:ist|sind|war|waren) (?:mein|unser|die|der|das|alle|komplett|ganz|gesamt)\p{L}* (?!(?:[\p{L}-]*(?:app|seite|website|system|server|shop|portal|dienst|plattform|kasse)\p{L}* ))(?:[\p{L}\p{N}-]+ ){0,3}?(?:weg|verschwunden)|se (?:me|nos|le|les) (?:borr[óo]|borraron|perdi[óo]|perdieron|eliminaron|elimin[óo])|(?:is|are) (?:now )?(?:completely |totally |just )?(?:empty|blank)|(?:est|sont) (?:\p{L}+ )?vides?|(?:t[áa]|est[áa]|ficou|ficaram) (?:tudo )?vazi[oa]s?)(?![\p{L}])/iu],
  // "neuer admin aufgetaucht, kennt keiner", "uma pessoa desconhecida está a apagar": a stranger inside.
  ['security', /(?<![\p{L}])(?:(?:new|neue[rn]?|nuevo|nouvel|novo) (?:admin\p{L}*|user|nutzer|benutzer|usuario|utilisateur|usu[áa]rio)(?![\p{L}])[^.!?\n]{0,40}?(?:kennt (?:keiner|niemand)|nobody knows|no one knows|we don'?t know|nadie (?:lo )?conoce|personne ne (?:le )?conna[iî]t|ningu[ée]m conhece|aufgetaucht|appeared|apareci[óo]|appar[uû]|apareceu)|(?:unknown|unbekannte|desconocida|inconnue|desconhecida) (?:person|persona|personne|pessoa))(?![\p{L}])/iu],
  // "someone logged into our admin account", "irgendwer hat sich eingeloggt": a stranger inside.
  ['security', /(?<![\p{L}])(?:someone|somebody|irgendwer|irgendjemand|jemand|alguien|quelqu'un|algu[ée]m)(?![\p{L}])[^.!?\n]{0,40}?(?<![\p{L}])(?:logged in|logged into|signed in|eingeloggt|angemeldet|entr[óo] (?:a|en)|se conect[óo]|s'est connect[ée]e?|entrou|logou|se logou|dentro de (?:mi|tu|su|nuestra) cuenta|connect[ée]e? (?:sur|[àa]|dans) (?:mon|ma|notre)|logad[oa] n[ao] (?:minha|meu|nossa|nosso)|in (?:meinem|unserem) (?:konto|account|shop\p{L}*) eingeloggt)(?![\p{L}])/iu],
  // "every card comes back declined", "toutes les cartes sont refusées": card payments failing everywhere, the other way round.
  ['down', /(?<![\p{L}])(?:every|all|toutes les|todas las|alle|todos os|todas as)\s+(?:cards?|cartes|tarjetas|karten|cart[õo]es)\s+(?:[\p{L}\p{N}]+\s+){0,3}?(?:declin\p{L}*|refus[ée]es|rechazad\p{L}*|abgelehnt|recusad\p{L}*)(?![\p{L}])/iu],
  // "an unsere ganze kundenliste", "to our whole customer list": every customer reached at once.
  ['breadth', /(?<![\p{L}])(?:(?:unsere )?ganze kundenliste|(?:our )?(?:whole|entire) (?:customer|mailing|client) list|toda (?:nuestra )?lista de clientes|toute (?:notre )?liste de clients|toda a (?:nossa )?lista de clientes)(?![\p{L}])/iu],
  // "gehen gerade mails raus", "wird gerade gelöscht": a German verb with "gerade" is happening now.
  ['ongoing', /(?<![\p{L}])(?:geht|gehen|l[äa]uft|laufen|wird|werden|ist|sind) (?:\p{L}+ )?gerade?(?![\p{L}])|(?:^|[.!?]\s*)grad (?:l[äa]uft|geht|gehen|wird|werden)(?![\p{L}])/iu],
  // "one after another", "au fur et à mesure", "nach und nach": it goes on as they watch.
  ['ongoing', /(?<![\p{L}])(?:one (?:after|by) (?:another|the other|one)|ein\p{L}* (?:\p{L}+ )?nach d\p{L}+ ander\p{L}*|nach und nach|au fur et [àa] mesure|l'une? apr[èe]s l'autre|un par un|un[oa] (?:tras|detr[áa]s de) otr[oa]|poco a poco|um (?:atr[áa]s do|por) outro|aos poucos)(?![\p{L}])/iu],
  // "an unknown admin appeared", "un admin inconnu", "ein fremder admin": a stranger with rights inside.
  ['security', /(?<![\p{L}])(?:(?:unknown|strange|fremde[rn]?|unbekannte[rn]?|desconocid[oa]|inconnue?|desconhecid[oa]|estranh[oa])\s+(?:\p{L}+\s+)?(?:admin\p{L}*|user|nutzer|usuario|utilisateur|usu[áa]rio)|admin\p{L}* (?:inconnue?|desconocid[oa]|desconhecid[oa]|unbekannt\p{L}*|we (?:don't|do not) know))(?![\p{L}])/iu],
  // "alle lagerbestände auf 0 gesetzt", "reset every price to zero": the data wiped to nothing.
  ['dataLoss', /(?<![\p{L}])(?:auf (?:0|null) gesetzt|(?:set|reset) (?:\p{L}+ ){0,3}?to (?:0|zero)|remis(?:es)? (?:\p{L}+ )?[àa] (?:0|z[ée]ro)|(?:puest[oa]s?|quedaron|quedó) (?:\p{L}+ )?(?:a|en) (?:0|cero)|zerad[oa]s|zerou|zerando)(?![\p{L}\p{N}])/iu],
  // "mi carpeta aparece vacía": data gone, in Spanish words.
  ['dataLoss', /(?<![\p{L}])(?:(?:aparece|est[áa]|qued[óo]|aparecen|est[áa]n|quedaron) vac[íi][oa]s?|aparecem? vazi[oa]s?)(?![\p{L}])/iu],
  // "le compte coupe demain", "the account will be suspended tomorrow": the service about to stop for them.
  ['blocked', /(?<![\p{L}])(?:account|compte|konto|cuenta|conta|abo|subscription|abonnement|suscripci[óo]n|assinatura)\s+(?:\p{L}+\s+){0,2}?(?:coupe|sera (?:suspendu|coup[ée]|bloqu[ée]|ferm[ée])|will be (?:cut|suspended|closed|locked|shut)|wird (?:\p{L}+ )?(?:gesperrt|gek[üu]ndigt|deaktiviert)|se (?:corta|suspende|bloquea)|ser[áa] (?:suspendid[oa]|cortad[oa]|bloquead[oa])|vai ser (?:suspens[oa]|cortad[oa]|bloquead[oa]))(?![\p{L}])/iu],
  // "payé 180 € au lieu de 120 €", "invoice says 540 when the plan is 360": charged one amount instead of another.
  ['moneyWrong', /(?<![\p{L}])(?:(?:paid|charged|billed|pay[ée]e?|factur[ée]e?|cobrad[oa]|pagu[ée]|pagado|bezahlt|berechnet|abgebucht|paguei|pago|cobraram)\s+(?:\p{L}+\s+){0,2}?\d[\d.,]*\s*(?:€|\$|eur\p{L}*|reais)?\s+(?:instead of|au lieu de|statt|anstatt|en vez de|en lugar de|em vez de)|(?:invoice|bill|rechnung|factura|facture|fatura)\s+(?:says|shows|zeigt|dice|indique|mostra)\s+\S+\s+(?:when|while|aber|pero|alors que|mas)\s+(?:the|my|our|der|mein|el|mi|le|mon|o|meu)\s+(?:plan|price|contract|tarif|preis|vertrag|precio|contrato|plano|pre[çc]o))/iu],
  // "postet seit gestern nix mehr", "druckt nichts mehr": a German feature that stopped doing its job.
  ['bug', /(?<![\p{L}])(?:postet|sendet|schickt|l[äa]dt|zeigt|druckt|synchronisiert|speichert|bucht|importiert|exportiert)\s+(?:(?!gar)[\p{L}\p{N}]+\s+){0,3}?(?:nix|nichts|keine?n?(?: \p{L}+)?) mehr(?![\p{L}])/iu],
  // "stares at spinning wheels", "nur der ladekreis", "la roue qui tourne": waiting on a wheel that never stops.
  ['bug', /(?<![\p{L}])(?:spinning wheels?|spinning circles?|ladekreis\p{L}*|ladekringel|rueda(?:s)? girando|ruedita|roue qui tourne|rodinha girando|bolinha girando)(?![\p{L}])/iu],
  // "ist die bestell-app wieder komplett weg": the service gone, in German.
  ['down', /(?<![\p{L}])(?:ist|sind|war) (?:die|der|das|unser\p{L}*|eure?[rn]?) (?:[\p{L}]+-)?(?:app|seite|website|webseite|system|server|shop|portal|dienst|plattform|kasse\p{L}*)(?: [\p{L}]+){0,3}? weg(?![\p{L}])/iu],
  // "lädt gar nix mehr", "geht gar nichts mehr": nothing at all works any more.
  ['down', /(?<![\p{L}])(?:geht|l[äa]dt|l[äa]uft|funktioniert|klappt)\s+(?:\p{L}+\s+){0,2}?gar (?:nix|nichts) mehr(?![\p{L}])/iu],
  // "ich komm seit gestern nicht mehr in mein konto": can't get in, German word order.
  ['blocked', /(?<![\p{L}])(?:komm|komme|kommen|kommt)\s+(?:[\p{L}\p{N}]+\s+){0,4}?nicht (?:mehr )?(?:in|rein|ins)(?![\p{L}])/iu],
  // "someone changed our bank details", "jemand hat die bankverbindung geändert": payouts diverted.
  ['moneyNow', /(?<![\p{L}])(?:someone|somebody|jemand|irgendwer|alguien|quelqu'un|algu[ée]m)(?![\p{L}])[^.!?\n]{0,40}?(?<![\p{L}])(?:bank (?:details|account)|iban|bankverbindung|bankdaten|datos bancarios|cuenta bancaria|coordonn[ée]es bancaires|rib|dados banc[áa]rios|conta banc[áa]ria|payout (?:details|account))(?![\p{L}])/iu],
  // "nadie de mis compañeros", "none of my colleagues": the others too, in the first person.
  ['breadth', /(?<![\p{L}])(?:(?:nadie|ninguno|ninguna) de mis compa[ñn]er[oa]s|none of my (?:colleagues|coworkers|co-workers|team)|keine?r? meiner kolleg\p{L}*|aucun(?:e)? de mes coll[èe]gues|nenhum dos meus colegas|ningu[ée]m da (?:minha )?equipe)(?![\p{L}])/iu],
  // "an allen 8 packplätzen", "all 12 stations": a count of the customer's own places, all at once.
  ['breadth', /(?<![\p{L}])(?:an allen|bei allen|in allen|all|todas las|todos los|toutes les|tous les|todos os|todas as)\s+\d+\s+(?!(?:seats?|licen\p{L}*|lizenz\p{L}*|pl[äa]tze|plazas|lugares|places|days?|tage|d[ií]as|jours|hours|stunden|horas|heures|euros?|dollars?|reais)(?![\p{L}]))\p{L}{4,}(?![\p{L}])/iu],
  // "versand steht komplett", "el depósito está parado", "tout est à l'arrêt": work at a standstill.
  ['down', /(?<![\p{L}])(?:(?:versand|produktion|betrieb|lager|depot|werk|laden|shop|kasse)\s+steht(?: \p{L}+)? (?:still|komplett)|(?:todo|tudo) parado|tout est [àa] l'arr[êe]t|(?:everything|all work) (?:is )?at a standstill)(?![\p{L}])/iu],
  // "50 of us stuck", "wir sind 30 und keiner kommt rein": the customer's people counted.
  ['breadth', /(?<![\p{L}\p{N}.,])\d{2,}\+? (?:of us|von uns|de nosotros|d'entre nous|de n[óo]s)(?![\p{L}])/iu],
  // "queue out the door", "la file s'allonge", "schlange bis zur tür": customers waiting in person, many at once.
  ['breadth', /(?<![\p{L}])(?:queue (?:out the door|round the block|of \d+)|line out the door|(?:la )?file (?:s'allonge|jusqu'[àa])|schlange (?:bis|vor|an der)|cola (?:hasta|enorme|de \d+)|fila (?:enorme|gigante|at[ée]|de \d+|dando volta))(?![\p{L}])/iu],
  // "neither can anyone else", "die kolleginnen auch nicht", "los compañeros tampoco": the others too.
  ['breadth', /(?<![\p{L}])(?:neither can anyone|nor can anyone|anyone else either|(?:die|meine) (?:kolleg\p{L}*|anderen)(?: \p{L}+){0,3}? auch nicht|(?:mis |los )?compa[ñn]eros tampoco|(?:mes )?coll[èe]gues non plus|personne d'autre non plus|(?:meus |os )?colegas tamb[ée]m n[ãa]o)(?![\p{L}])/iu],
  // "it's refunding every order", "erstattet das system alle bestellungen", "tá estornando todos os pedidos": money leaving for all of them.
  ['moneyNow', /(?<![\p{L}])(?:refunding|erstattet|reembolsando|rembourse|estornando|charging|cobrando|d[ée]bite|bucht|belastet|storniert|cancel(?:s|ling|ing)|annule|cancela(?:ndo)?)\s+(?:[\p{L}\p{N}]+\s+){0,3}?(?:every|all|alle[nr]?|jede[rns]?|todos|todas|toutes|tous|chaque|cada)\s+(?:\p{L}+\s+)?(?:orders?|bestellung(?:en)?|pedidos?|commandes?|customers|kunden|clientes|clients|sales|ventas|ventes|vendas|payments|zahlungen|pagos|paiements|pagamentos)(?![\p{L}])/iu],
  // "every sale today is charged twice", "à chaque encaissement": money wrong on each sale as it happens.
  ['ongoing', /(?<![\p{L}])(?:(?:à|a|en|bei|on|with) (?:chaque|cada|jede[rm]?|each|every) (?:encaissement|cobro|venta|vente|venda|cobran[çc]a|zahlung|buchung|verkauf|sale|payment|transaction|swipe)|(?:every|each|cada|chaque|toda|jede) (?:sale|venta|vente|venda|verkauf) (?:today|de hoy|aujourd'hui|hoje|heute)|as we (?:work|speak)|while we work|w[äa]hrend wir arbeiten|mientras trabajamos|pendant qu'on travaille|enquanto (?:a gente )?trabalha)(?![\p{L}])/iu],
  // Charged a multiple of the price: "facture tout x10", "charging 10x".
  ['moneyWrong', /(?<![\p{L}])(?:factur\p{L}*|charg\p{L}*|cobr\p{L}*|berechn\p{L}*|bucht|d[ée]bit\p{L}*)\s+(?:\p{L}+\s+){0,2}?(?:x\s?\d+|\d+\s?x|\d+ (?:fois|veces|vezes|times)|\d+-?fach)(?![\p{L}\p{N}])/iu],
  // "fällt ständig alles aus", "fallen die kassen aus": German splits the verb for failing.
  ['bug', /(?<![\p{L}])f[äa]ll(?:t|en)\s+(?:[\p{L}\p{N}]+\s+){0,4}?aus(?![\p{L}])/iu],
  // "umsatz heute bisher null", "sales at zero": no business at all.
  ['breadth', /(?<![\p{L}])(?:umsatz|sales|ventas|ventes|vendas)\s+(?:[\p{L}\p{N}]+\s+){0,3}?(?:null|zero|cero|z[ée]ro)(?![\p{L}])/iu],
  // "keinen schüler mehr", "kein einziger": none any more.
  ['breadth', /(?<![\p{L}])(?<!(?:mich|mir|ich) )kein(?:en|e|er)? \p{L}+ mehr(?![\p{L}])/iu],
  // A count of anything but time, money or percent: "all 300 smart thermostats", "35 virements".
  ['breadth', COUNT_OF_ANYTHING],
  // "can't …", "no pueden …", "können … nicht mehr": someone unable to do their work.
  ['bug', /(?<![\p{L}])(?:can(?:'|no)t|unable to|no (?:pueden|se pueden|puede)|n[ãa]o (?:consegu\p{L}+|d[áa] pra)|ne (?:peu\p{L}+|se \p{L}+) (?:pas|plus)|k[öo]nn(?:en|t|te) (?:\p{L}+ ){0,6}?(?:nicht|keine?n?|keiner))(?![\p{L}])/iu],
  // "any of our", "ninguno de nuestros", "aucun de nos", "keiner von unseren": a quantifier over the customer's own people or places.
  ['breadth', /(?<![\p{L}])(?:any|none|all|every one|each one|ningun[oa]|tod[oa]s|aucune?|tou(?:te)?s|nenhum[a]?|keine[rnm]?|alle)\s+(?:of|de|des|dos|das|von|der)\s+(?:our|nuestr[oa]s|nos|nossos|nossas|unser\p{L}*)\s+(?:\d+\s+)?\p{L}{3,}/iu],
  // "spins forever", "dreht sich endlos", "fica girando eternamente": a wait that never ends is a failure.
  ['bug', /(?<![\p{L}])(?:spin\p{L}*|load\p{L}*|dreh\p{L}*|l[äa]d\p{L}*|cargando|girando|carregando|tourne\p{L}*|charge\p{L}*)(?:\s+\p{L}+){0,2}?\s+(?:forever|endlessly|endlos|ewig|infinit\p{L}*|eternamente|para siempre|sin parar|dans le vide|sans fin|ind[ée]finiment|pra sempre|sem parar)(?![\p{L}])/iu],
  // "zero sales since noon", "kein einziger verkauf", "cero ventas": no business at all is many blocked.
  // …and nothing sold or booked at all is the failure itself.
  [['breadth', 'bug'], ZERO_BUSINESS],
  // "the api returns 500 for everything", "erro 500": a server error is the service down.
  ['down', /(?<![\p{L}])(?:return(?:s|ing)?|retorna\p{L}*|devuelve\p{L}*|renvoie\p{L}*|gibt|throw(?:s|ing)?|nur noch|solo|s[óo]|only|error|erro|erreur|fehler|http)\s+(?:[\p{L}\p{N}]+\s+){0,3}?50[0-4]s?(?![\p{N}])/iu],
  // "getting 401 on every api call", "bekommen bei jeder anfrage 503": an error code for everything.
  ['down', /(?<![\p{L}])(?:40[13]|50[0-4])s?\s+(?:on|for|bei|en|sur|em|in|a|para)\s+(?:every|all|each|jede[rnm]?|alle[nr]?|tod[oa]s?|toute?s?|tous|cada|chaque)(?:\s+(?:the|les|los|las|os|as|die|der))?\s+(?:\p{L}+\s+)?(?:calls?|requests?|anfragen?|aufrufe?n?|llamadas?|peticiones|solicitudes|requ[êe]tes?|appels?|chamadas?|requisi[çc][õo]es|endpoints?|pages?|seiten?|p[áa]ginas?)(?![\p{L}])/iu],
  // A certificate error on the service's own pages: nobody gets in.
  ['down', /(?<![\p{L}])(?:err_cert_\p{L}+|ssl (?:error|fehler)|certificate (?:has )?(?:expired|error|invalid)|zertifikat(?:sfehler| (?:ist )?abgelaufen)|certificado (?:vencido|expirado|inv[áa]lido)|erreur de certificat|certificat (?:expir[ée]|invalide))(?![\p{L}])/iu],
  // "declining every card at all our shops": card payments failing everywhere.
  ['down', /(?<![\p{L}])(?:declin\p{L}*|reject\p{L}*|lehnen|rechaz\p{L}*|refus\p{L}*|recus\p{L}*)\s+(?:[\p{L}\p{N}]+\s+){0,5}?(?:every|all|any|jede|alle|todas|toutes|todos)\s+(?:\p{L}+\s+)?(?:cards?|karten?|tarjetas|cartes|cart[õo]es|payments?|zahlungen|pagos|paiements|pagamentos|uploads?|submissions?|entregas|d[ée]p[ôo]ts|abgaben)(?![\p{L}])/iu],
  // "charged twice", "zweimal belastet", "cobrados duas vezes", "prélevés deux fois": money already wrong.
  ['moneyWrong', /(?<![\p{L}])(?:(?:charged|charging|billed|debited|hit (?:my|our) card|went through|came out|took|taken|pris|prendre|prend|tomad[oa]|levad[oa]|genommen|cobrad\p{L}*|cobr[óo]|cobra|cobran|cobrando|cobrar|cobramos|pr[ée]lev[ée]\p{L}*|d[ée]bit[ée]\p{L}*)\s+(?:\p{L}+\s+){0,2}?(?:twice|two times|three times|dos veces|tres veces|el doble|deux fois|trois fois|[23] fois|[23] veces|[23] vezes|[23] times|le double|duas vezes|tr[êe]s vezes|o dobro|en double|em dobro|[23] ?x(?![\p{L}]))|(?:zweimal|doppelt|dreimal|dreifach)\s+(?:\p{L}+\s+){0,2}?(?:belastet|abgebucht|berechnet))(?![\p{L}])/iu],
  // Money paid out twice ("paying every employee twice", "salaire en double", "pagando em duplicidade"): money already wrong.
  ['moneyWrong', /(?<![\p{L}])(?:pa(?:id|ys|ying)|paga(?:ndo|do|dos|n)?|pag[óo]|ausgezahlt|überwiesen|vers[ée]s?|touch\p{L}*|salaires?|sal[áa]rios?|n[óo]minas?|gehälter|löhne)\s+(?:[\p{L}\p{N}]+\s+){0,6}?(?:twice|two times|doppelt|zweimal|dos veces|deux fois|en double|duas vezes|em dobro|em duplicidade|duplicad\p{L}*|dobrad[oa]s?|a dobrar)(?![\p{L}])|(?<![\p{L}])(?:a second time|ein zweites mal|une deuxi[èe]me fois|por segunda vez|pela segunda vez)\s+(?:\p{L}+\s+){0,2}?(?:paid|pa(?:ys|ying)|charged|billed|sent|[üu]berwiesen|ausgezahlt|abgebucht|vers[ée]e?s?|pr[ée]lev[ée]e?s?|pagad[oa]s?|cobrad[oa]s?|transferid[oa]s?)(?![\p{L}])/iu],
  // A charge after cancelling ("charged $29 in june, i cancelled in may", "cobrado … se cancelei"): money already wrong.
  ['moneyWrong', /(?<![\p{L}])(?:charged|billed|abgebucht|belastet|abgezogen|cobr\p{L}*|cargo|pr[ée]lev[ée]\p{L}*|d[ée]bit[ée]\p{L}*)(?![\p{L}])[^.!\n]{0,60}?(?<![\p{L}])(?:cancel+ed|gek[üu]ndigt|cancel[ée]|di de baja|me di de baja|r[ée]sili[ée]|cancelei|cancelado)(?![\p{L}])/iu],
  // "overwriting today's data", "pisando los datos", "écrase les données": data destroyed as it happens.
  ['dataLoss', /(?<![\p{L}])(?:overwrit\p{L}*|[üu]berschreib\p{L}*|pisando|sobrescrib\p{L}*|sobreescrib\p{L}*|[ée]cras\p{L}*|sobrescrev\p{L}*)(?![\p{L}])/iu],
  // "password and login e-mail just got changed", "me acaban de cambiar la contraseña", "trocaram minha senha": a takeover.
  ['security', /(?<![\p{L}])(?:(?:password|passwort|kennwort|contrase[ñn]a|mot de passe|mdp|senha)(?![\p{L}])[^.!?\n]{0,40}?(?<![\p{L}])(?:just (?:got|been) changed|(?:got|were|was) changed (?:while|under|in front)|wurden? (?:eben|gerade|grad) (?:\p{L}+ ){0,4}?ge[äa]ndert)|(?:me acaban de cambiar|on vient de (?:changer|modifier)|acabaram de (?:trocar|mudar)|trocaram) (?:la |mon |ma |minha |meu |o |a )?(?:contrase[ñn]a|mot de passe|mdp|senha)|vor meinen augen wurden (?:\p{L}+ ){0,4}?(?:passwort|kennwort))(?![\p{L}])/iu],
  // "an active session from a device I do not own", "un appareil que je connais pas": someone else's device inside.
  ['security', /(?<![\p{L}])(?:(?:device|session|appareil|ger[äa]t|dispositivo|aparelho)\s+(?:that\s+)?(?:i|we|que (?:je|nous|no|eu|n[ãa]o)|das (?:ich|wir))\s+(?:\p{L}+\s+)?(?:do not|don't|never|ne|connais|conozco|conhe[çc]o|kenne|kennen|own|recogni[sz]e|pas)(?:\s+\p{L}+){0,2}?\s*(?:own|recogni[sz]e|know|connais|pas|conozco|conhe[çc]o|kenne|nicht)?)(?![\p{L}])/iu],
  // "renewed 5 times today", "4x verlängert", "se renovó 6 veces", "s'est renouvelé 5 fois": a renewal repeated is money wrong.
  ['moneyWrong', /(?<![\p{L}])(?:renew\p{L}*|verl[äa]nger\p{L}*|renov\p{L}*|renouvel\p{L}*)\s+(?:\p{L}+\s+){0,2}?(?:\d+ ?(?:times|mal|veces|fois|vezes|x)|[2-9]x)(?![\p{L}])|(?<![\p{L}\p{N}])[2-9]x (?:verl[äa]ngert|renewed|renovad[oa]|renouvel[ée]e?)(?![\p{L}])/iu],
  // "the sync is emptying my folders", "vider mes dossiers", "esvaziando as pastas", "wird leerer": data being emptied.
  ['dataLoss', /(?<![\p{L}])(?:(?:emptying|wiping|leert|vaciando|dejando vac[íi]as?|vider|vide|esvaziando|deixando vazi[oa]s)\s+(?:\p{L}+\s+){0,2}?(?:folders?|files?|records?|ordner|dateien|eintr[äa]ge|carpetas|archivos|registros|dossiers|fichiers|donn[ée]es|pastas|arquivos|dados|datos|daten)|\p{L}*(?:kartei|ordner|liste|datenbank|katalog)\p{L}* (?:wird|werden) (?:\p{L}+ ){0,4}?leerer)(?![\p{L}])/iu],
  // "2FA removed", "die 2fa rausgenommen", "a2f désactivée": a second factor taken off by someone else.
  ['security', /(?<![\p{L}])(?:(?:2fa|mfa|2-?factor|two-factor|zwei-faktor\p{L}*|a2f|double authentification|autenticaci[óo]n en dos pasos|verifica[çc][ãa]o em duas etapas)\s+(?:\p{L}+\s+){0,3}?(?:rausgenommen|entfernt|deaktiviert|removed|disabled|turned off|d[ée]sactiv[ée]e?|supprim[ée]e?|desactivad[oa]|quitad[oa]|desativad[oa]|removid[oa])|(?:removed|disabled|turned off|deaktiviert|d[ée]sactiv[ée]|desactivaron|desativaram|quitaron)\s+(?:the\s+|die\s+|la\s+|el\s+|a\s+|o\s+)?(?:2fa|mfa|a2f|zwei-faktor\p{L}*))(?![\p{L}])/iu],
  // "da löscht jemand grad …", "exportiert gerade alles": a German verb with "grad" or "gerade" close by is happening now.
  ['ongoing', /(?<![\p{L}])(?:l[öo]e?scht|[äa]e?ndert|exportiert|verschickt|[üu]e?berweist|bucht|[üu]e?berschreibt|storniert|verschwinde[nt])\s+(?:\p{L}+\s+){0,2}?(?:grad|gerade)(?![\p{L}])/iu],
  // "all 4 of our gyms", "todas as 3 de nossas lojas": every one of a few of the customer's places.
  ['breadth', /(?<![\p{L}])(?:all|alle|todos|todas|tous|toutes)\s+(?:[2-9]|\d{2,})\s+(?:of (?:our|the)|de (?:nos|nuestr[oa]s|noss[oa]s)|unserer)\s+\p{L}{3,}/iu],
  // "6k are watching", "10k users": thousands of people, counted the short way.
  ['breadth', new RegExp(String.raw`(?<![\p{L}\p{N}.,])\d+(?:[.,]\d)?k\+?\s+(?:(?:are|were|sind|están|sont|estão|people|viewers|users|players)\s+)?(?:${PEOPLE}|watching|waiting|online|stuck|affected|zuschauen|warten|esperando|attendent)(?![\p{L}])`, 'iu')],
  // "taking the whole season to another ticketing company": leaving, however it is phrased.
  ['churn', /(?<![\p{L}])(?:taking|take|moving|move)\s+(?:\p{L}+\s+){0,3}?(?:to|over to)\s+(?:another|a different|a competitor)(?![\p{L}])/iu],
  // "the recovery e-mail on my account wasn't mine anymore": someone took over the way back in.
  ['security', /(?<![\p{L}])(?:recovery|wiederherstellungs|recuperaci[óo]n|r[ée]cup[ée]ration|recupera[çc][ãa]o)[- ]?(?:e-?mail|mail|correo|adresse|address)\p{L}*(?:\s+\S+){0,6}?\s+(?:wasn'?t mine|was not mine|not mine|ya no era|n'[ée]tait plus|(?:[ée]tait )?plus la mienne|n[ãa]o era mais)(?![\p{L}])|(?<![\p{L}])fremde wiederherstellungs-?mail/iu],
  // "my API key showed up in a screenshot on a forum", "API-Key in ein öffentliches Repo gepusht": a secret out in the open.
  ['security', /(?<![\p{L}])(?:api[- ]?keys?|api[- ]?schl[üu]ssel|chave (?:de |da )?api|cl[ée] (?:d'?)?api|clave (?:de )?api|tokens?)(?![\p{L}])[^.!?\n]{0,40}?(?<![\p{L}])(?:apareceu|appeared|leaked|vazou|posted|gepusht|pushed|committed|filtr\p{L}*|fuit\p{L}*|öffentlich\p{L}*|public\p{L}*|p[úu]blic\p{L}*)(?![\p{L}])/iu],
  // "the warehouse can't print labels", "le service achats a perdu ses droits": a team stopped is many people blocked.
  [['breadth', 'blocked'], TEAM_STOPPED],
  ['breadth', TEAM_SPEAKING],
  // "the scheduled posts all failed", "fallaron todas": every one of them failing.
  ['breadth', /(?<![\p{L}])(?:all failed|(?:all|todos|todas|tous|toutes|alle) (?:have )?(?:failed|fallaron|falharam|ont [ée]chou[ée]|(?:sind )?fehlgeschlagen)|(?:failed|fallaron|falharam|ont (?:tous |toutes )?[ée]chou[ée]s?) (?:all|todos|todas|tous|toutes))(?![\p{L}])/iu],
  // "o contrato é R$ 800 por mês e debitaram R$ 1.400", "laut Vertrag 980 €, eingezogen wurden 1.280 €": charged past the contract.
  ['moneyWrong', /(?<![\p{L}])(?:contrato|contract|vertrag|contrat|plan)(?![\p{L}])[^!?\n]{0,40}?\d[^!?\n]{0,50}?(?<![\p{L}])(?:debitaram|cobraram|charged|billed|abgebucht|eingezogen|pr[ée]lev[ée]s?|cobrad[oa]s?|cobraron|factur[ée]s?)(?![\p{L}])[^!?\n]{0,20}?\d/iu],
  // Portugal's progressive: "estão a desaparecer", "está a apagar": happening now.
  ['ongoing', /(?<![\p{L}])(?:est[áa]|est[ãa]o)\s+a\s+\p{L}+(?:ar|er|ir)(?![\p{L}])/iu],
  // "our appointment book has been losing bookings", "perdiendo reservas": data going as they watch.
  ['dataLoss', /(?<![\p{L}])(?:losing|verliert|perdiendo|perd(?:ons|ent)|perdendo)\s+(?:\p{L}+\s+)?(?:bookings|appointments|data|records|orders|files|termine|daten|eintr[äa]ge|citas|reservas|rendez-vous|donn[ée]es|dados|agendamentos|registros)(?![\p{L}])/iu],
  // "my folder 'Q3 contracts' is still empty", "ma carpeta sigue vacía": what was there is gone.
  ['dataLoss', /(?<![\p{L}])(?:folder|ordner|carpeta|dossier|pasta)(?:\s+\S+){0,4}?\s+(?:is |ist |sigue |est |continua |est[áa] )?(?:still |noch |toujours |ainda )?(?:empty|leer|vac[íi]a|vide|vazia)(?![\p{L}])/iu],
  ['ongoing', /(?<![\p{L}])(?:(?:is|are) (?!(?:some|no|any|every)thing)\p{L}+ing|(?:está|esta|están|estan) \p{L}+(?:ando|iendo)|(?:tá|ta|está|esta|estão|estao|tão|tao) \p{L}+(?:ando|endo|indo))(?![\p{L}])/iu],
];

/**
 * German typed without umlauts ("loescht", "ueberschreibt", "laeuft"): read a second time with them put back,
 * and keep what either reading finds. Only German-looking text with no umlaut at all is read twice; "ue" after
 * "q", "e" or "a" stays ("Quelle", "neue", "blaue").
 */
const UMLAUTS_SPELLED_OUT = /(?<![qQ])[aA][eE]|(?<![qQ])[oO][eE]|(?<![qQeEaA])[uU][eE]/u;
const HAS_UMLAUT = /[äöüßÄÖÜ]/u;
const GERMAN_HINT = /(?<![\p{L}])(?:und|nicht|nix|ist|sind|wir|ich|der|die|das|bei|mit|seit|auf|grad|gerade|bitte|alle|kein\p{L}*|noch|mehr|euer|eure)(?![\p{L}])/iu;
function withUmlauts(text: string): string {
  return text.replace(/(?<![qQ])([aAoO])([eE])|(?<![qQeEaA])([uU])([eE])/gu, (_match, ao: string | undefined, _e, u: string | undefined) => {
    const letter = ao ?? u ?? '';
    const umlaut = { a: 'ä', o: 'ö', u: 'ü', A: 'Ä', O: 'Ö', U: 'Ü' }[letter] ?? letter;
    return umlaut;
  });
}

export function findSignals(text: string): Signals {
  const signals = signalsOf(text);
  if (HAS_UMLAUT.test(text) || !UMLAUTS_SPELLED_OUT.test(text) || !GERMAN_HINT.test(text)) return signals;
  const again = signalsOf(withUmlauts(text));
  for (const signal of Object.keys(signals) as Signal[]) {
    for (const phrase of again[signal]) if (!signals[signal].includes(phrase)) signals[signal].push(phrase);
  }
  return signals;
}

function signalsOf(text: string): Signals {
  const lower = foldAccents(text.toLowerCase());
  const signals = Object.fromEntries(
    (Object.keys(SETS) as Signal[]).map((signal) => [signal, matchedKeywords(lower, SETS[signal]).map((phrase) => ORIGINAL.get(phrase) ?? phrase)]),
  ) as Signals;
  for (const [fed, shape] of SHAPES) {
    const match = shape.exec(text);
    if (!match) continue;
    // Counts of things are marked: "8 000 contacts" is many, but of things, not of people.
    const phrase = shape === COUNT_OF_ANYTHING ? `count:${match[0].toLowerCase()}` : match[0].toLowerCase();
    for (const signal of typeof fed === 'string' ? [fed] : fed) signals[signal].push(phrase);
  }
  return signals;
}


// The patterns compile on first use; the shapes' cost is paid when the module loads (test collection,
// start-up), not inside the first ticket's triage, where a loaded machine would make its card late.
// A phrase runs only on text holding its words (see lowerCaseKeywordSet), so phrases compile one at a
// time as tickets need them; policy/risk-checks.ts compiles the rest of the checks at start-up.
findSignals('warm-up: down, refund, ausgefallen, caído, não, ne pas, 502');
