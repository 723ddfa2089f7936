/**
 * Customer text is fenced in tags in the user role. A customer who types the
 * closing tag must not be able to end the fence early, so tag-like sequences
 * for our fence names are defused before wrapping.
 */
const FENCE_NAMES = ['customer_message', 'triage', 'summary', 'draft', 'products'];
const TAG_PATTERN = new RegExp(`<\\s*/?\\s*(${FENCE_NAMES.join('|')})\\s*>`, 'gi');

export function fence(tag: string, text: string): string {
  const safe = text.replace(TAG_PATTERN, (match) => match.replace('<', '‹').replace('>', '›'));
  return `<${tag}>\n${safe}\n</${tag}>`;
}
