/**
 * Local token counting (o200k_base, the encoding of the GPT-5 family), used to
 * estimate what offline calls would cost and to bound a call's worst case.
 *
 * Customer text may contain a special token's spelling ("<|endoftext|>"). To
 * the API it is plain text, counted as such; the tokenizer's default would
 * throw instead, failing the call's worst-case check and so the ticket's triage.
 */
import { countTokens as countO200k } from 'gpt-tokenizer/encoding/o200k_base';

const AS_TEXT = { disallowedSpecial: new Set<string>() };

export function countTokens(text: string): number {
  return text.length === 0 ? 0 : countO200k(text, AS_TEXT);
}
