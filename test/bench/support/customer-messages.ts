/**
 * Seeded customer messages for load benches: questions, outages, refunds with
 * amounts, security scares, legal threats, in English, German and Spanish,
 * with order numbers, accounts and amounts drawn from the seed so no two
 * tickets read alike (a cache keyed by text must not look better than it is).
 * Every message asks for something, so each becomes a ticket with a card:
 * no "thanks!" that would be closed quietly.
 */
import { mulberry32 } from '../../fakes/openai/index.js';

type Slots = { order: string; amount: string; account: string; product: string; day: string; minutes: number };

const PRODUCTS = ['Parcelly Tracker', 'Parcelly Labels', 'Parcelly Returns', 'the mobile app', 'the dashboard', 'the API'];
const DAYS = ['Monday', 'Tuesday', 'yesterday', 'this morning', 'last week', 'the 3rd'];

const TEMPLATES: readonly ((s: Slots) => string)[] = [
  (s) => `Which payment methods do you accept for ${s.product}? We want to switch from card to invoice.`,
  (s) => `How do I export my shipments to CSV from ${s.product}? I need it for the monthly review.`,
  (s) => `I was charged ${s.amount} twice for order ${s.order}. Please refund the duplicate charge.`,
  (s) => `Tracking for order ${s.order} has not moved since ${s.day}. Where is my parcel?`,
  (s) => `${s.product} has been down for ${s.minutes} minutes, none of our team can print labels. Urgent!`,
  (s) => `Someone logged into account ${s.account} from another country and changed the password. Please lock it.`,
  (s) => `If the data for account ${s.account} is not returned within 7 days, our lawyer will contact you.`,
  (s) => `Can I add a second admin to account ${s.account}? The invite email never arrives.`,
  (s) => `The webhook deliveries for ${s.product} fail with 410 since ${s.day}. Did the endpoint change?`,
  (s) => `Please cancel order ${s.order} and refund ${s.amount}, it was placed by mistake.`,
  (s) => `Our invoice for ${s.day} shows ${s.amount} but our plan costs less. Can you check account ${s.account}?`,
  (s) => `Seit ${s.minutes} Minuten funktioniert ${s.product} nicht mehr, bitte dringend helfen! Konto ${s.account}.`,
  (s) => `Ich möchte eine Rückerstattung von ${s.amount} für Bestellung ${s.order}, das Paket kam beschädigt an.`,
  (s) => `Wie kann ich die Lieferadresse für Bestellung ${s.order} noch ändern?`,
  (s) => `¿Dónde está mi pedido ${s.order}? El seguimiento no cambia desde ${s.day}.`,
  (s) => `The label printer integration in ${s.product} prints blank pages after the last update. Any workaround?`,
];

export interface CustomerMessage {
  text: string;
  /** One of a few hundred customers, so some write more than once. */
  user: string;
}

/** The n-th message of a seeded sequence (call in order: each draws from the same generator). */
export function customerMessages(seed: number): () => CustomerMessage {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const digits = (n: number) => String(Math.floor(random() * 10 ** n)).padStart(n, '0');
  return () => {
    const slots: Slots = {
      order: `#${digits(6)}`,
      amount: `$${(10 + random() * 490).toFixed(2)}`,
      account: `acct-${digits(5)}`,
      product: pick(PRODUCTS),
      day: pick(DAYS),
      minutes: 5 + Math.floor(random() * 120),
    };
    return { text: pick(TEMPLATES)(slots), user: `UCUST${digits(3)}` };
  };
}
