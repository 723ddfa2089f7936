/**
 * Grounding a draft in the team's own docs: what the knowledge base finds
 * for a ticket, the numbered passages the drafter sees (within a token
 * budget), and what the draft's citations come to once it answers.
 *
 * A citation must name a passage that was shown and judged relevant: a
 * number the model made up, or a passage retrieval itself found irrelevant,
 * grounds nothing. A draft that cites nothing relevant is `no_grounding`:
 * the card says so and routing never sends it without a person. With no
 * passages indexed at all (no KB folder yet) grounding is not judged.
 */
import type { Classification, DraftSource, ExtractedFields, Grounding, ReasonCode } from '../domain/index.js';
import type { KnowledgeBase } from '../kb/index.js';
import type { StoredPassage } from '../kb/passage-store.js';
import type { SearchHit } from '../kb/types.js';
import { countTokens } from '../models/tokenizer.js';
import type { Logger } from '../logger.js';
import type { StoredDraft, TriageRecord } from '../store/types.js';
import { fence } from './fence.js';
import type { TicketText } from './ticket-text.js';

/** What the pipeline needs from the knowledge base. */
export type Knowledge = Pick<KnowledgeBase, 'retriever' | 'recordGap' | 'passageCount'>;

/** Passages shown to the drafter, at most. */
export const MAX_PASSAGES = 3;
/** Tokens of passage text the draft prompt may carry: enough for three sections, not a manual. */
export const PASSAGE_TOKEN_BUDGET = 1_200;

export interface Retrieved {
  /** Relevant passages, best first, numbered from 1 in this order in the prompt. */
  passages: SearchHit[];
  /** False when the knowledge base has no passages at all: grounding is not judged. */
  judged: boolean;
}

export async function retrieveFor(
  knowledge: Knowledge,
  ticket: { id: number; text: string },
  triage: { classification: Classification; fields: ExtractedFields },
  translate?: () => Promise<string>,
): Promise<Retrieved> {
  if (knowledge.passageCount() === 0) return { passages: [], judged: false };
  // A model's English rendering of a non-English question is searched too (a passage either reading covers counts).
  const english = translate && triage.classification.language !== 'en' ? await translate().catch(() => null) : null;
  const query = { text: ticket.text, language: triage.classification.language, category: triage.classification.category, products: triage.fields.products, ticketId: ticket.id };
  const hits = await knowledge.retriever.search(english ? { ...query, alsoSearch: english } : query, MAX_PASSAGES * 2);
  const passages = choosePassages(hits);
  if (passages.length === 0) {
    // Counted by topic, so the weekly report can list what the docs do not answer.
    knowledge.recordGap({ ticketId: ticket.id, topic: knowledge.retriever.gapTopic(query), query: ticket.text.slice(0, 500), language: triage.classification.language });
  }
  return { passages, judged: true };
}

/** The relevant hits, best first, that fit the prompt: at most MAX_PASSAGES, within PASSAGE_TOKEN_BUDGET (a longer first one is cut). */
export function choosePassages(hits: readonly SearchHit[]): SearchHit[] {
  const passages: SearchHit[] = [];
  let tokens = 0;
  for (const hit of hits.filter((candidate) => candidate.relevant)) {
    const cost = countTokens(hit.text);
    if (passages.length >= MAX_PASSAGES || (passages.length > 0 && tokens + cost > PASSAGE_TOKEN_BUDGET)) break;
    passages.push(cost > PASSAGE_TOKEN_BUDGET ? { ...hit, text: hit.text.slice(0, PASSAGE_TOKEN_BUDGET * 3) } : hit);
    tokens += cost;
  }
  return passages;
}

/** The passages as the drafter (and the reviewing model) reads them: `[n] Title › Heading (source)` and the text. */
export function knowledgeBlock(passages: readonly Pick<SearchHit, 'title' | 'heading' | 'source' | 'text' | 'language'>[]): string {
  if (passages.length === 0) return fence('knowledge', '(nothing in the knowledge base answers this)');
  return fence(
    'knowledge',
    passages.map((passage, index) => `[${index + 1}] ${passage.title} › ${passage.heading} (${passage.source}, ${passage.language})\n${passage.text.trim()}`).join('\n\n'),
  );
}

/** The sources a draft's citations name, and whether it is grounded. */
export function citedSources(retrieved: Retrieved, citations: readonly number[] | undefined): { sources: DraftSource[]; grounding: Grounding | null } {
  const sources: DraftSource[] = [];
  for (const number of new Set(citations ?? [])) {
    const passage = retrieved.passages[number - 1];
    if (!passage) continue;
    sources.push({ source: passage.source, heading: passage.heading, title: passage.title, ...(passage.url ? { url: passage.url } : {}), passageId: passage.id });
  }
  if (!retrieved.judged) return { sources, grounding: null };
  return { sources, grounding: sources.length > 0 ? 'grounded' : 'no_grounding' };
}

/** What the knowledge base has for the ticket; a failing index grounds nothing but stops nothing. */
export async function retrieveSafely(
  knowledge: Knowledge | undefined,
  logger: Logger,
  ticketId: number,
  text: TicketText,
  triage: TriageRecord,
  translate?: () => Promise<string>,
): Promise<Retrieved> {
  if (!knowledge) return { passages: [], judged: false };
  const words = text.subject ? `${text.subject}\n${text.everything}` : text.everything;
  try {
    return await retrieveFor(knowledge, { id: ticketId, text: words }, triage, translate);
  } catch (error) {
    logger.warn({ err: error, ticketId }, 'knowledge base search failed; drafting without passages');
    return { passages: [], judged: false };
  }
}

/** The passages a draft cites, as they are now (a passage whose file changed since is left out). */
export function citedPassages(knowledge: Knowledge | undefined, draft: Pick<StoredDraft, 'sources'>): StoredPassage[] {
  const retriever = knowledge?.retriever;
  if (!retriever) return [];
  return draft.sources.flatMap((source) => {
    const passage = source.passageId === undefined ? null : retriever.passage(source.passageId);
    return passage ? [passage] : [];
  });
}

/** `no_grounding` when the draft cites nothing relevant from a knowledge base that has passages. */
export function ungrounded(draft: Pick<StoredDraft, 'grounding'>): ReasonCode[] {
  return draft.grounding === 'no_grounding' ? ['no_grounding'] : [];
}
