/** Reading the KB folder: front matter, splitting by heading, chunking long sections, languages. */
import { afterAll, describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../src/kb/front-matter.js';
import { readKbFolder } from '../../src/kb/loader.js';
import { chunk, CHUNK_CHARACTERS, splitIntoPassages } from '../../src/kb/passages.js';
import { workspace } from './support.js';

const space = workspace('kb-loader');
afterAll(() => space.cleanup());

describe('front matter', () => {
  it('reads title, language, url and tags written as a list, a comma string or dash items', () => {
    const inline = parseFrontMatter('---\ntitle: "Refund policy"\nlanguage: EN\ntags: [billing, "refund"]\nurl: https://help.example/refunds\n---\n# Body\n');
    expect(inline.frontMatter).toEqual({ title: 'Refund policy', language: 'en', tags: ['billing', 'refund'], url: 'https://help.example/refunds' });
    expect(inline.body).toBe('# Body\n');
    expect(parseFrontMatter('---\ntags: billing, refund\n---\ntext').frontMatter.tags).toEqual(['billing', 'refund']);
    expect(parseFrontMatter("---\ntags:\n  - billing\n  - 'refund'\ntitle: X\n---\ntext").frontMatter).toEqual({ title: 'X', tags: ['billing', 'refund'] });
    expect(parseFrontMatter('---\nlanguage: pt-BR\n---\n').frontMatter.language).toBe('pt');
  });

  it('treats dashes without a closing line as text, and ignores what it does not understand', () => {
    expect(parseFrontMatter('---\nnot closed\n').frontMatter).toEqual({ tags: [] });
    expect(parseFrontMatter('---\nnot closed\n').body).toBe('---\nnot closed\n');
    const odd = parseFrontMatter('---\n: nothing\nurl: javascript:alert(1)\nlanguage: deutsch!\nweird line\n---\nbody');
    expect(odd.frontMatter).toEqual({ tags: [] });
    expect(odd.body).toBe('body');
  });
});

describe('splitting into passages', () => {
  it('makes one passage per heading down to ###, text before the first heading under the title', () => {
    const passages = splitIntoPassages(
      'billing/refunds.md',
      [
        '---',
        'title: Refund policy',
        'url: https://help.example/refunds',
        'tags: billing',
        '---',
        'Read this first.',
        '# Refund policy',
        '## Money-back guarantee',
        'Full refund within 30 days.',
        '### Annual **plans**',
        'Not pro rata.',
        '#### Small print',
        'Still the annual section.',
        '```',
        '# not a heading, code',
        '```',
      ].join('\n'),
    );
    expect(passages.map((p) => [p.heading, p.text])).toEqual([
      ['Refund policy', 'Read this first.'],
      ['Money-back guarantee', 'Full refund within 30 days.'],
      ['Annual plans', 'Not pro rata.\n#### Small print\nStill the annual section.\n```\n# not a heading, code\n```'],
    ]);
    expect(passages[0]).toMatchObject({ source: 'billing/refunds.md', title: 'Refund policy', url: 'https://help.example/refunds', tags: ['billing'], language: 'en' });
  });

  it('names the preamble after the first # heading when there is no front matter title', () => {
    expect(splitIntoPassages('guide.md', 'Intro.\n## Setup\nSteps.\n# Parcelly guide\nMore.').map((p) => p.heading)).toEqual(['Parcelly guide', 'Setup', 'Parcelly guide']);
  });

  it('names the preamble after the file name without a title, and detects each passage’s language', () => {
    const passages = splitIntoPassages('hilfe/konto-und-login.txt', 'Wenn Sie Ihr Passwort vergessen haben, klicken Sie bitte auf den Link.\n\n## Password\n\nClick the link and we will send you an email.');
    expect(passages.map((p) => [p.heading, p.language])).toEqual([
      ['konto und login', 'de'],
      ['Password', 'en'],
    ]);
    expect(passages[0]?.title).toBe('konto und login');
  });

  it('cuts a long section into chunks of about 1,200 characters on paragraph boundaries, under the same heading', () => {
    const paragraph = (n: number) => `Paragraph ${n}. ${'Labels and parcels and carriers. '.repeat(12).trim()}`;
    const body = Array.from({ length: 8 }, (_, i) => paragraph(i + 1)).join('\n\n');
    const passages = splitIntoPassages('long.md', `## Shipping\n\n${body}`);
    expect(passages.length).toBeGreaterThan(2);
    expect(new Set(passages.map((p) => p.heading))).toEqual(new Set(['Shipping']));
    for (const passage of passages) {
      expect(passage.text.length).toBeLessThanOrEqual(CHUNK_CHARACTERS);
      expect(passage.text).toMatch(/^Paragraph \d+\./);
    }
    expect(passages.map((p) => p.text).join('\n\n')).toBe(body);
  });

  it('cuts a single paragraph longer than a chunk at sentence ends', () => {
    const sentences = Array.from({ length: 60 }, (_, i) => `Sentence number ${i} is here.`).join(' ');
    const pieces = chunk(sentences);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(CHUNK_CHARACTERS);
      expect(piece).toMatch(/\.$/);
    }
  });
});

describe('reading the folder', () => {
  it('reads .md and .txt recursively with forward-slash sources, skipping hidden files and other extensions', () => {
    space.write('faq.md', '# FAQ\n\n## Q\nA');
    space.write('guides/de/anleitung.txt', 'Text');
    space.write('.hidden.md', '# secret');
    space.write('.git/HEAD.md', '# not docs');
    space.write('notes.pdf', 'binary');
    space.write('draft.md~', 'backup');
    const files = readKbFolder(space.kb);
    expect(files?.map((file) => file.source)).toEqual(['faq.md', 'guides/de/anleitung.txt']);
    expect(files?.[0]?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('returns null for a folder that does not exist', () => {
    expect(readKbFolder(`${space.kb}/missing`)).toBeNull();
  });
});
