/**
 * Words that say nothing about what a customer asks: function words, chat
 * filler ("hi", "thanks", "asap") and the support words every question shares
 * ("problem", "question", "help"). Kept out of the full-text query so BM25
 * ranks on the words that pick a passage.
 *
 * The lists of all five KB languages are applied to every query, whatever
 * its detected language: chat messages mix languages ("Hallo, my invoice …")
 * and detection on two words is a guess. The lists are written folded (lower
 * case, no diacritics), as the query builder compares them. A word that is a
 * function word in one language and a content word in another is left out
 * (Portuguese "data" is a date, English "data" is what a GDPR export is about).
 */

const EN = `a about above after again all also am an and any anyone anything are aren't as at be been before being
  below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't done
  during each either else even ever every few for from further get gets getting got had has hasn't have haven't
  having he her here hers him his how i i'd i'll i'm i've if in into is isn't it it's its just keep know let
  like ll me might mine more most much must my myself need needs no nor not now of off on once one only or
  other our ours out over own please same she should shouldn't so some someone something still such than
  thank thanks that that's the their them then there these they this those through to too under until up
  us very via want wants was wasn't way we were what what's when where whether which while who whom why will
  with within without won't would wouldn't yes yet you you're your yours hi hello hey dear regards cheers
  thx pls plz asap ok okay guys team folks think guess wonder wondering curious anyway question questions problem problems issue issues help anybody
  somebody tell told say said sure really already tried trying try able possible maybe just hmm hiya
  morning afternoon evening today yesterday tomorrow right wrong work works working use using used make made take takes took
  don doesn didn isn wasn aren weren haven hasn hadn couldn wouldn shouldn won ve re find found last`;

const DE = `aber alle allem allen aller alles als also am an ander andere anderen auch auf aus bei beim bin bis
  bitte bist da damit dann das dass dein deine dem den denn der des dich die dies diese diesem diesen dieser
  dieses dir doch dort du durch ein eine einem einen einer eines er es etwas euch euer für gegen gibt hab habe
  haben hat hatte hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer im immer in ist ja jetzt kann
  kein keine keinem keinen keiner können könnt könnte mal man mehr mein meine meinem meinen meiner mich mir
  mit muss müssen nach nicht nichts noch nun nur ob oder ohne schon sehr sein seine sich sie sind so soll
  sollte über um und uns unser unsere unter viel vom von vor war waren warum was weil welche welcher wenn
  wer werde werden wie wieder will wir wird wo wurde wurden zu zum zur zwar hallo guten tag morgen danke
  dank vielen gruß grüße lg mfg moin servus hilfe frage fragen problem probleme leider irgendwie geht gehen
  bekomme bekommen brauche brauchen möchte möchten wollen würde würden kriege klappt einfach gerade heute
  gestern seit eigentlich bzw ca finde finden unseren unserem unserer tun nutzen benutzen verwenden steht stehen gerade
  bekommt eigentlich`;

const ES = `a al algo algún alguna alguno ante antes aquí así aun aún cada como con contra cual cuál cuando cuándo
  de del desde donde dónde durante el él ella ellas ellos en entre era eres es esa ese eso esta está están
  estas este esto estos estoy fue ha han has hay he hola gracias muchas muchos mi mí mis muy más nada ni no
  nos nosotros o os otra otro para pero poco por porque puedo puede pueden qué que quien quién se sea ser si
  sí sin sobre solo su sus también tan tengo tiene tienen todo todos tu tú tus un una uno unos usted ustedes
  y ya yo ayuda problema pregunta favor buenas buenos días tardes saludos necesito quiero quisiera hacer
  hago cómo debo funciona hoy ayer me le les lo la las los mí cualquier cualquiera momento encontrar encuentro quieren quiere`;

const FR = `à a ai au aussi aux avec avez avoir bonjour bonsoir ça ce ceci cela ces cet cette chez comme comment
  dans de des donc dont du elle elles en encore est et été être eu fait faire il ils j je jusqu l la le les
  leur leurs lui m ma mais me merci mes moi mon même n ne ni nos notre nous on ont ou où par pas peut peux
  plus pour pourquoi pouvez pourriez puis puisque qu quand que quel quelle quelles quels qui s sa sans se ses
  si son sont suis sur t ta te tes toi ton tous tout toute toutes très tu un une vos votre vous y aide
  problème question besoin voudrais veux cordialement salut svp stp aujourd hui hier d c est-ce depuis matin soir trouver
  trouve arrive`;

const PT = `a à ao aos as às até com como da das de dele dela deles do dos e é ela elas ele eles em entre era essa
  esse esta está estão este estou eu foi for há isso isto já la lhe mais mas me mesmo meu meus minha minhas
  muito na nas não nem no nos nós num numa o os ou para pela pelas pelo pelos por porque pra qual quando que
  quem se sem ser seu seus só sua suas também te tem tenho teu tua um uma umas uns você vocês vos olá oi
  obrigado obrigada ajuda problema pergunta preciso queria quero gostaria posso pode podem fazer faço hoje
  ontem bom dia boa tarde por favor onde achar acho encontrar encontro`;

/** Lower case without diacritics: "für" → "fur", "está" → "esta". */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

function words(list: string): string[] {
  return list.split(/\s+/).filter((word) => word !== '').map(fold);
}

/** The stop words of every KB language, folded. */
export const STOP_WORDS: ReadonlySet<string> = new Set([...words(EN), ...words(DE), ...words(ES), ...words(FR), ...words(PT)]);

export function isStopWord(foldedWord: string): boolean {
  return STOP_WORDS.has(foldedWord);
}
