/**
 * Local token counting (o200k_base, the encoding of the GPT-5 family), used to
 * estimate what offline calls would cost and to bound a call's worst case.
 */
import { countTokens as countO200k } from 'gpt-tokenizer/encoding/o200k_base';

export function countTokens(text: string): number {
  return text.length === 0 ? 0 : countO200k(text);
}
