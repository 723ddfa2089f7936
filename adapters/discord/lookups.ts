/**
 * Finding what the bot posted, after a crash or an error left it unsure: a
 * reply in a ticket's thread, or a review card in the review channel. Discord
 * lists no nonces when reading messages back, so a reply is known by its first
 * chunk's content (or nonce, where present) and a card by the ticket id its
 * buttons and title carry.
 */
import { Routes, SnowflakeUtil, type Client } from 'discord.js';
import { parseCustomId } from './custom-ids.js';
import { replyPayloads } from './replies.js';

interface ListedMessage {
  id: string;
  content?: string;
  nonce?: string | number;
  author?: { id?: string };
  components?: { components?: { custom_id?: string }[] }[];
  embeds?: { title?: string }[];
}

/** Pages read at most (100 messages each) before a lookup gives up. */
const MAX_PAGES = 20;

/** A card's nonce: stable per ticket (Discord allows 25 characters). */
export function cardNonce(ticketId: number): string {
  return `card-${ticketId}`.slice(0, 25);
}

/**
 * The id of the bot's own message in `channelId` since `since` that `matches`;
 * 'absent' when every page was read without it (or the channel is gone),
 * 'too_many' when the pages ran out first.
 */
async function findOwn(client: Client, channelId: string, since: Date, matches: (message: ListedMessage) => boolean): Promise<string | 'absent' | 'too_many'> {
  const botId = client.user?.id;
  let after = SnowflakeUtil.generate({ timestamp: since.getTime() }).toString();
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = new URLSearchParams({ limit: '100', after });
    const messages = (await client.rest.get(Routes.channelMessages(channelId), { query }).catch((error: unknown) => {
      // Unknown Channel: it is gone, so nothing was ever posted in it.
      if ((error as { code?: unknown }).code === 10003) return [];
      throw error;
    })) as ListedMessage[];
    const found = messages.find((message) => message.author?.id === botId && matches(message));
    if (found) return found.id;
    if (messages.length < 100) return 'absent';
    // Newest first: the next page starts after the newest seen.
    after = messages.reduce((max, message) => (BigInt(message.id) > BigInt(max) ? message.id : max), after);
  }
  return 'too_many';
}

/**
 * A reply posted with this key: the bot's message in the thread since `since`
 * carrying the first chunk's nonce or exact content; null when it is surely
 * not there. Throws when the lookup fails or the thread is too long to be sure.
 */
export async function findReply(client: Client, thread: { threadId: string }, reply: { text: string; idempotencyKey: string; since: Date }): Promise<{ messageId: string } | null> {
  const [first] = replyPayloads(reply.text, reply.idempotencyKey);
  if (!first) return null;
  const found = await findOwn(client, thread.threadId, reply.since, (message) => message.nonce === first.nonce || message.content === first.content);
  if (found === 'too_many') throw new Error(`thread ${thread.threadId} has too many messages to be sure the reply is not among them`);
  return found === 'absent' ? null : { messageId: found };
}

/** A ticket's card posted in `channelId` since `since` (a minute's slack for clocks): its buttons carry the ticket id, its title names it. */
export async function findCard(client: Client, channelId: string, ticketId: number, since: Date): Promise<string | null> {
  const title = new RegExp(`^Ticket #${ticketId}(?!\\d)`);
  const found = await findOwn(client, channelId, new Date(since.getTime() - 60_000), (message) => {
    const ids = (message.components ?? []).flatMap((row) => (row.components ?? []).map((component) => component.custom_id ?? ''));
    return ids.some((id) => parseCustomId(id)?.ticketId === ticketId) || (message.embeds ?? []).some((embed) => title.test(embed.title ?? ''));
  });
  // Not found (or too far back to tell): a new card is posted, which at worst shows the ticket twice.
  return found === 'absent' || found === 'too_many' ? null : found;
}
