/**
 * Front matter: the `---` block some Markdown files start with. KB files use
 * a flat subset of YAML (`key: value`, lists as `[a, b]`, `a, b` or `- item`
 * lines), so a few lines here do what a YAML dependency would, and nothing a
 * KB author writes can execute or allocate much. Anything not understood is
 * ignored rather than failing the file: a doc with odd front matter is still
 * worth indexing.
 */

export interface FrontMatter {
  title?: string;
  language?: string;
  tags: string[];
  url?: string;
}

export interface ParsedDocument {
  frontMatter: FrontMatter;
  /** The text after the front matter block (the whole text when there is none). */
  body: string;
}

const OPENING = /^\uFEFF?---[ \t]*\r?\n/;
const CLOSING = /^(?:---|\.\.\.)[ \t]*$/m;

export function parseFrontMatter(content: string): ParsedDocument {
  const opening = OPENING.exec(content);
  if (!opening) return { frontMatter: { tags: [] }, body: content.replace(/^\uFEFF/, '') };
  const rest = content.slice(opening[0].length);
  const closing = CLOSING.exec(rest);
  // No closing line: the dashes were a horizontal rule, not front matter.
  if (!closing) return { frontMatter: { tags: [] }, body: content.replace(/^\uFEFF/, '') };
  const block = rest.slice(0, closing.index);
  const body = rest.slice(closing.index + closing[0].length).replace(/^\r?\n/, '');
  return { frontMatter: toFrontMatter(readPairs(block)), body };
}

/** `key: value` lines; a key with no value collects the `- item` lines under it. */
function readPairs(block: string): Map<string, string | string[]> {
  const pairs = new Map<string, string | string[]>();
  let listKey: string | null = null;
  for (const line of block.split(/\r?\n/)) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const item = /^\s*-\s+(.*)$/.exec(line);
    if (item && listKey !== null) {
      const list = pairs.get(listKey);
      if (Array.isArray(list)) list.push(unquote(item[1] ?? ''));
      continue;
    }
    const pair = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (!pair) {
      listKey = null;
      continue;
    }
    const key = (pair[1] ?? '').toLowerCase();
    const value = (pair[2] ?? '').trim();
    if (value === '') {
      pairs.set(key, []);
      listKey = key;
    } else {
      pairs.set(key, value);
      listKey = null;
    }
  }
  return pairs;
}

function toFrontMatter(pairs: Map<string, string | string[]>): FrontMatter {
  const text = (key: string): string | undefined => {
    const value = pairs.get(key);
    if (typeof value !== 'string') return undefined;
    const unquoted = unquote(value);
    return unquoted === '' ? undefined : unquoted;
  };
  const frontMatter: FrontMatter = { tags: toList(pairs.get('tags')) };
  const title = text('title');
  const language = text('language')?.toLowerCase();
  const url = text('url');
  if (title !== undefined) frontMatter.title = title;
  if (language !== undefined && /^[a-z]{2,3}(?:-[a-z0-9]+)?$/.test(language)) frontMatter.language = language.slice(0, 2);
  if (url !== undefined && /^https?:\/\//i.test(url)) frontMatter.url = url;
  return frontMatter;
}

/** `[a, "b"]`, `a, b` or already a list → trimmed, unquoted, non-empty items. */
function toList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  const items = Array.isArray(value) ? value : value.replace(/^\[(.*)\]$/s, '$1').split(',');
  return items.map(unquote).filter((item) => item !== '');
}

function unquote(value: string): string {
  const trimmed = value.trim();
  const quoted = /^(["'])(.*)\1$/s.exec(trimmed);
  return (quoted ? (quoted[2] ?? '') : trimmed).trim();
}
