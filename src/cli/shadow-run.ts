/**
 * The replay's `--shadow TIER`: classifies tickets the pipeline has finished
 * with once more, on the named tier, with the same classify prompt, schema
 * and fenced text, through the same gateway. Each call is a ledger row marked
 * `shadow` (paid and counted in spend and budgets), and its answer is kept as
 * a stage result under its own key, so both answers are recorded.
 *
 * It runs after the pipeline is idle, so it cannot change routing: not even
 * through the budget, whose level the shadow's spend would otherwise move
 * while tickets are still being routed.
 */
import type { Core } from '../core.js';
import type { Classification, ModelTier } from '../domain/index.js';
import type { Logger } from '../logger.js';
import { classify } from '../pipeline/stages.js';
import { ticketText } from '../pipeline/ticket-text.js';

/** The checkpoint key of a shadow answer; never the pipeline's own `N:classify`. */
export function shadowKey(round: number, tier: ModelTier): string {
  return `${round}:shadow_classify:${tier}`;
}

/** One shadow classification; null when the call failed (a failure is logged, and not compared). */
async function classifyInShadow(core: Core, tier: ModelTier, ticketId: number, logger: Logger): Promise<Classification | null> {
  const ticket = await core.store.tickets.get(ticketId);
  if (!ticket) return null;
  const deps = { gateway: core.gateway, prompts: core.prompts, productNames: core.config.productNames };
  try {
    const result = await classify(deps, ticketId, ticketText(ticket, await core.store.tickets.messages(ticketId)), {
      tier,
      shadow: true,
      checkpoint: { results: core.store.stageResults, key: shadowKey(ticket.round, tier) },
    });
    return result.output;
  } catch (error) {
    logger.warn({ err: error, ticketId, tier }, 'shadow classification failed; the ticket is left out of the comparison');
    return null;
  }
}

/** Shadow answers for these tickets, in their order, at most `concurrency` at once. */
export async function runShadow(core: Core, tier: ModelTier, ticketIds: readonly number[], concurrency: number, logger: Logger): Promise<(Classification | null)[]> {
  const answers: (Classification | null)[] = new Array<Classification | null>(ticketIds.length).fill(null);
  let next = 0;
  const worker = async () => {
    while (next < ticketIds.length) {
      const index = next++;
      answers[index] = await classifyInShadow(core, tier, ticketIds[index] as number, logger);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, ticketIds.length)) }, worker));
  return answers;
}
