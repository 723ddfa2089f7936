/**
 * The category of a verdict (exactly one of the rubric's ten), from the same
 * signals and risk flags the urgency came from (rubric.ts): a breach is
 * security first, an outage is outage or technical by its scope, money wrong
 * is billing or refund, and what no list names is the product's.
 */
import type { Category, RiskFlag } from '../../domain/index.js';
import { accountShut, securityIsOurLock } from './account-shut.js';
import { QUOTE, QUOTE_MENTIONED } from './asking-cues.js';
import { outageCategory } from './outage-scope.js';
import type { Rule } from './rubric.js';
import { anyOf, type Signals } from './rubric-signals.js';
import { OFFER_QUESTION, OVER_NOW, TOTAL_FAILURE_WORD } from './scope-cues.js';

/** An order's own questions (where is it, can it still change): general, not the product. */
const ORDER_QUESTION = /(?<![\p{L}])(?:order|pedido|bestellung|commande|encomenda)\s*(?:n[º°o.]\s*|nr\.?\s*|#)?[A-Z0-9-]*\d{2,}|lieferadresse|direcci[óo]n de env[íi]o|adresse de livraison|endere[çc]o de entrega|shipping address|tracking|seguimiento|sendungsverfolgung|rastreio/iu;

/** Automations and layouts of what the product produces: configuring it, not paying for it. */
const SETTING_UP = /(?<![\p{L}])(?:automatic\p{L}*|automatisch\p{L}*|autom[áa]tic\p{L}*|automatiquement|logo|templates?|vorlage\p{L}*|plantillas?|mod[èe]les?|layout|reminders?|erinnerung\p{L}*|recordatorios?|lembretes?|rappels?)(?![\p{L}])/iu;

/** Data-processing agreements and sub-processor lists: legal paperwork, asked for without any threat. */
const COMPLIANCE_PAPERS = /(?<![\p{L}])(?:dpas?|sub-?processors?|avv|auftragsverarbeitung\p{L}*|unterauftragsverarbeiter\p{L}*|encargado del tratamiento|subencargados|sous-traitants|sous-traitance des donn[ée]es|acordo de tratamento de dados|encarregado(?: de dados)?|suboperadores)(?![\p{L}])/iu;

/** "a week without an answer", "nobody calls me back", "nadie contesta": our support silent. */
const SUPPORT_SILENT = /(?<![\p{L}])(?:no (?:answer|reply|response)|without (?:an? )?(?:answer|reply|response)|nobody (?:answers|replies|calls)|keine antwort|ohne antwort|niemand (?:antwortet|meldet sich|ruft)|sin respuesta|nadie (?:contesta|responde|me llama)|sans r[ée]ponse|pas de r[ée]ponse|personne ne (?:r[ée]pond|rappelle|me rappelle)|sem resposta|ningu[ée]m (?:responde|me liga|me ligar|liga)|demora \d+ dias pra responder)(?![\p{L}])/iu;

export function categoryOf(s: Signals, flags: readonly RiskFlag[], rule: Rule, moneyWrong: boolean, text: string): Category {
  // A breach that takes the service down for many is still a breach to contain first.
  if (flags.includes('security')) return 'security';
  // The whole service down is an outage; one capability failing for many is technical.
  if (rule === 'urgent_outage' || rule === 'urgent_many_blocked') return outageCategory(text, flags.includes('data_loss'));
  // Money first: a refund asked with a lawyer's name is still a refund to decide, a wrong charge still billing.
  if (flags.includes('refund')) return 'refund';
  if (moneyWrong || s.moneyNow.length > 0) return 'billing';
  if (flags.includes('legal')) return 'legal';
  if (rule === 'low_request_or_praise') return 'feedback';
  if (rule === 'low_small_talk' || rule === 'normal_greeting') return 'general';
  if (rule === 'low_curious') return s.legal.length > 0 ? 'legal' : s.sales.length > 0 || OFFER_QUESTION.test(text) ? 'sales' : 'general';
  // "down yesterday, fine now: can we have an incident report?" is about that outage.
  if (rule === 'normal_question' && s.down.length === 0 && OVER_NOW(text) && TOTAL_FAILURE_WORD.test(text)) return 'outage';
  // A threat to leave over a failure is about the product.
  if (flags.includes('churn_threat') && s.bug.length > 0) return 'technical';
  // A threat to leave over a price is about billing, whatever sales words it uses.
  if (flags.includes('churn_threat') && s.billing.length + s.sales.length >= Math.max(1, s.technical.length)) return 'billing';
  if (flags.includes('churn_threat') && s.technical.length > 0) return 'technical';
  // Our own lock or a lost phone is the customer's access, whatever security words it uses; unpaid is billing.
  if (securityIsOurLock(text, s.security) || (s.billing.length <= s.account.length && accountShut(text))) return 'account';
  // A question about a risk topic is about that topic.
  if (s.security.length > 0 && s.noNeed.length === 0) return 'security';
  // A question about refunds or the law is about refunds or the law (unless it says it is not).
  if (s.refund.length > 0 && s.noNeed.length === 0) return 'refund';
  if (s.legal.length > 0) return 'legal';
  // Blocked for want of payment is billing; locked out of the account is account.
  if (s.blocked.length > 0 && s.billing.length > s.account.length && s.billing.length >= s.technical.length) return 'billing';
  if (s.blocked.length > 0 && s.account.length > 0) return 'account';
  // "how do I make invoices go out automatically?", "change the logo on receipts": setting the product up, whatever it produces.
  if ((s.howTo.length > 0 || text.includes('?')) && SETTING_UP.test(text)) return 'technical';
  // Data-processing paperwork (a DPA, the list of sub-processors) is the legal team's, with nothing threatened.
  if (COMPLIANCE_PAPERS.test(text)) return 'legal';
  // Paperwork asked for an order ("an invoice with our VAT number for order 77810") is billing's, not a question about the order.
  if (ORDER_QUESTION.test(text)) return rule === 'normal_paperwork' && !text.includes('?') ? 'billing' : 'general';
  // Asking for a quote is a sale, whatever the plan or billing words around it.
  if (QUOTE_MENTIONED.test(text) && QUOTE.test(text)) return 'sales';
  // A failure the team works around, in words no category list has, is the product's.
  if (s.workaround.includes('worked around') && s.technical.length + s.account.length + s.billing.length === 0) return 'technical';
  const votes: [Category, number][] = [
    ['technical', s.technical.length + s.bug.length + (flags.includes('data_loss') ? 1 : 0)],
    ['account', s.account.length],
    ['billing', s.billing.length + s.paperwork.length],
    ['sales', s.sales.length],
  ];
  votes.sort((a, b) => b[1] - a[1]);
  const [best] = votes;
  if (best && best[1] > 0) return best[0];
  // A threat to leave or a question about nothing we have words for is most often about the product.
  // Support itself not answering is a complaint about us, not about the product.
  if (SUPPORT_SILENT.test(text) && s.technical.length === 0) return 'general';
  // Something not working, described in words no category list has, is the product's.
  if (anyOf(s.bug, s.blocked, s.down)) return 'technical';
  // A bare "allô ?" or "huhu??" asks nothing about the product.
  if (flags.includes('churn_threat') || s.howTo.length > 0 || (text.includes('?') && (text.match(/[\p{L}\p{N}]+/gu) ?? []).length > 2)) return 'technical';
  return 'general';
}
