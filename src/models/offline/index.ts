// Deterministic offline "models": pure functions that stand in for the nano,
// mini and flagship tiers when the bot runs without an API key.

export { classifyOffline, MAX_OFFLINE_CONFIDENCE, type ClassifyInput } from './classifier.js';
export { extractOffline, type ExtractInput, type ExtractOptions } from './extractor.js';
export {
  draftOffline,
  OFFLINE_DRAFT_CONFIDENCE,
  OFFLINE_FALLBACK_DRAFT_CONFIDENCE,
  type DraftInput,
} from './drafter.js';
export { summarizeOffline, type SummaryInput } from './summary.js';
export { reviewOffline, type ReviewInput } from './reviewer.js';
export { detectLanguage, DEFAULT_LANGUAGE, type LanguageGuess } from './language.js';
