/** Gateway intents the fake honours when deciding what a session receives. */

export const Intent = {
  Guilds: 1 << 0,
  GuildMembers: 1 << 1,
  GuildPresences: 1 << 8,
  GuildMessages: 1 << 9,
  GuildMessageReactions: 1 << 10,
  DirectMessages: 1 << 12,
  MessageContent: 1 << 15,
} as const;

/** Every intent bit Discord defines today (up to DIRECT_MESSAGE_POLLS, 1 << 25). */
export const ALL_INTENTS = (1 << 26) - 1;

/** The intent that gates MESSAGE_* events for a channel: GUILD_MESSAGES, or DIRECT_MESSAGES for DMs. */
export function messageIntent(isGuild: boolean): number {
  return isGuild ? Intent.GuildMessages : Intent.DirectMessages;
}

/**
 * Without MESSAGE_CONTENT, Discord empties content, embeds, attachments, components and poll of
 * guild messages, except the bot's own messages, DMs, and messages that mention the bot.
 */
export function redactForIntents<T extends Record<string, unknown>>(message: T, intents: number, botUserId: string, isGuild: boolean): T {
  if (intents & Intent.MessageContent || !isGuild) return message;
  const author = message.author as { id?: string } | undefined;
  const mentions = (message.mentions as { id?: string }[] | undefined) ?? [];
  if (author?.id === botUserId || mentions.some((user) => user.id === botUserId)) return message;
  const { poll: _poll, ...rest } = message;
  return { ...rest, content: '', embeds: [], attachments: [], components: [] } as unknown as T;
}
