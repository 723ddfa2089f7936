/**
 * The flagship's rewrite as edits (src/pipeline/draft-edits.ts): a draft the
 * model described exactly, or a hand-over to a person; never a guess.
 */
import { describe, expect, it } from 'vitest';
import { applyEdits, EDITS_DID_NOT_FIT, secondOpinionFrom } from '../src/pipeline/draft-edits.js';

const DRAFT = 'Hello, thanks for writing. We will refund you by Friday. Best wishes.';

describe('applyEdits', () => {
  it('replaces each exact passage, in order, each on the text the previous left', () => {
    expect(applyEdits(DRAFT, [{ find: 'We will refund you by Friday.', replace: 'The billing team will check the charge.' }])).toBe(
      'Hello, thanks for writing. The billing team will check the charge. Best wishes.',
    );
    expect(applyEdits(DRAFT, [{ find: 'by Friday', replace: 'soon' }, { find: 'refund you soon', replace: 'look into it' }])).toBe(
      'Hello, thanks for writing. We will look into it. Best wishes.',
    );
  });

  it('replaces the whole draft with one edit, and deletes with an empty replacement', () => {
    expect(applyEdits(DRAFT, [{ find: DRAFT, replace: 'Hallo, danke für Ihre Nachricht.' }])).toBe('Hallo, danke für Ihre Nachricht.');
    expect(applyEdits(DRAFT, [{ find: ' Best wishes.', replace: '' }])).toBe('Hello, thanks for writing. We will refund you by Friday.');
  });

  it('refuses a passage that is missing, ambiguous or empty, no edits, and an empty result', () => {
    expect(applyEdits(DRAFT, [{ find: 'by Monday', replace: 'soon' }])).toBeNull();
    expect(applyEdits('Thanks. Thanks.', [{ find: 'Thanks.', replace: 'Hi.' }])).toBeNull();
    expect(applyEdits(DRAFT, [{ find: '', replace: 'x' }])).toBeNull();
    expect(applyEdits(DRAFT, [])).toBeNull();
    expect(applyEdits(DRAFT, [{ find: DRAFT, replace: '  ' }])).toBeNull();
  });
});

describe('secondOpinionFrom', () => {
  it('carries the edited draft for a rewrite, and no text for the other verdicts', () => {
    const edits = [{ find: 'We will refund you by Friday.', replace: 'The team will follow up.' }];
    expect(secondOpinionFrom({ verdict: 'rewrite', rationale: 'Promise.', edits }, DRAFT)).toEqual({
      verdict: 'rewrite',
      rationale: 'Promise.',
      rewrittenReply: 'Hello, thanks for writing. The team will follow up. Best wishes.',
    });
    expect(secondOpinionFrom({ verdict: 'approve', rationale: 'Fine.', edits }, DRAFT)).toEqual({ verdict: 'approve', rationale: 'Fine.', rewrittenReply: null });
    expect(secondOpinionFrom({ verdict: 'human', rationale: 'Legal.', edits: [] }, DRAFT)).toEqual({ verdict: 'human', rationale: 'Legal.', rewrittenReply: null });
  });

  it('hands a rewrite whose edits do not fit to a person, saying so', () => {
    expect(secondOpinionFrom({ verdict: 'rewrite', rationale: 'Tone.', edits: [{ find: 'not in the draft', replace: 'x' }] }, DRAFT)).toEqual({
      verdict: 'human',
      rationale: `Tone. ${EDITS_DID_NOT_FIT}`,
      rewrittenReply: null,
    });
    expect(secondOpinionFrom({ verdict: 'rewrite', rationale: 'Tone.', edits: [] }, DRAFT).verdict).toBe('human');
  });
});
