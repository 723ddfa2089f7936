/**
 * A reviewing model's rewrite, as edits: each names an exact passage of the
 * draft and what replaces it, so a one-word fix costs a few output tokens on
 * the flagship instead of the whole reply again (a full rewrite is still one
 * edit whose `find` is the whole draft). Applied in order, each to the text
 * the previous ones left. An edit that does not fit the draft (its passage
 * is missing or occurs twice) is not guessed at: the verdict becomes
 * "human", and a person sees the rationale. So edits only ever lead to a
 * draft the model described exactly, or to more caution.
 */
import type { SecondOpinion } from '../domain/index.js';

export interface DraftEdit {
  find: string;
  replace: string;
}

/** What the review stage's schema asks of the model (schemas.ts). */
export interface ReviewAnswer {
  verdict: SecondOpinion['verdict'];
  rationale: string;
  edits: DraftEdit[];
}

/** The draft with every edit made, or null when one does not fit or nothing is left. */
export function applyEdits(draft: string, edits: readonly DraftEdit[]): string | null {
  if (edits.length === 0) return null;
  let text = draft;
  for (const { find, replace } of edits) {
    const at = find.length > 0 ? text.indexOf(find) : -1;
    if (at < 0 || text.indexOf(find, at + 1) >= 0) return null;
    text = `${text.slice(0, at)}${replace}${text.slice(at + find.length)}`;
  }
  const result = text.trim();
  return result.length > 0 ? result : null;
}

export const EDITS_DID_NOT_FIT = 'The suggested edits did not fit the draft, so a person decides.';

/** The second opinion the pipeline acts on: a rewrite carries the edited draft. */
export function secondOpinionFrom(answer: ReviewAnswer, draft: string): SecondOpinion {
  if (answer.verdict !== 'rewrite') return { verdict: answer.verdict, rationale: answer.rationale, rewrittenReply: null };
  const rewritten = applyEdits(draft, answer.edits);
  if (rewritten === null) return { verdict: 'human', rationale: `${answer.rationale} ${EDITS_DID_NOT_FIT}`.trim(), rewrittenReply: null };
  return { verdict: 'rewrite', rationale: answer.rationale, rewrittenReply: rewritten };
}
