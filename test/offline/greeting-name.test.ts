/**
 * The offline draft greets a customer by name only when the name looks like
 * a person's: "Hello Console customer," or "Hello U012AB3CD," would be sent
 * under our name.
 */
import { describe, expect, it } from 'vitest';
import { classifyOffline, draftOffline, extractOffline } from '../../src/models/offline/index.js';
import { greetableName } from '../../src/models/offline/greeting-name.js';

function greeting(customerName: string | undefined, text = 'How do I export my reports to CSV?'): string {
  const input = { text };
  const draft = draftOffline({ ...input, classification: classifyOffline(input), fields: extractOffline(input, { products: [] }), ...(customerName === undefined ? {} : { customerName }) });
  return draft.reply.split('\n')[0] ?? '';
}

describe('greetableName', () => {
  it.each([
    ['Ana Lima', 'Ana Lima'],
    ['  Ana   Lima ', 'Ana Lima'],
    ['Frau Müller', 'Frau Müller'],
    ["Seán O'Brien", "Seán O'Brien"],
    ['Jean-Luc Picard', 'Jean-Luc Picard'],
    ['Dr. J. Smith', 'Dr. J. Smith'],
    ['ana', 'ana'],
    ['Zoë', 'Zoë'],
    ['山田太郎', '山田太郎'],
    ['Αλέξης', 'Αλέξης'],
    // A mention before the name is dropped, not greeted.
    ['<@U123> Bob', 'Bob'],
  ])('greets %j', (raw, expected) => {
    expect(greetableName(raw)).toBe(expected);
  });

  it.each([
    // Placeholders: what a surface, a test or a demo fills in for "someone".
    'Console customer',
    'customer',
    'CUSTOMER',
    'Unknown user',
    'Guest',
    'Anonymous',
    'Test User',
    'Kunde',
    'Support Team',
    // Ids, handles, addresses and markup.
    'U012AB3CD',
    'user_4711',
    'ana.lima',
    'ana@example.com',
    '<name>',
    '<@U123>',
    '@everyone',
    '**boss**',
    // Not a name at all.
    '',
    '   ',
    'J.',
    'A',
    'Ana Maria de la Cruz Lima',
    'N'.repeat(61),
    'Ana\u200bLima',
  ])('does not greet %j', (raw) => {
    expect(greetableName(raw)).toBeUndefined();
  });

  it('does not greet a missing name', () => {
    expect(greetableName(undefined)).toBeUndefined();
  });
});

describe('the offline draft greeting', () => {
  it('greets a real-looking name, in the ticket language', () => {
    expect(greeting('Ana Lima')).toBe('Hello Ana Lima,');
    expect(greeting('Frau Müller', 'Hallo, wie exportiere ich meine Berichte als CSV? Vielen Dank')).toBe('Guten Tag Frau Müller,');
  });

  it('greets without a name when there is none or it is a placeholder', () => {
    expect(greeting(undefined)).toBe('Hello,');
    expect(greeting('Console customer')).toBe('Hello,');
    expect(greeting('U012AB3CD')).toBe('Hello,');
    expect(greeting('Kunde', 'Hallo, wie exportiere ich meine Berichte als CSV? Vielen Dank')).toBe('Guten Tag,');
  });
});
