/**
 * The structured outputs each stage asks for. Keys match the domain types so
 * the offline provider and the models answer in one shape. The OpenAI zod
 * helpers need every field present (nullable rather than optional) and an
 * object at the root; no transforms.
 */
import { z } from 'zod';
import { CATEGORIES, REVIEW_VERDICTS, RISK_FLAGS, SENTIMENTS, URGENCIES } from '../domain/index.js';

export const classificationSchema = z.object({
  urgency: z.enum(URGENCIES),
  category: z.enum(CATEGORIES),
  language: z.string().min(2).max(3).describe('ISO 639-1 code of the language the customer wrote in'),
  sentiment: z.enum(SENTIMENTS),
  riskFlags: z.array(z.enum(RISK_FLAGS)),
  needsReply: z.boolean(),
  confidence: z.number().min(0).max(1),
});

export const extractedFieldsSchema = z.object({
  orderIds: z.array(z.string()),
  accountIds: z.array(z.string()),
  emails: z.array(z.string()),
  products: z.array(z.string()),
  amounts: z.array(z.object({ value: z.number(), currency: z.string().nullable() })),
});

// The draft carries the reviewer's summary: one call instead of a draft and a summary side by side.
export const draftSchema = z.object({
  reply: z.string().min(1),
  language: z.string().min(2).max(3),
  confidence: z.number().min(0).max(1),
  citations: z.array(z.number().int().min(1)).describe('numbers of the <knowledge> passages the reply relies on, [] for none'),
  summary: z.string().min(1).describe('for the support team, in English: at most three sentences and 70 words'),
});

export const translationSchema = z.object({
  query: z.string().min(1).describe('the customer message as an English documentation search query'),
});

export const summarySchema = z.object({
  summary: z.string().min(1),
});

// A rewrite comes as edits to the draft, not the reply again (draft-edits.ts): short output on the priciest tier.
export const reviewSchema = z.object({
  verdict: z.enum(REVIEW_VERDICTS),
  rationale: z.string(),
  edits: z
    .array(z.object({ find: z.string().min(1).describe('an exact passage of the draft'), replace: z.string().describe('what replaces it') }))
    .describe('for "rewrite": the changes to the draft, in order; [] for any other verdict'),
});
