import { describe, expect, it } from 'vitest';
import { describeAsk } from '../../src/models/offline/ask.js';
import { compileKeyword, keywordSet, matchedKeywords, normalizeText, truncate } from '../../src/models/offline/text.js';

describe('normalizeText', () => {
  it('turns literal \\n escapes and <br> into line breaks and drops placeholders', () => {
    expect(normalizeText('Hallo,\\n\\nich bin <name>.<br>Danke\\r\\nTschüss')).toBe('Hallo,\n\nich bin .\nDanke\nTschüss');
  });
});

describe('keyword matching', () => {
  it('matches whole words only, case-insensitively, with Unicode letters', () => {
    expect(compileKeyword('sue').test('I will SUE you')).toBe(true);
    expect(compileKeyword('sue').test('an issue')).toBe(false);
    expect(compileKeyword('ausfall').test('xÄusfall')).toBe(false);
  });

  it('lets * stand for compound parts and inflections', () => {
    expect(compileKeyword('*ausfall').test('ein Serviceausfall heute')).toBe(true);
    expect(compileKeyword('sicherheits*').test('Sicherheitsvorfall')).toBe(true);
    expect(compileKeyword('refund*').test('refunded')).toBe(true);
  });

  it('matches phrases across line breaks and either apostrophe', () => {
    expect(compileKeyword("can't access").test('I can’t\naccess it')).toBe(true);
  });

  it('finds through the probe what the regex finds: case, accents, compounds, apostrophes, phrases', () => {
    const set = keywordSet(['Rückerstattung', '*ausfall', "can't log in", 'sicherheits*', 'sue']);
    expect(matchedKeywords('ICH WILL EINE RÜCKERSTATTUNG', set)).toEqual(['rückerstattung']);
    expect(matchedKeywords('Serviceausfall seit 9 Uhr', set)).toEqual(['*ausfall']);
    expect(matchedKeywords('We CAN’T   LOG\nIN', set)).toEqual(["can't log in"]);
    expect(matchedKeywords('Sicherheitsvorfall!', set)).toEqual(['sicherheits*']);
    // The probe only rules out; the regex still decides: "sue" is inside "issue" but is not the word.
    expect(matchedKeywords('an issue', set)).toEqual([]);
  });

  it('does not read "\\nich" as a word after normalisation', () => {
    const set = keywordSet(['nich']);
    expect(matchedKeywords('Hallo\\nich bin da', set)).toEqual(['nich']);
    expect(matchedKeywords(normalizeText('Hallo\\nich bin da'), set)).toEqual([]);
  });
});

describe('truncate and describeAsk', () => {
  it('cuts at a word boundary with an ellipsis', () => {
    expect(truncate('one two three four five', 16)).toBe('one two three…');
    expect(truncate('short', 12)).toBe('short');
  });

  it('prefers the subject, without reply prefixes', () => {
    expect(describeAsk({ subject: 'Re: AW: Invoice 2024-11 is wrong', text: 'see subject' })).toBe('Invoice 2024-11 is wrong');
  });

  it('uses the first question when the subject is only a label', () => {
    expect(describeAsk({ subject: 'Help', text: 'Dear team,\\nI hope you are well. Where is my parcel? Thanks' })).toBe('Where is my parcel?');
  });

  it('strips a salutation on the same line as the request', () => {
    expect(describeAsk({ text: 'Hi, I was charged twice for order 5.' })).toBe('I was charged twice for order 5');
  });
});
