/**
 * Splits a KB file into passages by heading (`#` to `###`). A passage is
 * what a draft cites and a reviewer opens, so it should answer one question:
 * a section is the author's own unit for that. Deeper headings (`####`) stay
 * inside their section. A section longer than about 1,200 characters is cut
 * into chunks on paragraph boundaries, each under the same heading, so one
 * long page does not win every query by sheer length and a draft's token
 * budget holds a few passages rather than one.
 */
import { detectLanguage } from '../models/offline/language.js';
import { parseFrontMatter } from './front-matter.js';
import type { Passage } from './types.js';

/** Target chunk size in characters: a few paragraphs, a few hundred tokens. */
export const CHUNK_CHARACTERS = 1_200;

/** A passage plus the file's title, which the index searches too (a section "Eligibility" under "Refund policy"). */
export interface FilePassage extends Passage {
  title: string;
}

interface Section {
  heading: string | null;
  level: number;
  lines: string[];
}

const HEADING = /^ {0,3}(#{1,3})[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$/;
const FENCE = /^ {0,3}(```|~~~)/;

export function splitIntoPassages(source: string, content: string): FilePassage[] {
  const { frontMatter, body } = parseFrontMatter(content);
  const sections = readSections(body);
  const firstHeading = sections.find((section) => section.level === 1)?.heading ?? undefined;
  const title = frontMatter.title ?? firstHeading ?? titleFromFileName(source);
  const passages: FilePassage[] = [];
  for (const section of sections) {
    const heading = section.heading ?? title;
    for (const text of chunk(section.lines.join('\n').trim())) {
      const passage: FilePassage = {
        source,
        title,
        heading,
        text,
        language: frontMatter.language ?? detectLanguage(`${heading}\n${text}`).language,
        tags: frontMatter.tags,
      };
      if (frontMatter.url !== undefined) passage.url = frontMatter.url;
      passages.push(passage);
    }
  }
  return passages;
}

/** Sections in order; a heading inside a fenced code block is code, not a heading. */
function readSections(body: string): Section[] {
  const sections: Section[] = [{ heading: null, level: 0, lines: [] }];
  let fence: string | null = null;
  for (const line of body.split(/\r?\n/)) {
    const fenceMark = FENCE.exec(line)?.[1];
    if (fenceMark !== undefined) fence = fence === null ? fenceMark : fence === fenceMark ? null : fence;
    const heading = fence === null ? HEADING.exec(line) : null;
    if (heading) {
      sections.push({ heading: cleanHeading(heading[2] ?? ''), level: heading[1]?.length ?? 1, lines: [] });
    } else {
      sections.at(-1)?.lines.push(line);
    }
  }
  return sections;
}

/** `**Refunds** for [annual plans](…)` → `Refunds for annual plans`. */
function cleanHeading(raw: string): string {
  return raw
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`]/g, '')
    .trim();
}

/** `billing/refund-policy.md` → `refund policy`. */
export function titleFromFileName(source: string): string {
  const name = source.split('/').at(-1) ?? source;
  return name.replace(/\.[^.]+$/, '').replace(/[-_]+/g, ' ').trim();
}

/**
 * Paragraphs packed into chunks of about CHUNK_CHARACTERS. A paragraph longer
 * than that on its own is cut at sentence ends, so no chunk runs on for pages.
 */
export function chunk(text: string, limit = CHUNK_CHARACTERS): string[] {
  if (text === '') return [];
  if (text.length <= limit) return [text];
  const pieces = text
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '')
    .flatMap((paragraph) => (paragraph.length > limit ? sentences(paragraph, limit) : [paragraph]));
  const chunks: string[] = [];
  let current = '';
  for (const piece of pieces) {
    if (current !== '' && current.length + 2 + piece.length > limit) {
      chunks.push(current);
      current = piece;
    } else {
      current = current === '' ? piece : `${current}\n\n${piece}`;
    }
  }
  if (current !== '') chunks.push(current);
  return chunks;
}

/** Sentences packed up to `limit`; a "sentence" without an end mark longer than that is cut at a space. */
function sentences(paragraph: string, limit: number): string[] {
  const parts = paragraph.match(/[^.!?]+(?:[.!?]+["')\]]*\s*|$)/g) ?? [paragraph];
  const out: string[] = [];
  let current = '';
  for (const part of parts) {
    if (current !== '' && current.length + part.length > limit) {
      out.push(current.trim());
      current = '';
    }
    current += part;
    while (current.length > limit) {
      const cut = current.lastIndexOf(' ', limit);
      const at = cut > limit / 2 ? cut : limit;
      out.push(current.slice(0, at).trim());
      current = current.slice(at);
    }
  }
  if (current.trim() !== '') out.push(current.trim());
  return out;
}
