/**
 * Retrieval quality on a labelled set (test/fixtures/kb-questions.jsonl):
 * each question names the passage (source and heading) that answers it, and
 * any other passage that answers it as well; a question the KB does not
 * answer has `source: null`.
 *
 * - recall@3: share of answerable questions with an accepted passage in the top 3;
 * - MRR: mean of 1 / rank of the first accepted passage (0 when not in the top 10);
 * - relevance judgement: answerable questions judged grounded (some top-3 hit
 *   relevant), unanswerable ones judged not grounded, and both together.
 */
import { z } from 'zod';
import { InputError } from '../errors.js';
import { isGrounded } from './relevance.js';
import type { KbQuery, SearchHit } from './types.js';

const passageRef = z.object({ source: z.string(), heading: z.string() });

const questionSchema = z.object({
  id: z.string(),
  language: z.string(),
  question: z.string().min(1),
  source: z.string().nullable(),
  heading: z.string().nullable(),
  alternatives: z.array(passageRef).optional(),
  /** `tune`: the synonyms and threshold were adjusted while looking at it; `holdout`: written after, never tuned on. */
  split: z.enum(['tune', 'holdout']).optional(),
});

export type LabelledQuestion = z.infer<typeof questionSchema>;

export function parseQuestions(jsonl: string): LabelledQuestion[] {
  return jsonl
    .split('\n')
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line !== '')
    .map(({ line, number }) => {
      const parsed = questionSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new InputError(`labelled question on line ${number}: ${parsed.error.message}`);
      return parsed.data;
    });
}

export interface QuestionResult {
  id: string;
  /** 1-based rank of the first accepted passage in the top 10; null when absent or unanswerable. */
  rank: number | null;
  grounded: boolean;
  answerable: boolean;
  top: { source: string; heading: string; score: number; coverage: number; similarity?: number }[];
}

export interface RetrievalFigures {
  questions: number;
  answerable: number;
  unanswerable: number;
  recallAt3: number;
  mrr: number;
  /** Share of answerable questions whose top 3 holds a relevant hit. */
  answerableJudgedRelevant: number;
  /** Share of unanswerable questions whose top 3 holds no relevant hit. */
  unanswerableJudgedNotRelevant: number;
  /** Share of all questions whose grounded / not grounded judgement is right. */
  relevanceAccuracy: number;
  results: QuestionResult[];
}

const CUTOFF = 10;

export async function evaluateRetrieval(
  questions: readonly LabelledQuestion[],
  search: (query: KbQuery, limit: number) => SearchHit[] | Promise<SearchHit[]>,
): Promise<RetrievalFigures> {
  const results: QuestionResult[] = [];
  for (const question of questions) {
    const hits = await search({ text: question.question, language: question.language }, CUTOFF);
    const accepted = acceptedPassages(question);
    const index = hits.findIndex((hit) => accepted.has(key(hit.source, hit.heading)));
    results.push({
      id: question.id,
      rank: accepted.size > 0 && index >= 0 ? index + 1 : null,
      grounded: isGrounded(hits.slice(0, 3)),
      answerable: accepted.size > 0,
      top: hits.slice(0, 3).map(({ source, heading, score, coverage, similarity }) => ({ source, heading, score, coverage, ...(similarity === undefined ? {} : { similarity }) })),
    });
  }
  const answerable = results.filter((result) => result.answerable);
  const unanswerable = results.filter((result) => !result.answerable);
  const share = (part: number, whole: number): number => (whole === 0 ? 0 : round(part / whole));
  const rightJudgements = answerable.filter((r) => r.grounded).length + unanswerable.filter((r) => !r.grounded).length;
  return {
    questions: results.length,
    answerable: answerable.length,
    unanswerable: unanswerable.length,
    recallAt3: share(answerable.filter((r) => r.rank !== null && r.rank <= 3).length, answerable.length),
    mrr: share(answerable.reduce((sum, r) => sum + (r.rank === null ? 0 : 1 / r.rank), 0), answerable.length),
    answerableJudgedRelevant: share(answerable.filter((r) => r.grounded).length, answerable.length),
    unanswerableJudgedNotRelevant: share(unanswerable.filter((r) => !r.grounded).length, unanswerable.length),
    relevanceAccuracy: share(rightJudgements, results.length),
    results,
  };
}

function acceptedPassages(question: LabelledQuestion): Set<string> {
  const accepted = new Set<string>();
  if (question.source !== null && question.heading !== null) accepted.add(key(question.source, question.heading));
  for (const alternative of question.alternatives ?? []) accepted.add(key(alternative.source, alternative.heading));
  return accepted;
}

function key(source: string, heading: string): string {
  return `${source}#${heading}`;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
