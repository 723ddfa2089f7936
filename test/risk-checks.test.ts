/**
 * The deterministic checks behind routing: they read the customer's own
 * words, in every supported language, and see through cheap disguises, so a
 * model talked out of a risk cannot take the ticket past a human.
 */
import { describe, expect, it } from 'vitest';
import { canonicalText, deterministicRisk, warmUpRiskChecks } from '../src/policy/risk-checks.js';

describe('deterministicRisk', () => {
  it.each([
    ['I want a refund of $480 for the duplicate charge.', 'refund'],
    ['Mein Anwalt wird sich melden, wenn Sie meine Daten nicht löschen.', 'legal'],
    ['Please send me all data you hold on me under the GDPR (subject access request).', 'legal'],
    ['Antrag nach DSGVO: bitte meine Daten löschen.', 'legal'],
    ['Someone logged into my account from another country and changed the password.', 'security'],
    ['My account was hacked last night', 'security'],
    ['All our project files are gone, the data was deleted.', 'data_loss'],
  ])('flags %s', (text, flag) => {
    expect(deterministicRisk({ text }).riskFlags).toContain(flag);
  });

  it('reads amounts in the customer\u2019s words, whatever the currency notation', () => {
    expect(deterministicRisk({ text: 'Invoice INV-7 over 2.400,00 € was charged twice' }).amounts).toEqual([{ value: 2400, currency: 'EUR' }]);
    expect(deterministicRisk({ subject: 'Refund $2,400', text: 'see subject' }).amounts).toEqual([{ value: 2400, currency: 'USD' }]);
  });

  it('sees through zero-width characters and full-width letters', () => {
    expect(canonicalText('re\u200Bfund')).toBe('refund');
    expect(deterministicRisk({ text: 'I want my re\u200Bfu\u2060nd now' }).riskFlags).toContain('refund');
    expect(deterministicRisk({ text: 'ｒｅｆｕｎｄ please' }).riskFlags).toContain('refund');
    expect(deterministicRisk({ text: 'charged ＄９９９' }).amounts).toEqual([{ value: 999, currency: 'USD' }]);
  });

  it('finds nothing in a plain how-to question', () => {
    expect(deterministicRisk({ text: 'How do I export my dashboard as CSV?' })).toEqual({ riskFlags: [], amounts: [] });
  });
});

describe('warmUpRiskChecks', () => {
  it('compiles in slices, letting other work run in between, and changes no finding', async () => {
    let turns = 0;
    const ticking = setInterval(() => (turns += 1), 0);
    const before = deterministicRisk({ text: 'I can’t log in and want a refund of 30 € 😡' });
    try {
      await warmUpRiskChecks(1);
    } finally {
      clearInterval(ticking);
    }
    expect(turns).toBeGreaterThan(0);
    expect(deterministicRisk({ text: 'I can’t log in and want a refund of 30 € 😡' })).toEqual(before);
  });
});

