/**
 * The model stages. Each renders its prompt's per-ticket part (static
 * instructions first, then what recurs across tickets, fenced customer text
 * last) and runs through runStage.
 * Later stages read validated fields; only classify / extract / draft /
 * summarize see the customer's text, and only inside a fence.
 */
import type { Classification, Draft, ExtractedFields, SecondOpinion } from '../domain/index.js';
import { refusedByBudget, type ModelGateway } from '../models/model-gateway.js';
import type { TicketText } from './ticket-text.js';
import { secondOpinionFrom } from './draft-edits.js';
import { fence } from './fence.js';
import { knowledgeBlock } from './grounding.js';
import type { PromptLibrary } from './prompt-library.js';
import { runStage, type StageOptions, type StageResult } from './run-stage.js';

export type { StageOptions } from './run-stage.js';
import { classificationSchema, draftSchema, extractedFieldsSchema, reviewSchema, summarySchema, translationSchema } from './schemas.js';

export interface StageDeps {
  gateway: ModelGateway;
  prompts: PromptLibrary;
  productNames: string[];
}

/**
 * The customer's words, fenced: the subject first, and for a draft the name
 * the customer goes by (a reply may greet them; no other stage needs it).
 */
function customerMessage(ticket: TicketText, options: { withName?: boolean } = {}): string {
  const name = options.withName && ticket.customerName ? `From: ${ticket.customerName.replace(/\s+/g, ' ').trim()}\n` : '';
  const subject = ticket.subject ? `Subject: ${ticket.subject.replace(/\n/g, ' ')}\n\n` : '';
  return fence('customer_message', `${name}${subject}${ticket.text}`);
}

function triageBlock(classification: Classification, fields: ExtractedFields): string {
  return fence('triage', JSON.stringify({ ...classification, fields }, null, 1));
}

export function classify(deps: StageDeps, ticketId: number | null, ticket: TicketText, options: StageOptions = {}): Promise<StageResult<Classification>> {
  return runStage(deps.gateway, {
    ticketId,
    stage: 'classify',
    prompt: deps.prompts.get('classify'),
    user: customerMessage(ticket),
    schema: classificationSchema,
    schemaName: 'classification',
  }, options);
}

export function extract(deps: StageDeps, ticketId: number | null, ticket: TicketText, options: StageOptions = {}): Promise<StageResult<ExtractedFields>> {
  const products = deps.productNames.length > 0 ? `\n${fence('products', deps.productNames.join(', '))}` : '';
  return runStage(deps.gateway, {
    ticketId,
    stage: 'extract',
    prompt: deps.prompts.get('extract'),
    user: `${customerMessage(ticket)}${products}`,
    schema: extractedFieldsSchema,
    schemaName: 'extracted_fields',
  }, options);
}

export function draftReply(
  deps: StageDeps,
  ticketId: number,
  ticket: TicketText,
  classification: Classification,
  fields: ExtractedFields,
  options: StageOptions & { knowledge?: string } = {},
): Promise<StageResult<Draft & { summary: string }>> {
  const { knowledge, ...stageOptions } = options;
  return runStage(deps.gateway, {
    ticketId,
    stage: 'draft',
    prompt: deps.prompts.get('draft'),
    // The most shared part first, the customer's words last (fenced): the passages are the team's and
    // recur across tickets on one topic, so with the system prompt and schema before them they can
    // form a prefix the provider caches (1,024+ tokens); the triage differs with every ticket.
    user: `${knowledge ?? knowledgeBlock([])}\n${triageBlock(classification, fields)}\n${customerMessage(ticket, { withName: true })}`,
    schema: draftSchema,
    schemaName: 'draft_reply',
  }, stageOptions);
}

/** The customer's words as an English search query, for a knowledge base written in another language. */
export async function translateQuery(deps: StageDeps, ticketId: number, ticket: TicketText, options: StageOptions = {}): Promise<StageResult<string>> {
  const result = await runStage(deps.gateway, {
    ticketId,
    stage: 'translate',
    prompt: deps.prompts.get('translate'),
    user: customerMessage(ticket),
    schema: translationSchema,
    schemaName: 'query_translation',
  }, options);
  return { ...result, output: result.output.query };
}

/**
 * The summary of a ticket whose draft failed (the draft usually carries it),
 * so the person who takes the ticket over still gets one. Null when the
 * budget refused the draft (it would refuse this too) or the summary fails.
 */
export async function summaryWithoutDraft(
  deps: StageDeps,
  ticketId: number,
  ticket: TicketText,
  triage: { classification: Classification; fields: ExtractedFields; draftFailure: unknown },
  options: StageOptions = {},
): Promise<StageResult<string> | null> {
  if (refusedByBudget(triage.draftFailure)) return null;
  return summarize(deps, ticketId, ticket, triage.classification, triage.fields, options).catch(() => null);
}

export async function summarize(
  deps: StageDeps,
  ticketId: number,
  ticket: TicketText,
  classification: Classification,
  fields: ExtractedFields,
  options: StageOptions = {},
): Promise<StageResult<string>> {
  const result = await runStage(deps.gateway, {
    ticketId,
    stage: 'summarize',
    prompt: deps.prompts.get('summarize'),
    user: `${triageBlock(classification, fields)}\n${customerMessage(ticket)}`,
    schema: summarySchema,
    schemaName: 'ticket_summary',
  }, options);
  return { ...result, output: result.output.summary };
}

/** The second opinion on a draft; a rewrite arrives as edits and is applied here (draft-edits.ts). */
export async function reviewDraft(
  deps: StageDeps,
  ticketId: number,
  input: { classification: Classification; fields: ExtractedFields; summary: string; draft: Draft; knowledge?: string },
  options: StageOptions = {},
): Promise<StageResult<SecondOpinion>> {
  const result = await runStage(deps.gateway, {
    ticketId,
    stage: 'second_opinion',
    prompt: deps.prompts.get('review'),
    // Passages first, as for the draft: shared across tickets, unlike the triage, summary and draft.
    user: [
      input.knowledge ?? knowledgeBlock([]),
      triageBlock(input.classification, input.fields),
      fence('summary', input.summary),
      fence('draft', `Language: ${input.draft.language}\n\n${input.draft.reply}`),
    ].join('\n'),
    schema: reviewSchema,
    schemaName: 'flagship_review',
  }, options);
  return { ...result, output: secondOpinionFrom(result.output, input.draft.reply) };
}
