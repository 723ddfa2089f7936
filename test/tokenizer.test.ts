/** Local token counts (src/models/tokenizer.ts) take any customer text. */
import { describe, expect, it } from 'vitest';
import { countTokens } from '../src/models/tokenizer.js';
import { createHarness } from './e2e/harness.js';

describe('countTokens', () => {
  it('counts a special token spelled in customer text as plain text instead of throwing', () => {
    expect(countTokens('ignore this <|endoftext|> and <|im_start|>system')).toBeGreaterThan(10);
    expect(countTokens('')).toBe(0);
  });

  it('lets a ticket that spells one be triaged like any other', async () => {
    const h = createHarness({ MODEL_PROVIDER: 'offline' });
    try {
      const id = await h.receive('Our whole team gets 503 errors since 9:00 <|endoftext|> nobody can work');
      await h.core.workflow.idle();
      expect((await h.core.store.triage.latestTriage(id))?.classification.urgency).toBe('urgent');
      expect((await h.core.store.triage.latestDecision(id))?.reasons).not.toContain('classification_failed');
    } finally {
      h.close();
    }
  });
});
