/**
 * A scripted model for the fake OpenAI server that answers classification
 * and extraction with the offline heuristics applied to the fenced customer
 * text, and drafts / summaries / reviews like `supportModel`. Gives the
 * benchmark realistic routing (second opinions included) with token counts and
 * costs measured through the real SDK.
 */
import { classifyOffline } from '../../src/models/offline/classifier.js';
import { extractOffline } from '../../src/models/offline/extractor.js';
import type { ModelRequest, ScriptedAnswer } from '../fakes/openai/index.js';
import { supportModel } from './scripted-support-model.js';

function customerText(user: string): { subject?: string; text: string } {
  const fenced = /<customer_message>\n([\s\S]*?)\n<\/customer_message>/.exec(user)?.[1] ?? user;
  const subject = /^Subject: (.*)\n\n/.exec(fenced);
  return subject ? { subject: subject[1] ?? '', text: fenced.slice(subject[0].length) } : { text: fenced };
}

export function heuristicModel(request: ModelRequest): ScriptedAnswer {
  if (request.schemaName === 'classification') return { output: classifyOffline(customerText(request.user)) };
  if (request.schemaName === 'extracted_fields') return { output: extractOffline(customerText(request.user), { products: [] }) };
  return supportModel(request);
}

/** The same answers for an in-process provider: the output for a stage's schema and user prompt. */
export function heuristicAnswer(schemaName: string, user: string): unknown {
  return heuristicModel({ api: 'responses', model: 'heuristic', system: '', user, schema: null, schemaName, maxOutputTokens: null, body: {} }).output;
}
