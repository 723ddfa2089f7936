/**
 * The scripted model of the saving benchmark: on the fake OpenAI server it
 * answers each stage by its schema, from the labels of the ticket in the
 * prompt (tickets.ts), so the cascade escalates as the labels imply. The
 * script only answers; the real routing rules (and the plain-code risk
 * checks on the real text) decide where a ticket goes.
 *
 * The same ticket gets the same words on both sides: the cascade's draft and
 * the baseline's reply are one text, so the sides differ in which model
 * writes what, and in how many calls, not in how much they write.
 *
 * Reasoning tokens follow the request's effort (assumptions.ts). The
 * flagship's verdict on a draft is drawn per ticket from a generator seeded
 * with the run's seed and the ticket's summary, so it does not depend on the
 * order calls arrive in.
 */
import { createHash } from 'node:crypto';
import { classifyOffline } from '../../../src/models/offline/classifier.js';
import { extractOffline } from '../../../src/models/offline/extractor.js';
import { fenced, promptDraft, promptKnowledge, promptTicket } from '../../../src/models/offline/prompt-reading.js';
import { mulberry32, type ModelRequest, type ScriptedAnswer, type ScriptHandler } from '../../fakes/openai/index.js';
import { REASONING_TOKENS, REVIEW_VERDICTS } from './assumptions.js';
import type { BenchTicket, TicketAnswers } from './tickets.js';

/** The fenced text as the ticket had it: fence-defused tags restored, spacing folded (hygiene may trim). */
function textKey(subject: string | undefined, text: string): string {
  return `${subject ?? ''}\n${text}`.replace(/‹/g, '<').replace(/›/g, '>').replace(/\s+/g, ' ').trim();
}

function seeded(seed: number, text: string): () => number {
  return mulberry32((seed ^ createHash('sha256').update(text).digest().readUInt32BE(0)) >>> 0);
}

function hasProperty(request: ModelRequest, name: string): boolean {
  const properties = (request.schema as { properties?: Record<string, unknown> } | null)?.properties;
  return properties !== undefined && name in properties;
}

export interface LabelledModel {
  handler: ScriptHandler;
  /** Prompts whose ticket was not one of ours (answered by the offline rubric instead): should stay 0. */
  readonly misses: number;
}

export function labelledModel(tickets: readonly BenchTicket[], seed: number, reasoning: Readonly<Record<string, number>> = REASONING_TOKENS): LabelledModel {
  const byText = new Map<string, TicketAnswers>();
  for (const ticket of tickets) {
    const key = textKey(ticket.subject, ticket.text);
    if (!byText.has(key)) byText.set(key, ticket.answers);
  }
  let misses = 0;

  function answersIn(user: string): TicketAnswers {
    const ticket = promptTicket(user);
    const found = byText.get(textKey(ticket.subject, ticket.text));
    if (found) return found;
    misses += 1;
    const classification = classifyOffline(ticket);
    const fields = extractOffline(ticket, { products: [] });
    return { classification, fields, reply: 'Thank you for your message. The team will look into it and follow up.', summary: ticket.text.slice(0, 300) };
  }

  function verdict(request: ModelRequest): Record<string, unknown> {
    const summary = fenced(request.user, 'summary') ?? request.user;
    const draw = seeded(seed, summary)();
    const draft = promptDraft(request.user)?.reply ?? '';
    // The review asks for edits (src/pipeline/draft-edits.ts) or, before that, the whole reply again.
    const byEdits = hasProperty(request, 'edits');
    const unchanged = byEdits ? { edits: [] } : { rewrittenReply: null };
    if (draw < REVIEW_VERDICTS.approve) return { verdict: 'approve', rationale: 'Accurate, grounded in the cited passages, and promises nothing beyond policy.', ...unchanged };
    if (draw < REVIEW_VERDICTS.approve + REVIEW_VERDICTS.rewrite) {
      // The fix: the draft's last sentence made more careful.
      const last = /[^.!?\n]*[.!?]?\s*$/.exec(draft)?.[0].trim() || draft;
      const replace = 'The team will check the details and follow up with you shortly.';
      const rationale = 'The draft implied a commitment; reworded so it promises nothing we cannot guarantee.';
      return byEdits ? { verdict: 'rewrite', rationale, edits: [{ find: last, replace }] } : { verdict: 'rewrite', rationale, rewrittenReply: draft.replace(last, replace) };
    }
    return { verdict: 'human', rationale: 'A person should decide: the stakes are high and the triage leaves room for doubt.', ...unchanged };
  }

  function output(request: ModelRequest): unknown {
    switch (request.schemaName) {
      case 'classification':
        return answersIn(request.user).classification;
      case 'extracted_fields':
        return answersIn(request.user).fields;
      case 'draft_reply': {
        const answers = answersIn(request.user);
        const citations = promptKnowledge(request.user).length > 0 ? [1] : [];
        const draft = { reply: answers.reply, language: answers.classification.language, confidence: 0.8, citations };
        return hasProperty(request, 'summary') ? { ...draft, summary: answers.summary } : draft;
      }
      case 'ticket_summary':
        return { summary: answersIn(request.user).summary };
      case 'query_translation':
        return { query: `${answersIn(request.user).classification.category} question from a customer` };
      case 'flagship_review':
        return verdict(request);
      case 'single_model_triage': {
        const { classification, fields, reply } = answersIn(request.user);
        const citations = classification.needsReply && promptKnowledge(request.user).length > 0 ? [1] : [];
        return { ...classification, fields, reply: classification.needsReply ? reply : null, citations };
      }
      default:
        return undefined;
    }
  }

  return {
    handler(request: ModelRequest): ScriptedAnswer {
      const effort = (request.body as { reasoning?: { effort?: string } }).reasoning?.effort ?? 'none';
      return { output: output(request), usage: { reasoning_tokens: reasoning[effort] ?? 0 } };
    },
    get misses() {
      return misses;
    },
  };
}
