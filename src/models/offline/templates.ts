// Reply templates for the offline drafter, one complete set per language.
//
// Rules every sentence here follows, because an offline draft may be sent
// after a quick human glance:
// - no promise of money: no "refund", "credit", "compensation" in our voice;
// - no promise of time: no "today", "within 24 hours", "shortly";
// - no claim about what happened ("the outage is fixed") — we do not know;
// - ask for what is missing (an order number) instead of guessing.
// Tests in test/offline/drafter.test.ts enforce the first two.

import type { Category } from '../../domain/index.js';

export interface ReplyTemplate {
  greeting: (name: string | undefined) => string;
  /** Restates the request; `ask` is already sanitised and trimmed. */
  thanks: (ask: string) => string;
  thanksWithoutAsk: string;
  orderNoted: (orderIds: readonly string[]) => string;
  category: Record<Category, string>;
  askForOrderId: string;
  askForAccount: string;
  askForErrorDetails: string;
  priority: string;
  /** Introduces a quoted passage of the team's docs: `where` is its title and heading. */
  fromDocs: (where: string) => string;
  closing: string;
}

const list = (values: readonly string[], and: string): string =>
  values.length <= 1
    ? (values[0] ?? '')
    : `${values.slice(0, -1).join(', ')} ${and} ${values[values.length - 1] ?? ''}`;

const en: ReplyTemplate = {
  greeting: (name) => (name ? `Hello ${name},` : 'Hello,'),
  thanks: (ask) => `Thank you for contacting us about "${ask}".`,
  thanksWithoutAsk: 'Thank you for contacting us.',
  orderNoted: (ids) =>
    ids.length === 1
      ? `We have noted your order number ${ids[0] ?? ''}.`
      : `We have noted your order numbers ${list(ids, 'and')}.`,
  category: {
    billing: 'A colleague will check the billing details you mention.',
    refund: 'A colleague will review your request together with the details of your order.',
    technical: 'A colleague from our technical team will look into the problem you describe.',
    account: 'A colleague will look into your account question. For your security, please never send us your password.',
    outage: 'A colleague will look into the disruption you report.',
    security:
      'We take security reports seriously, and a colleague will review yours. Please do not share passwords or other secrets in this conversation.',
    legal: 'Your message has been passed on to the responsible team for review.',
    sales: 'A colleague will follow up with the information you asked for.',
    feedback: 'Thank you for your feedback; we have passed it on to the team.',
    general: 'A colleague will look into your message.',
  },
  askForOrderId: 'So that we can find your order, could you send us your order number?',
  askForAccount: 'Could you tell us the e-mail address or customer number your account is registered under?',
  askForErrorDetails: 'If you can, please include the exact error message and the steps that lead to the problem.',
  priority: 'We have marked your request as a priority.',
  fromDocs: (where) => `This is what our documentation says (${where}):`,
  closing: 'Best regards,\nCustomer Support',
};

const de: ReplyTemplate = {
  greeting: (name) => (name ? `Guten Tag ${name},` : 'Guten Tag,'),
  thanks: (ask) => `vielen Dank für Ihre Nachricht zu „${ask}“.`,
  thanksWithoutAsk: 'vielen Dank für Ihre Nachricht.',
  orderNoted: (ids) =>
    ids.length === 1
      ? `Wir haben Ihre Bestellnummer ${ids[0] ?? ''} notiert.`
      : `Wir haben Ihre Bestellnummern ${list(ids, 'und')} notiert.`,
  category: {
    billing: 'Eine Kollegin oder ein Kollege prüft die genannten Abrechnungsdetails.',
    refund: 'Eine Kollegin oder ein Kollege prüft Ihr Anliegen zusammen mit den Angaben zu Ihrer Bestellung.',
    technical: 'Unser technisches Team sieht sich das beschriebene Problem an.',
    account:
      'Wir sehen uns Ihr Anliegen zu Ihrem Konto an. Bitte senden Sie uns zu Ihrer Sicherheit niemals Ihr Passwort.',
    outage: 'Wir gehen der gemeldeten Störung nach.',
    security:
      'Wir nehmen Sicherheitsmeldungen ernst und prüfen Ihre Meldung. Bitte teilen Sie in dieser Unterhaltung keine Passwörter oder andere vertrauliche Zugangsdaten.',
    legal: 'Wir haben Ihre Nachricht zur Prüfung an die zuständige Stelle weitergegeben.',
    sales: 'Wir melden uns mit den gewünschten Informationen bei Ihnen.',
    feedback: 'Vielen Dank für Ihre Rückmeldung; wir haben sie an das Team weitergegeben.',
    general: 'Wir sehen uns Ihr Anliegen an.',
  },
  askForOrderId: 'Damit wir Ihre Bestellung finden, senden Sie uns bitte Ihre Bestellnummer.',
  askForAccount: 'Teilen Sie uns bitte die E-Mail-Adresse oder Kundennummer mit, unter der Ihr Konto geführt wird.',
  askForErrorDetails: 'Falls möglich, senden Sie uns bitte die genaue Fehlermeldung und die Schritte, die zu dem Problem führen.',
  priority: 'Wir haben Ihr Anliegen als vorrangig markiert.',
  fromDocs: (where) => `Dazu steht in unserer Dokumentation (${where}):`,
  closing: 'Mit freundlichen Grüßen\nIhr Kundenservice',
};

export const TEMPLATES: Readonly<Record<string, ReplyTemplate>> = { en, de };

export const FALLBACK_TEMPLATE_LANGUAGE = 'en';

/** The template for `language`, or English with the language actually used. */
export function templateFor(language: string): { language: string; template: ReplyTemplate } {
  const template = TEMPLATES[language];
  return template ? { language, template } : { language: FALLBACK_TEMPLATE_LANGUAGE, template: en };
}
