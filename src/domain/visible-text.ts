/**
 * Whether a customer's text says anything a person could see. A message made
 * only of whitespace and invisible characters (zero-width spaces, joiners,
 * word joiners, BOMs, bidi and other format controls, Hangul and braille
 * fillers, the combining grapheme joiner, variation selectors) renders as
 * nothing: it must be ignored like an empty message, not become a billed
 * ticket that gets an invisible reply.
 */

/**
 * What renders as nothing: whitespace (`\s` covers U+FEFF and the Unicode
 * spaces), control characters (`Cc`), format characters (`Cf`: U+00AD,
 * U+061C, U+200B–U+200F, U+202A–U+202E, U+2060–U+2064, the tag
 * characters…), Unicode's default-ignorable code points (which add the
 * combining grapheme joiner U+034F, the Hangul fillers U+115F, U+1160,
 * U+3164 and U+FFA0, the Khmer inherent vowels U+17B4–U+17B5, the Mongolian
 * and standard variation selectors U+180B–U+180F, U+FE00–U+FE0F and
 * U+E0100–U+E01EF), and the braille blank U+2800, which is drawn empty.
 */
const VISIBLE = /[^\s\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]/u;

/** True when `text` has at least one character that is not whitespace or invisible. */
export function hasVisibleText(text: string): boolean {
  return VISIBLE.test(text);
}
