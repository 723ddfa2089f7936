/**
 * Who may act on review messages: members holding one of the reviewer roles,
 * or listed user ids. Roles come with the interaction itself (the member's
 * role ids), so no extra API call and no stale cache.
 */
export class DiscordReviewerAccess {
  constructor(
    private readonly roles: readonly string[],
    private readonly users: readonly string[],
  ) {}

  allows(userId: string, memberRoles: readonly string[]): boolean {
    return this.users.includes(userId) || memberRoles.some((role) => this.roles.includes(role));
  }
}
