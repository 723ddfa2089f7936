/**
 * Which Slack user groups someone belongs to, for the desk's reviewer check
 * (SLACK_REVIEWERS may list groups, `S…` ids). Membership is read from Slack
 * and cached briefly, so a person removed from a group loses access within
 * minutes, not at the next restart.
 */
import type { WebClient } from '@slack/web-api';

const GROUP_TTL_MS = 5 * 60_000;

export class UserGroups {
  private readonly members = new Map<string, { users: Set<string>; at: number }>();

  constructor(
    private readonly client: () => WebClient,
    private readonly now: () => number = Date.now,
  ) {}

  /** The groups among `among` that hold this user. */
  async of(userId: string, among: readonly string[]): Promise<string[]> {
    const held: string[] = [];
    for (const group of among) if ((await this.membersOf(group)).has(userId)) held.push(group);
    return held;
  }

  private async membersOf(usergroup: string): Promise<Set<string>> {
    const cached = this.members.get(usergroup);
    if (cached && this.now() - cached.at < GROUP_TTL_MS) return cached.users;
    const result = await this.client().usergroups.users.list({ usergroup });
    const users = new Set(result.users ?? []);
    this.members.set(usergroup, { users, at: this.now() });
    return users;
  }
}
