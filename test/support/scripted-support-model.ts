/**
 * A scripted "model" for the fake OpenAI server: answers each stage by its
 * schema name, from markers in the fenced customer text, so tests decide
 * what the model says without touching the SDK.
 *   [refund] [legal] [urgent] [thanks] [unsure] → classification cues
 */
import type { ModelRequest, ScriptedAnswer } from '../fakes/openai/index.js';

export function supportModel(request: ModelRequest): ScriptedAnswer {
  const text = request.user;
  switch (request.schemaName) {
    case 'classification': {
      const riskFlags = text.includes('[refund]') ? ['refund'] : text.includes('[legal]') ? ['legal'] : [];
      return {
        output: {
          urgency: text.includes('[urgent]') ? 'urgent' : riskFlags.length > 0 ? 'high' : 'normal',
          category: text.includes('[refund]') ? 'refund' : text.includes('[legal]') ? 'legal' : 'technical',
          language: /Guten Tag|Hallo/.test(text) ? 'de' : 'en',
          sentiment: 'neutral',
          riskFlags,
          needsReply: !text.includes('[thanks]'),
          confidence: text.includes('[unsure]') ? 0.3 : 0.92,
        },
      };
    }
    case 'extracted_fields': {
      const order = /#(\d+)/.exec(text);
      const amount = /\$(\d+(?:\.\d+)?)/.exec(text);
      return {
        output: {
          orderIds: order ? [`#${order[1]}`] : [],
          accountIds: [],
          emails: [],
          products: [],
          amounts: amount ? [{ value: Number(amount[1]), currency: 'USD' }] : [],
        },
      };
    }
    case 'draft_reply':
      // Cites the first documentation passage when the prompt shows one, as a drafting model told to would.
      return {
        output: {
          reply: 'Thanks for reaching out — we are looking into it and will follow up shortly.',
          language: 'en',
          confidence: 0.8,
          citations: /<knowledge>\n\[1\] /.test(request.user) ? [1] : [],
          summary: 'Customer reports a problem and asks for help.',
        },
      };
    case 'ticket_summary':
      return { output: { summary: 'Customer reports a problem and asks for help.' } };
    case 'flagship_review':
      return { output: { verdict: 'approve', rationale: 'Accurate and promises nothing.', edits: [] } };
    default:
      return { output: undefined };
  }
}
