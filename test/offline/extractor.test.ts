import { describe, expect, it } from 'vitest';
import { extractOffline } from '../../src/models/offline/index.js';
import { parseNumber } from '../../src/models/offline/amounts.js';

const none = { products: [] as string[] };
const extract = (text: string, products: string[] = []) => extractOffline({ text }, { products });

describe('extractOffline: order ids', () => {
  it.each([
    ['Where is #12345?', ['12345']],
    ['my order 12345 has not arrived', ['12345']],
    ['Order number: 98765', ['98765']],
    ['order #A-77-X', ['A-77-X']],
    ['see ORD-1234 please', ['ORD-1234']],
    ['Meine Bestellung 12345 fehlt', ['12345']],
    ['Bestellung Nr. 55501 ist beschädigt', ['55501']],
    ['Bestellnummer: 4711-B', ['4711-B']],
    ["ma commande n° 5521 n'est pas arrivée", ['5521']],
    ['mi pedido 7781 no ha llegado', ['7781']],
  ])('finds the order id in %j', (text, expected) => {
    expect(extract(text).orderIds).toEqual(expected);
  });

  it('ignores ticket numbers, quantities and ids inside e-mail addresses', () => {
    expect(extract('Re ticket #999: I want to order 2 licences, write to order12345@shop.example').orderIds).toEqual([]);
  });

  it('deduplicates and keeps the order of appearance, subject first', () => {
    const fields = extractOffline(
      { subject: 'Order #300', text: 'Orders ORD-200 and #100 — and again order 300, plus ord-200.' },
      none,
    );
    expect(fields.orderIds).toEqual(['300', 'ORD-200', '100']);
  });
});

describe('extractOffline: account ids and e-mails', () => {
  it.each([
    ['my account 123 is locked', ['123']],
    ['Account number: AB-9981', ['AB-9981']],
    ['ref acct-9f8e', ['acct-9f8e']],
    ['customer id C-555', ['C-555']],
    ['Customer number 77812', ['77812']],
    ['Meine Kundennummer ist 4711', ['4711']],
    ['my customer number is 31337', ['31337']],
    ['Kundennummer: 4711', ['4711']],
    ['Kunden-ID 99-1', ['99-1']],
    ['Konto 889900 gesperrt', ['889900']],
  ])('finds the account id in %j', (text, expected) => {
    expect(extract(text).accountIds).toEqual(expected);
  });

  it('does not mistake an anonymisation placeholder for an account id', () => {
    expect(extract('my account <acc_num> is locked').accountIds).toEqual([]);
  });

  it('finds e-mail addresses, lower-cased and deduplicated', () => {
    expect(extract('Write to Jane.Doe@Example.co.uk or jane.doe@example.co.uk, cc ops+alerts@shop.example.').emails).toEqual([
      'jane.doe@example.co.uk',
      'ops+alerts@shop.example',
    ]);
  });
});

describe('extractOffline: amounts', () => {
  it.each([
    ['I paid $1,299.00 for it', [{ value: 1299, currency: 'USD' }]],
    ['a charge of 120 EUR', [{ value: 120, currency: 'EUR' }]],
    ['only €50', [{ value: 50, currency: 'EUR' }]],
    ['es wurden 50,00 € abgebucht', [{ value: 50, currency: 'EUR' }]],
    ['insgesamt 1.299,00 EUR', [{ value: 1299, currency: 'EUR' }]],
    ['USD 20 twice', [{ value: 20, currency: 'USD' }]],
    ['£7.99 per month', [{ value: 7.99, currency: 'GBP' }]],
    ['19,90 Euro', [{ value: 19.9, currency: 'EUR' }]],
    ['CHF 1\'250.50', [{ value: 1250.5, currency: 'CHF' }]],
  ])('reads %j', (text, expected) => {
    expect(extract(text).amounts).toEqual(expected);
  });

  it('keeps several amounts in order and drops repeats', () => {
    expect(extract('Charged $20, then $35.50, then $20 again.').amounts).toEqual([
      { value: 20, currency: 'USD' },
      { value: 35.5, currency: 'USD' },
    ]);
  });

  it('does not read order numbers or plain numbers as money', () => {
    expect(extract('order 12345, 3 items, version 2.1').amounts).toEqual([]);
  });

  it.each([
    ['1,299.00', 1299],
    ['1.299,00', 1299],
    ['50,00', 50],
    ['1.5', 1.5],
    ['1.299', 1299],
    ['1,299', 1299],
    ['2.000.000', 2000000],
  ])('parses the number %s', (raw, value) => {
    expect(parseNumber(raw)).toBe(value);
  });
});

describe('extractOffline: products', () => {
  const products = ['Widget Pro', 'Widget', 'SyncBox'];

  it('matches configured names case-insensitively as whole words, returned as configured, in order', () => {
    expect(extract('My syncbox stopped talking to the WIDGET PRO.', products).products).toEqual(['SyncBox', 'Widget Pro']);
  });

  it('does not match inside other words', () => {
    expect(extract('The widgets page and SyncBoxes are fine.', products).products).toEqual([]);
  });

  it('returns empty lists for a ticket with nothing to extract', () => {
    expect(extract('Hello, I have a question.', products)).toEqual({
      orderIds: [],
      accountIds: [],
      emails: [],
      products: [],
      amounts: [],
    });
  });
});

describe('extractOffline: chat-style fields in five languages', () => {
  const fields = (text: string) => extractOffline({ text }, { products: [] });
  it('reads Brazilian reais, a French thousands space and a price with no currency in a text about paying', () => {
    expect(fields('me cobraram R$ 349,90 numa renovação').amounts).toEqual([{ value: 349.9, currency: 'BRL' }]);
    expect(fields('paguei o plano anual (R$ 2.388,00)').amounts).toEqual([{ value: 2388, currency: 'BRL' }]);
    expect(fields('1 480,00 € qui manquent').amounts).toEqual([{ value: 1480, currency: 'EUR' }]);
    expect(fields('you charged me after i cancelled, order A-5521, 19.99').amounts).toEqual([{ value: 19.99, currency: null }]);
    // No paying words: a bare decimal is a version, a score, anything.
    expect(fields('after the update to 2.40 the export is slow').amounts).toEqual([]);
  });

  it('reads labelled ids written the chat way', () => {
    expect(fields('commande n°FR-20931 reçue incomplète').orderIds).toEqual(['FR-20931']);
    expect(fields('der kurs wurde abgesagt (bestellnr. 50318)').orderIds).toEqual(['50318']);
    expect(fields('export läuft noch!! konto-id K-44871').accountIds).toEqual(['K-44871']);
    expect(fields('transfer ownership of the workspace? workspace id 4410').accountIds).toEqual(['4410']);
  });
});
