/**
 * One customer's account shut, not the service down and not a break-in:
 * "our workspace got suspended", "me bloquearon la cuenta", "notre compte a été
 * suspendu", "the only owner left the company". However many people stand
 * behind that account, the rubric calls it one customer blocked (`high`,
 * `account`); and a suspension "for suspicious activity" is our own check
 * firing, not someone else in the account. A lost or stolen 2FA phone is the
 * same: the customer locked out, nothing of theirs taken by an intruder.
 *
 * Each test runs once a ticket, on the text the rubric judges.
 */

const ACCOUNT = String.raw`(?:account|workspace|\p{L}*konto|zugang|cuenta|compte|espace|conta|loja|tienda|shop|store|boutique)`;
const SHUT = String.raw`(?:paused|pausiert|pausad[oa]|(?:mis|mise) en pause|suspend\p{L}*|frozen|froze|eingefroren|congelad\p{L}*|gel[ée]e?|lock(?:ed)?|block(?:ed)?|deactivat\p{L}*|disabled|gesperrt|sperr\p{L}*|deaktiviert|suspendu\p{L}*|verrouill\p{L}*|bloqu\p{L}*|d[ée]sactiv\p{L}*|suspendid\p{L}*|suspens\p{L}*|desactivad\p{L}*|desativad\p{L}*|retien\p{L}*|ret[ée]m)`;

const SHUT_STEM = /paus|suspen|froze|gefroren|congel|gel[ée]|lock|block|sperr|bloqu|verrouill|sactiv|desativ|deactiv|disabled|retien|ret[ée]m/i;
const OWNER_STEM = /owner|propri|inhaber|don[oa] da|titular|admin|[úu]nic|einzig|seul/i;

/** The account named and shut within a few words, either way round. */
const ACCOUNT_SHUT = new RegExp(String.raw`(?<![\p{L}])(?:(?:merchant|account|h[äa]ndler)[_ ]suspended|${ACCOUNT}(?![\p{L}])[^.!?\n]{0,50}?(?<![\p{L}])${SHUT}|${SHUT}(?![\p{L}])[^.!?\n]{0,20}?(?<![\p{L}])${ACCOUNT})(?![\p{L}])`, 'iu');

/** The only owner or admin gone: nobody left who may change anything. */
const OWNER_GONE = /(?<![\p{L}])(?:owner rights|only (?:one with )?(?:owner|admin)|seule? propri[ée]taire|seul(?:e)? admin\p{L}*|inhaberrechte\p{L}*|einzige[rn]? (?:mit )?(?:admin|inhaber)\p{L}*|[úu]nic[oa] (?:admin\p{L}*|propietari[oa]|titular)|(?:don[oa]|titular) da conta(?: \p{L}+){0,3}? (?:saiu|foi embora|faleceu|n[ãa]o (?:est[áa]|trabalha)))(?![\p{L}])/iu;

/** Our own fraud check as the reason: "for 'unusual activity'", "wegen verdächtiger Aktivität", "por actividad sospechosa". */
const SUSPECTED = /(?<![\p{L}])(?:suspicious|unusual|fraud\p{L}*|verd[äa]cht\p{L}*|betrugsverdacht|ungew[öo]hnlich\p{L}*|sospechos\p{L}*|inusual|fraudulent\p{L}*|suspect\p{L}*|inhabituel\p{L}*|suspeit\p{L}*|incomum|atividade estranha)(?![\p{L}])/iu;

/** A phone with the second factor lost, stolen or broken. */
const LOST_DEVICE = /(?<![\p{L}])(?:phone|handy|smartphone|m[óo]vil|celular|t[ée]l[ée]phone|telefone|telem[óo]vel|portable)(?![\p{L}])[^.!?\n]{0,25}?(?<![\p{L}])(?:stolen|lost|broke\p{L}*|geklaut|gestohlen|verloren|kaputt|robad[oa]|perd\p{L}*|vol[ée]e?|cass[ée]|roubad[oa]|quebr\p{L}*)(?![\p{L}])|(?<![\p{L}])(?:stole|lost|perd[íi]|perdu|verloren|robaron|roubaram|me robaron|on m'a vol[ée])(?![\p{L}])[^.!?\n]{0,15}?(?:phone|handy|m[óo]vil|celular|t[ée]l[ée]phone|telefone|tel|portable|natel|iphone|smartphone)(?![\p{L}])/iu;

/** Security words that say only what happened to the phone. */
const THEFT_WORD = /^(?:stolen|gestohlen|geklaut|robad[oa]|vol[ée]e?|roubad[oa]|stole)$/iu;

/** A phone with the second factor lost, stolen or broken: the phone is lost, not the customer's data. */
export const lostDevice = (text: string): boolean => LOST_DEVICE.test(text);

/** One customer's account shut (or its only owner gone): not an outage, however many stand behind it. */
export function accountShut(text: string): boolean {
  // Plain stems first: the windowed patterns cost more, and most tickets name no lock and no owner.
  return (SHUT_STEM.test(text) && ACCOUNT_SHUT.test(text)) || (OWNER_STEM.test(text) && OWNER_GONE.test(text));
}

/** Security phrases that describe our own lock or a lost phone, not an intruder: they raise no flag. */
export function securityIsOurLock(text: string, securityPhrases: readonly string[]): boolean {
  if (securityPhrases.length === 0) return false;
  if (SHUT_STEM.test(text) && ACCOUNT_SHUT.test(text) && SUSPECTED.test(text)) return securityPhrases.every((phrase) => SUSPECTED.test(phrase));
  return LOST_DEVICE.test(text) && securityPhrases.every((phrase) => THEFT_WORD.test(phrase));
}
