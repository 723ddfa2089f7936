/** The urgency rubric is written once (src/domain/urgency-rubric.ts) and said in the same words by the classify prompt and the README. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TOPIC_QUESTION_RULE, URGENCIES, URGENCY_RUBRIC } from '../../src/domain/index.js';

const prompt = readFileSync(new URL('../../prompts/classify.md', import.meta.url), 'utf8');
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('the urgency rubric', () => {
  it.each(URGENCIES)('`%s` reads the same in the prompt and the README', (urgency) => {
    const line = `\`${urgency}\`: ${URGENCY_RUBRIC[urgency]}`;
    expect(prompt).toContain(line);
    expect(readme).toContain(line);
  });

  it('the rule on questions about a topic is in both', () => {
    expect(prompt).toContain(TOPIC_QUESTION_RULE.replace(/\.$/, ''));
    expect(readme).toContain(TOPIC_QUESTION_RULE);
  });
});
