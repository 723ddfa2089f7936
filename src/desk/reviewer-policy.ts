/**
 * Who may act on review cards and run `/triage`, per surface: listed user
 * ids, or holders of listed roles (Slack user groups, Discord roles). The
 * surface says who someone is; this decides.
 */
import type { Config } from '../config.js';
import type { Platform } from '../domain/index.js';
import type { Actor, Surface } from '../ports/surface.js';

export interface ReviewerPolicy {
  users: readonly string[];
  roles: readonly string[];
}

/** The console's own operator: the person at the terminal reviews. */
export const CONSOLE_REVIEWER = 'console-reviewer';

/**
 * The web console's person on this machine: on loopback, whoever opens the
 * page sits at the computer the bot runs on, as at the console, and reviews
 * (off loopback only a sign-in link makes anyone someone).
 */
export const WEB_LOCAL_REVIEWER = 'web-local-reviewer';

export function reviewerPolicies(config: Pick<Config, 'slack' | 'discord'>): Partial<Record<Platform, ReviewerPolicy>> {
  return {
    console: { users: [CONSOLE_REVIEWER], roles: [] },
    web: { users: [WEB_LOCAL_REVIEWER], roles: [] },
    ...(config.slack ? { slack: { users: config.slack.reviewers, roles: config.slack.reviewerGroups } } : {}),
    ...(config.discord ? { discord: { users: config.discord.reviewers, roles: config.discord.reviewerRoles } } : {}),
  };
}

export async function mayReview(policy: ReviewerPolicy | undefined, actor: Actor, surface: Pick<Surface, 'rolesOf'>): Promise<boolean> {
  if (!policy) return false;
  if (policy.users.includes(actor.id)) return true;
  if (policy.roles.length === 0) return false;
  const held = actor.roles ?? (surface.rolesOf ? await surface.rolesOf(actor.id, policy.roles) : []);
  return held.some((role) => policy.roles.includes(role));
}
