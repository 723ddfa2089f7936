/**
 * The words of the alert posted when the models stop working, shared by every
 * platform's rendering: what happened, since when, what reviewers will see
 * meanwhile, and which setting to fix.
 */
import { DateTime } from 'luxon';
import type { ModelAlert } from '../domain/index.js';

export interface ModelAlertWords {
  title: string;
  /** What the provider said (scrubbed of secrets before it was stored). */
  detail: string;
  meanwhile: string;
  fix: string;
  summary: string;
}

export function modelAlertWords({ outage, timeZone }: ModelAlert): ModelAlertWords {
  const since = DateTime.fromJSDate(outage.since, { zone: timeZone }).toFormat("yyyy-LL-dd HH:mm '('z')'");
  const title = outage.code === 'MODEL_NOT_FOUND' ? `Models unavailable: ${outage.model} is unknown to the model API` : 'Models unavailable: the model API refused our key';
  const meanwhile = 'Every new ticket goes to a reviewer without triage or a draft, marked "models unavailable". Once a call works again, the tickets still waiting are triaged.';
  const fix = `Check ${outage.variable}.`;
  return { title, detail: `Since ${since}: ${outage.message}`, meanwhile, fix, summary: `${title}. ${fix}` };
}
