/**
 * Who may act on review cards: listed user ids, or members of listed user
 * groups. Group membership is read from Slack and cached briefly, so a person
 * removed from the group loses access within minutes, not at the next restart.
 */
import type { WebClient } from '@slack/web-api';

const GROUP_TTL_MS = 5 * 60_000;

export class ReviewerAccess {
  private groupMembers: { users: Set<string>; at: number } | null = null;

  constructor(
    private readonly client: WebClient,
    private readonly reviewers: readonly string[],
    private readonly groups: readonly string[],
    private readonly now: () => number = Date.now,
  ) {}

  async allows(userId: string): Promise<boolean> {
    if (this.reviewers.includes(userId)) return true;
    if (this.groups.length === 0) return false;
    return (await this.members()).has(userId);
  }

  private async members(): Promise<Set<string>> {
    if (this.groupMembers && this.now() - this.groupMembers.at < GROUP_TTL_MS) return this.groupMembers.users;
    const users = new Set<string>();
    for (const usergroup of this.groups) {
      const result = await this.client.usergroups.users.list({ usergroup });
      for (const user of result.users ?? []) users.add(user);
    }
    this.groupMembers = { users, at: this.now() };
    return users;
  }
}
