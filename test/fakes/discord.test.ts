import {
  ButtonBuilder,
  ButtonStyle,
  ActionRowBuilder,
  ChannelType,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  MessageFlags,
  ModalBuilder,
  Options,
  Partials,
  RESTEvents,
  TextInputBuilder,
  TextInputStyle,
  type APIMessage,
  type ClientEvents,
  type ClientOptions,
  type ForumChannel,
  type Interaction,
  type Message,
  type TextChannel,
} from 'discord.js';
import { existsSync, readFileSync } from 'node:fs';
import { inflateSync, constants as zlibConstants, createInflate } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { FAKE_DISCORD_DEFAULTS as IDS, startFakeDiscord, type FakeDiscord, type FakeDiscordOptions } from './discord/index.js';

// The real discord.js 14 (with @discordjs/rest and @discordjs/ws) against the fake, over real HTTP
// and websockets on 127.0.0.1. No mocks.

const TOKEN = 'fake-bot-token';
const EXAMPLES = new URL('../../../shared/data/discord/discord-api-docs-examples/', import.meta.url);
const DEFAULT_INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent, GatewayIntentBits.DirectMessages];

let fake: FakeDiscord;
let cleanups: (() => Promise<unknown>)[] = [];

async function useFake(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  await fake.close();
  fake = await startFakeDiscord(options);
  return fake;
}

beforeEach(async () => {
  fake = await startFakeDiscord();
});

afterEach(async () => {
  // Destroy clients before the fake goes away, or they try to reconnect to nothing.
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
  await fake.close();
});

interface TestClient {
  client: Client;
  debug: string[];
}

/** A logged-in discord.js Client on the fake, resolved once `clientReady` fired. */
async function connect(options: Partial<ClientOptions> = {}): Promise<TestClient> {
  const client = new Client({
    intents: DEFAULT_INTENTS,
    partials: [Partials.Channel],
    ...options,
    rest: { api: fake.restUrl, ...options.rest },
  });
  cleanups.push(() => client.destroy());
  const debug: string[] = [];
  client.on(Events.Debug, (line) => debug.push(line));
  const ready = once(client, Events.ClientReady, () => true, 5000);
  await client.login(TOKEN);
  await ready;
  return { client, debug };
}

/** The next `event` whose arguments satisfy `predicate`. */
function once<E extends keyof ClientEvents>(client: Client, event: E, predicate: (...args: ClientEvents[E]) => boolean = () => true, timeoutMs = 3000): Promise<ClientEvents[E]> {
  return new Promise((resolve, reject) => {
    const listener = (...args: ClientEvents[E]) => {
      if (!predicate(...args)) return;
      clearTimeout(timer);
      client.off(event, listener);
      resolve(args);
    };
    const timer = setTimeout(() => {
      client.off(event, listener);
      reject(new Error(`no ${String(event)} event within ${timeoutMs} ms`));
    }, timeoutMs);
    client.on(event, listener);
  });
}

async function nextInteraction(client: Client, trigger: () => Promise<unknown>): Promise<Interaction> {
  const arrived = once(client, Events.InteractionCreate);
  void trigger().catch(() => undefined);
  const [interaction] = await arrived;
  return interaction;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

function textChannel(client: Client, id: string = IDS.supportChannelId): TextChannel {
  const channel = client.channels.cache.get(id);
  if (!channel || channel.type !== ChannelType.GuildText) throw new Error(`no text channel ${id}`);
  return channel;
}

async function rawFetch(path: string, init: RequestInit = {}): Promise<{ status: number; headers: Headers; text: string }> {
  const response = await fetch(`${fake.restUrl}/v10${path}`, init);
  return { status: response.status, headers: response.headers, text: await response.text() };
}

const auth = { authorization: `Bot ${TOKEN}` };

describe('gateway: login, READY and GUILD_CREATE', () => {
  it('logs the real client in quickly and hands it the seeded guild, channels, roles and its identity', async () => {
    const started = Date.now();
    const { client } = await connect();
    expect(Date.now() - started).toBeLessThan(3000);

    expect(client.user?.id).toBe(IDS.botUserId);
    expect(client.user?.bot).toBe(true);
    expect(client.application?.id).toBe(IDS.applicationId);
    const guild = client.guilds.cache.get(IDS.guildId);
    expect(guild?.available).toBe(true);
    expect(guild?.channels.cache.map((channel) => [channel.id, channel.name, channel.type]).sort()).toEqual(
      [
        [IDS.supportChannelId, 'support', ChannelType.GuildText],
        [IDS.reviewChannelId, 'support-review', ChannelType.GuildText],
        [IDS.forumChannelId, 'support-forum', ChannelType.GuildForum],
      ].sort(),
    );
    expect(guild?.roles.cache.map((role) => role.name).sort()).toEqual(['@everyone', 'reviewer', 'support-agent', 'support-bot'].sort());
    // Without GUILD_PRESENCES, GUILD_CREATE lists only the bot itself.
    expect([...(guild?.members.cache.keys() ?? [])]).toEqual([IDS.botUserId]);

    const gatewayCall = await fake.waitForRequest('GET', /^\/gateway\/bot$/);
    expect(gatewayCall.headers.authorization).toBe(`Bot ${TOKEN}`);
    expect(gatewayCall.response).toMatchObject({ url: fake.gatewayUrl, shards: 1, session_start_limit: { max_concurrency: 1 } });
    const identify = await fake.waitForGatewayFrame(2);
    expect(identify.d).toMatchObject({ token: TOKEN, shard: [0, 1], compress: false });
    expect(identify.d.intents).toBe(GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages | GatewayIntentBits.MessageContent | GatewayIntentBits.DirectMessages);
    const ready = fake.gatewayFrames.find((frame) => frame.t === 'READY');
    expect(ready).toMatchObject({ direction: 'sent', s: 1, d: { v: 10, resume_gateway_url: fake.resumeGatewayUrl, guilds: [{ id: IDS.guildId, unavailable: true }] } });
    expect(fake.gatewayFrames.find((frame) => frame.t === 'GUILD_CREATE')?.s).toBe(2);
    await expect(fake.ready()).resolves.toBeUndefined();
  });

  it('rejects a wrong token at GET /gateway/bot with the documented 401', async () => {
    const client = new Client({ intents: DEFAULT_INTENTS, rest: { api: fake.restUrl } });
    cleanups.push(() => client.destroy());
    const error = (await rejection(client.login('not-the-token'))) as Error & { code?: string };
    expect(error.code).toBe('TokenInvalid');
    const call = await fake.waitForRequest('GET', /^\/gateway\/bot$/);
    expect(call).toMatchObject({ status: 401, response: { message: '401: Unauthorized', code: 0 } });
  });

  it('ACKs heartbeats (op 1 → op 11) and discord.js measures the ping', async () => {
    await useFake({ heartbeatIntervalMs: 150 });
    const { client } = await connect();
    // The first heartbeat may go out (with jitter) before any dispatch, carrying d: null; a later one carries the seq.
    const heartbeat = await fake.waitForGatewayFrame(1, (frame) => frame.d !== null, 2000);
    expect(heartbeat.d).toBeGreaterThanOrEqual(2); // the last sequence number it saw
    await expect.poll(() => fake.gatewayFrames.some((frame) => frame.direction === 'sent' && frame.op === 11), { timeout: 2000 }).toBe(true);
    await expect.poll(() => client.ws.ping, { timeout: 2000 }).toBeGreaterThanOrEqual(0);
  });

  it('only sends GUILD_CREATE when the client asked for the Guilds intent, and ready still comes quickly', async () => {
    const started = Date.now();
    const { client } = await connect({ intents: [GatewayIntentBits.GuildMessages] });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(fake.gatewayFrames.some((frame) => frame.t === 'GUILD_CREATE')).toBe(false);
    expect(client.guilds.cache.get(IDS.guildId)?.available).toBe(false);
  });
});

describe('gateway: MESSAGE_CREATE', () => {
  it('delivers a documented guild MESSAGE_CREATE as messageCreate, with member, mentions and content', async () => {
    const { client } = await connect();
    const received = once(client, Events.MessageCreate);
    const sent = await fake.messageCreate({
      channelId: IDS.supportChannelId,
      authorId: IDS.reviewerUserId,
      content: `My order 1234 never arrived <@${IDS.botUserId}>`,
      nonce: 'client-nonce-1',
    });
    const [message] = await received;
    expect(message.id).toBe(sent.id);
    expect(message.content).toBe(`My order 1234 never arrived <@${IDS.botUserId}>`);
    expect(message.author.id).toBe(IDS.reviewerUserId);
    expect(message.author.bot).toBe(false);
    expect(message.guildId).toBe(IDS.guildId);
    expect(message.channelId).toBe(IDS.supportChannelId);
    expect(message.member?.roles.cache.has(IDS.reviewerRoleId)).toBe(true);
    expect(message.mentions.users.has(IDS.botUserId)).toBe(true);
    expect(message.nonce).toBe('client-nonce-1');
    expect(sent).toMatchObject({ guild_id: IDS.guildId, channel_type: 0, member: { roles: [IDS.reviewerRoleId] }, type: 0 });
  });

  it('delivers DMs through a partial DM channel, and the bot can answer there', async () => {
    const { client } = await connect();
    const received = once(client, Events.MessageCreate);
    await fake.messageCreate({ channelId: '840000000000000001', authorId: IDS.customerUserId, content: 'hi in private', guild: false });
    const [message] = await received;
    expect(message.guildId).toBeNull();
    expect(message.channel.isDMBased()).toBe(true);
    expect(message.content).toBe('hi in private');
    await message.channel.send('Thanks, we are on it.');
    expect(fake.messages).toMatchObject([{ channel_id: '840000000000000001', content: 'Thanks, we are on it.' }]);

    // A user without a cached DM channel: discord.js opens one first (POST /users/@me/channels).
    const dm = await client.users.send(IDS.reviewerUserId, 'Your review is needed');
    const opened = await fake.waitForRequest('POST', /^\/users\/@me\/channels$/, (request) => request.body.recipient_id === IDS.reviewerUserId);
    expect(opened.response).toMatchObject({ id: dm.channelId, type: 1, recipients: [{ id: IDS.reviewerUserId }] });
    expect(fake.messages.at(-1)).toMatchObject({ channel_id: dm.channelId, content: 'Your review is needed' });
  });

  it('empties guild message content without the MessageContent intent, except mentions of the bot and DMs', async () => {
    const { client } = await connect({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages] });
    const contents: string[] = [];
    client.on(Events.MessageCreate, (message) => contents.push(message.content));
    await fake.messageCreate({ channelId: IDS.supportChannelId, authorId: IDS.customerUserId, content: 'secret text' });
    await fake.messageCreate({ channelId: IDS.supportChannelId, authorId: IDS.customerUserId, content: `<@${IDS.botUserId}> help` });
    await fake.messageCreate({ channelId: '840000000000000002', authorId: IDS.customerUserId, content: 'dm text', guild: false });
    await expect.poll(() => contents).toEqual(['', `<@${IDS.botUserId}> help`, 'dm text']);
  });

  it('does not dispatch guild messages to a client without the GuildMessages intent', async () => {
    const { client } = await connect({ intents: [GatewayIntentBits.Guilds] });
    let seen = 0;
    client.on(Events.MessageCreate, () => seen++);
    await fake.messageCreate({ channelId: IDS.supportChannelId, authorId: IDS.customerUserId, content: 'nobody hears this' });
    await fake.dispatch('TYPING_START', { channel_id: IDS.supportChannelId, user_id: IDS.customerUserId, timestamp: 1 });
    expect(fake.gatewayFrames.some((frame) => frame.t === 'MESSAGE_CREATE')).toBe(false);
    expect(seen).toBe(0);
  });

  it('refuses a privileged intent the app has not enabled with close code 4014', async () => {
    await useFake({ privilegedIntents: { messageContent: false } });
    const socket = await openGateway();
    socket.send(JSON.stringify({ op: 2, d: { token: TOKEN, intents: GatewayIntentBits.MessageContent, properties: {} } }));
    expect(await socket.closed).toBe(4014);
  });
});

describe('REST: messages, threads, reactions', () => {
  it('records channel.send with allowed_mentions, nonce and enforce_nonce, and echoes the bot its own message', async () => {
    const { client } = await connect();
    const echoed = once(client, Events.MessageCreate, (message) => message.author.id === IDS.botUserId);
    const sent = await textChannel(client).send({
      content: 'We have opened ticket #42 for <@830000000000000001>',
      allowedMentions: { users: [IDS.customerUserId], parse: [] },
      nonce: 'ticket-42-ack',
      enforceNonce: true,
    });
    const request = await fake.waitForRequest('POST', new RegExp(`^/channels/${IDS.supportChannelId}/messages$`));
    expect(request.body).toMatchObject({ content: sent.content, nonce: 'ticket-42-ack', enforce_nonce: true, allowed_mentions: { users: [IDS.customerUserId], parse: [] } });
    expect(request.headers['content-type']).toBe('application/json');
    expect(fake.messages).toEqual([
      {
        id: sent.id,
        channel_id: IDS.supportChannelId,
        content: sent.content,
        embeds: [],
        components: [],
        nonce: 'ticket-42-ack',
        allowed_mentions: { users: [IDS.customerUserId], parse: [] },
        edited: false,
        flags: 0,
        message_reference: undefined,
        attachments: [],
        interaction_id: undefined,
      },
    ]);
    // Discord sends the bot its own messages: the adapter must ignore them (author id === bot user id).
    const [own] = await echoed;
    expect(own.id).toBe(sent.id);
    expect(own.author.id).toBe(client.user?.id);
  });

  it('answers a repeated enforce_nonce with the message it already created', async () => {
    const { client } = await connect();
    const first = await textChannel(client).send({ content: 'once', nonce: 'same-nonce', enforceNonce: true });
    const second = await textChannel(client).send({ content: 'once', nonce: 'same-nonce', enforceNonce: true });
    expect(second.id).toBe(first.id);
    expect(fake.messages).toHaveLength(1);
    const withoutEnforce = await textChannel(client).send({ content: 'once', nonce: 'same-nonce' });
    expect(withoutEnforce.id).not.toBe(first.id);
  });

  it('fails like Discord: empty message 50006, too long 50035, unknown channel 10003, unknown message 10008', async () => {
    const { client } = await connect();
    const empty = (await rejection(client.rest.post(`/channels/${IDS.supportChannelId}/messages`, { body: { content: '' } }))) as DiscordAPIError;
    expect(empty).toBeInstanceOf(DiscordAPIError);
    expect([empty.status, empty.code]).toEqual([400, 50006]);
    const long = (await rejection(textChannel(client).send('x'.repeat(2001)))) as DiscordAPIError;
    expect([long.status, long.code]).toEqual([400, 50035]);
    expect(long.rawError).toMatchObject({ errors: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } });
    const unknownChannel = (await rejection(client.rest.post('/channels/999999999999999999/messages', { body: { content: 'hi' } }))) as DiscordAPIError;
    expect([unknownChannel.status, unknownChannel.code]).toEqual([404, 10003]);
    const unknownMessage = (await rejection(textChannel(client).messages.fetch('999999999999999999'))) as DiscordAPIError;
    expect(unknownMessage.code).toBe(10008);
    expect(fake.messages).toHaveLength(0);
  });

  it('edits, reacts to and deletes a message; 204s carry no JSON content type', async () => {
    const { client } = await connect();
    const message = await textChannel(client).send('draft');
    await message.edit({ content: 'final', embeds: [{ title: 'Ticket #42' }] });
    expect(fake.messages[0]).toMatchObject({ content: 'final', embeds: [{ title: 'Ticket #42' }], edited: true });
    await message.react('👍');
    expect(fake.reactions).toEqual([{ channel_id: IDS.supportChannelId, message_id: message.id, emoji: '👍' }]);
    const reaction = await fake.waitForRequest('PUT', /\/reactions\/.+\/@me$/);
    expect(reaction.status).toBe(204);
    await message.delete();
    expect(fake.messages).toHaveLength(0);

    const again = await textChannel(client).send('to delete');
    const raw = await rawFetch(`/channels/${IDS.supportChannelId}/messages/${again.id}`, { method: 'DELETE', headers: auth });
    expect(raw.status).toBe(204);
    expect(raw.headers.get('content-type')).toBeNull();
    expect(raw.text).toBe('');
  });

  it('starts a thread from a customer message: the thread has the message id, and a second start is refused', async () => {
    const { client } = await connect();
    const received = once(client, Events.MessageCreate);
    await fake.messageCreate({ channelId: IDS.supportChannelId, authorId: IDS.customerUserId, content: 'refund please' });
    const [message] = await received;
    const threadCreated = once(client, Events.ThreadCreate);
    const thread = await message.startThread({ name: 'Ticket #42: refund' });
    expect(thread.id).toBe(message.id);
    expect(thread.parentId).toBe(IDS.supportChannelId);
    expect(thread.type).toBe(ChannelType.PublicThread);
    expect(fake.threads).toEqual([{ id: message.id, parent_id: IDS.supportChannelId, name: 'Ticket #42: refund', type: 11, message_id: message.id }]);
    // discord.js emits threadCreate from the REST response (newlyCreated false); Discord's THREAD_CREATE follows.
    expect((await threadCreated)[0].id).toBe(message.id);
    await expect.poll(() => fake.gatewayFrames.find((frame) => frame.t === 'THREAD_CREATE')?.d).toMatchObject({ id: message.id, newly_created: true, parent_id: IDS.supportChannelId });

    await thread.send('We are looking into it.');
    expect(fake.messages.at(-1)).toMatchObject({ channel_id: thread.id, content: 'We are looking into it.' });
    const reply = once(client, Events.MessageCreate, (created) => created.channelId === thread.id && !created.author.bot);
    await fake.messageCreate({ channelId: thread.id, authorId: IDS.customerUserId, content: 'thanks' });
    expect((await reply)[0].content).toBe('thanks');

    const twice = (await rejection(client.rest.post(`/channels/${IDS.supportChannelId}/messages/${message.id}/threads`, { body: { name: 'again' } }))) as DiscordAPIError;
    expect(twice.code).toBe(160004);
  });

  it('creates a forum post: a thread plus its starter message, which has the thread id', async () => {
    const { client } = await connect();
    const forum = client.channels.cache.get(IDS.forumChannelId) as ForumChannel;
    const post = await forum.threads.create({ name: 'Ticket #43', message: { content: 'Customer reports a broken invoice' }, appliedTags: [] });
    expect(post.parentId).toBe(IDS.forumChannelId);
    const request = await fake.waitForRequest('POST', new RegExp(`^/channels/${IDS.forumChannelId}/threads$`));
    expect(request.body).toMatchObject({ name: 'Ticket #43', message: { content: 'Customer reports a broken invoice' } });
    expect(request.status).toBe(201);
    expect(request.response).toMatchObject({ id: post.id, type: 11, message: { id: post.id, channel_id: post.id } });
    expect(fake.threads).toEqual([{ id: post.id, parent_id: IDS.forumChannelId, name: 'Ticket #43', type: 11, message_id: post.id, applied_tags: [] }]);
    expect(fake.messages).toMatchObject([{ id: post.id, channel_id: post.id, content: 'Customer reports a broken invoice' }]);
    const starter = await post.fetchStarterMessage();
    expect(starter?.content).toBe('Customer reports a broken invoice');

    const noMessage = (await rejection(client.rest.post(`/channels/${IDS.forumChannelId}/threads`, { body: { name: 'x' } }))) as DiscordAPIError;
    expect(noMessage.code).toBe(50035);
  });

  it('uploads files as multipart: payload_json is the body, the file is kept', async () => {
    // This repo overrides undici to 7, but @discordjs/rest builds uploads with Node's global FormData
    // (undici 6 inside Node 20), which undici 7's request() cannot send ("action is not a function").
    // Sending through the global fetch instead keeps FormData and transport from the same undici.
    const { client } = await connect({ rest: { makeRequest: fetch as never } });
    await textChannel(client).send({ content: 'summary attached', files: [{ attachment: Buffer.from('a,b\n1,2\n'), name: 'summary.csv' }] });
    const request = await fake.waitForRequest('POST', /\/messages$/);
    expect(request.headers['content-type']).toMatch(/^multipart\/form-data/);
    expect(request.body).toMatchObject({ content: 'summary attached', attachments: [{ id: '0' }] });
    expect(request.files).toMatchObject([{ field: 'files[0]', name: 'summary.csv' }]);
    expect(request.files[0]?.data.toString()).toBe('a,b\n1,2\n');
    expect(fake.messages[0]?.attachments).toEqual(['summary.csv']);
  });

  it('looks up guild members and users over REST', async () => {
    const { client } = await connect();
    const guild = client.guilds.cache.get(IDS.guildId);
    const member = await guild?.members.fetch(IDS.reviewerUserId);
    expect(member?.roles.cache.has(IDS.reviewerRoleId)).toBe(true);
    expect(member?.user.username).toBe('reviewer');
    const missing = (await rejection(guild?.members.fetch({ user: '777777777777777777', force: true }) ?? Promise.resolve())) as DiscordAPIError;
    expect(missing.code).toBe(10007);
    const me = (await client.rest.get('/users/@me')) as { id: string; bot: boolean };
    expect(me).toMatchObject({ id: IDS.botUserId, bot: true });
  });
});

describe('REST: nonces, history and a slow Discord', () => {
  const messagesPath: `/${string}` = `/channels/${IDS.supportChannelId}/messages`;
  const json = { ...auth, 'content-type': 'application/json' };

  it('returns the nonce in the create response and MESSAGE_CREATE, never in later GETs', async () => {
    const { client } = await connect();
    const echoed = once(client, Events.MessageCreate, (message) => message.author.id === IDS.botUserId);
    const created = (await client.rest.post(messagesPath, { body: { content: 'Your refund is on its way', nonce: 'reply-42-0', enforce_nonce: true } })) as APIMessage;
    expect(created.nonce).toBe('reply-42-0');
    const [gatewayCopy] = await echoed;
    expect(gatewayCopy.nonce).toBe('reply-42-0');
    expect(fake.gatewayFrames.find((frame) => frame.t === 'MESSAGE_CREATE')?.d).toMatchObject({ id: created.id, nonce: 'reply-42-0' });

    const history = (await client.rest.get(messagesPath)) as APIMessage[];
    expect(history.map((message) => message.id)).toEqual([created.id]);
    expect(history[0]).not.toHaveProperty('nonce');
    expect(await client.rest.get(`${messagesPath}/${created.id}`)).not.toHaveProperty('nonce');
    // The bot-side record keeps what the bot sent.
    expect(fake.messages[0]?.nonce).toBe('reply-42-0');
  });

  it('a repeated enforce_nonce answers with the first message and dispatches no second MESSAGE_CREATE', async () => {
    const { client } = await connect();
    const body = { content: 'Your refund is on its way', nonce: 'reply-42-0', enforce_nonce: true };
    const first = (await client.rest.post(messagesPath, { body })) as APIMessage;
    const again = (await client.rest.post(messagesPath, { body: { ...body, content: 'a retry may differ' } })) as APIMessage;
    expect(again).toMatchObject({ id: first.id, content: 'Your refund is on its way', nonce: 'reply-42-0' });

    // Echoes go out in order: once the next message's echo is here, a second one for the nonce would have been too.
    const marker = once(client, Events.MessageCreate, (message) => message.content === 'marker');
    await client.rest.post(messagesPath, { body: { content: 'marker' } });
    await marker;
    const creates = fake.gatewayFrames.filter((frame) => frame.t === 'MESSAGE_CREATE').map((frame) => frame.d.content);
    expect(creates).toEqual(['Your refund is on its way', 'marker']);
    expect(fake.messages.map((message) => message.content)).toEqual(['Your refund is on its way', 'marker']);
  });

  it('pages history newest first with limit, before, after and around', async () => {
    const { client } = await connect();
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(((await client.rest.post(messagesPath, { body: { content: `m${i}` } })) as APIMessage).id);
    const customer = await fake.messageCreate({ channelId: IDS.supportChannelId, authorId: IDS.customerUserId, content: 'customer' });
    ids.push(customer.id as string);
    const page = async (query: string) => ((await client.rest.get(messagesPath, { query: new URLSearchParams(query) })) as APIMessage[]).map((message) => message.id);
    const at = (...indexes: number[]) => indexes.map((index) => ids[index]);

    expect(await page('')).toEqual(at(6, 5, 4, 3, 2, 1, 0));
    expect(await page('limit=2')).toEqual(at(6, 5));
    expect(await page(`before=${ids[4]}&limit=2`)).toEqual(at(3, 2));
    expect(await page(`after=${ids[1]}&limit=2`)).toEqual(at(3, 2));
    expect(await page(`after=${ids[4]}`)).toEqual(at(6, 5));
    expect(await page(`around=${ids[3]}&limit=3`)).toEqual(at(4, 3, 2));
    expect(await page(`around=${ids[3]}&limit=1`)).toEqual(at(3));
    expect(await page(`around=${ids[3]}&limit=4`)).toEqual(at(5, 4, 3, 2));

    // The same through discord.js's own fetch options.
    const fetched = await textChannel(client).messages.fetch({ before: ids[4], limit: 3, cache: false });
    expect([...fetched.keys()]).toEqual(at(3, 2, 1));
  });

  it('rejects a limit outside 1–100 and anchors that are not snowflakes with 400 / 50035', async () => {
    for (const [query, field, code] of [
      ['limit=0', 'limit', 'NUMBER_TYPE_MIN'],
      ['limit=101', 'limit', 'NUMBER_TYPE_MAX'],
      ['limit=ten', 'limit', 'NUMBER_TYPE_COERCE'],
      ['before=yesterday', 'before', 'NUMBER_TYPE_COERCE'],
    ] as const) {
      const response = await rawFetch(`${messagesPath}?${query}`, { headers: auth });
      expect(response.status).toBe(400);
      expect(JSON.parse(response.text)).toMatchObject({ code: 50035, errors: { [field]: { _errors: [{ code }] } } });
    }
    expect((await rawFetch(`${messagesPath}?limit=100`, { headers: auth })).status).toBe(200);
  });

  it('setLatency: the message is stored and broadcast on receipt, and the answer comes late', async () => {
    const { client } = await connect();
    fake.setLatency('POST', '/channels/:channel/messages', 400);
    const echoed = once(client, Events.MessageCreate, (message) => message.content === 'slow send');
    let settled = false;
    const started = Date.now();
    const sending = textChannel(client)
      .send({ content: 'slow send', nonce: 'slow-1', enforceNonce: true })
      .finally(() => {
        settled = true;
      });
    const request = await fake.waitForRequest('POST', /\/messages$/);
    expect(fake.messages).toMatchObject([{ id: (request.response as APIMessage).id, content: 'slow send' }]);
    const [gatewayCopy] = await echoed;
    expect(gatewayCopy.id).toBe((request.response as APIMessage).id);
    expect(settled).toBe(false);
    const history = JSON.parse((await rawFetch(messagesPath, { headers: auth })).text) as APIMessage[];
    expect(history.map((message) => message.content)).toEqual(['slow send']);
    expect(settled).toBe(false);
    expect((await sending).id).toBe(gatewayCopy.id);
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);

    fake.setLatency('POST', '/channels/:channel/messages', 0);
    const quick = Date.now();
    await textChannel(client).send('quick');
    expect(Date.now() - quick).toBeLessThan(390);
  });

  it('a sender that gives up mid-request has still posted; resending with enforce_nonce finds the message', async () => {
    fake.setLatency('POST', '/channels/:channel/messages', 5000);
    const body = JSON.stringify({ content: 'interrupted reply', nonce: 'reply-7-0', enforce_nonce: true });
    const abort = new AbortController();
    const pending = fetch(`${fake.restUrl}/v10${messagesPath}`, { method: 'POST', headers: json, body, signal: abort.signal }).catch((error: unknown) => error);
    const request = await fake.waitForRequest('POST', /\/messages$/);
    abort.abort();
    expect(await pending).toMatchObject({ name: 'AbortError' });
    expect(fake.messages.map((message) => message.content)).toEqual(['interrupted reply']);

    fake.setLatency('POST', '/channels/:channel/messages', 0);
    const resent = await rawFetch(messagesPath, { method: 'POST', headers: json, body });
    expect(JSON.parse(resent.text)).toMatchObject({ id: (request.response as APIMessage).id, content: 'interrupted reply' });
    expect(fake.messages).toHaveLength(1);
    // afterEach closes the fake: close() must not wait for an answer nobody is listening to.
  });

  it('setLatency rejects a route the fake does not serve and a bad delay', () => {
    expect(() => fake.setLatency('POST', '/channels/:id/messages', 100)).toThrow(/no route POST \/channels\/:id\/messages/);
    expect(() => fake.setLatency('post', '/channels/:channel/messages', -5)).toThrow(/>= 0/);
  });
});

describe('REST: authentication, unknown routes, failures and rate limits', () => {
  it('answers 401 without the bot token, 404 for unknown routes, and lets interaction routes through without auth', async () => {
    const noAuth = await rawFetch('/users/@me');
    expect([noAuth.status, JSON.parse(noAuth.text)]).toEqual([401, { message: '401: Unauthorized', code: 0 }]);
    const wrong = await rawFetch('/users/@me', { headers: { authorization: 'Bot nope' } });
    expect(wrong.status).toBe(401);
    const unknown = await rawFetch('/nothing/here', { headers: auth });
    expect([unknown.status, JSON.parse(unknown.text)]).toEqual([404, { message: '404: Not Found', code: 0 }]);
    expect(unknown.headers.get('content-type')).toBe('application/json');
    const unversioned = await fetch(`${fake.restUrl}/users/@me`, { headers: auth });
    expect(unversioned.status).toBe(404);
    const callback = await rawFetch('/interactions/1/abc/callback', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 6 }) });
    expect([callback.status, JSON.parse(callback.text)]).toEqual([404, { message: 'Unknown interaction', code: 10062 }]);
    expect(fake.requests.map((request) => [request.method, request.path, request.status])).toEqual([
      ['GET', '/users/@me', 401],
      ['GET', '/users/@me', 401],
      ['GET', '/nothing/here', 404],
      ['GET', '/api/users/@me', 404],
      ['POST', '/interactions/1/abc/callback', 404],
    ]);
  });

  it('waits out a 429 on a message POST for about retry_after, then discord.js retries', async () => {
    const { client } = await connect();
    const limited: unknown[] = [];
    client.rest.on(RESTEvents.RateLimited, (info) => limited.push(info));
    fake.failNext('POST', /^\/channels\/\d+\/messages$/, { status: 429, retryAfter: 0.4 });
    const started = Date.now();
    const sent = await textChannel(client).send('after the rate limit');
    const elapsed = Date.now() - started;
    const posts = fake.requests.filter((request) => request.method === 'POST');
    expect(posts.map((request) => request.status)).toEqual([429, 200]);
    expect(posts[0]?.response).toEqual({ message: 'You are being rate limited.', retry_after: 0.4, global: false });
    const gap = (posts[1]?.at.getTime() ?? 0) - (posts[0]?.at.getTime() ?? 0);
    expect(gap).toBeGreaterThanOrEqual(400);
    expect(gap).toBeLessThan(1000);
    expect(elapsed).toBeLessThan(1500);
    expect(limited).toHaveLength(1);
    expect(fake.messages.map((message) => message.id)).toEqual([sent.id]);
  });

  it('sends the documented rate-limit headers (bucket and global) with a JSON body', async () => {
    fake.failNext('GET', /^\/users\/@me$/, { status: 429, retryAfter: 0.25 });
    fake.failNext('GET', /^\/users\/@me$/, { status: 429, retryAfter: 1.5, global: true });
    const bucket = await rawFetch('/users/@me', { headers: auth });
    expect(bucket.status).toBe(429);
    expect(JSON.parse(bucket.text)).toEqual({ message: 'You are being rate limited.', retry_after: 0.25, global: false });
    expect(bucket.headers.get('retry-after')).toBe('1');
    expect(bucket.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(bucket.headers.get('x-ratelimit-reset-after')).toBe('0.250');
    expect(bucket.headers.get('x-ratelimit-scope')).toBe('user');
    expect(bucket.headers.get('x-ratelimit-bucket')).toMatch(/^[0-9a-f]{32}$/);
    expect(Number(bucket.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    const global = await rawFetch('/users/@me', { headers: auth });
    expect(JSON.parse(global.text)).toEqual({ message: 'You are being rate limited.', retry_after: 1.5, global: true });
    expect([global.headers.get('retry-after'), global.headers.get('x-ratelimit-global'), global.headers.get('x-ratelimit-scope')]).toEqual(['2', 'true', 'global']);
    const fine = await rawFetch('/users/@me', { headers: auth });
    expect(fine.status).toBe(200);
    expect(fine.headers.get('x-ratelimit-remaining')).toBe('49');
  });

  it('returns injected errors: discord.js retries a 500 on its own (unless retries: 0) and surfaces a 403 code', async () => {
    const { client } = await connect();
    fake.failNext('POST', /\/messages$/, { status: 500 });
    await textChannel(client).send('survives one 500');
    expect(fake.requests.filter((request) => request.method === 'POST').map((request) => request.status)).toEqual([500, 200]);

    fake.failNext('POST', /\/messages$/, { status: 403, code: 50013, message: 'Missing Permissions' });
    const forbidden = (await rejection(textChannel(client).send('no'))) as DiscordAPIError;
    expect([forbidden.status, forbidden.code, forbidden.message]).toEqual([403, 50013, 'Missing Permissions']);

    const strict = await connect({ rest: { retries: 0 } });
    fake.failNext('POST', /\/messages$/, { status: 503 }, 1);
    const unavailable = (await rejection(textChannel(strict.client).send('no retry'))) as { status?: number; name: string };
    expect([unavailable.name, unavailable.status]).toEqual(['HTTPError', 503]);
  });
});

describe('interactions', () => {
  async function postCard(client: Client): Promise<Message> {
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder().setCustomId('review:approve:42').setLabel('Approve').setStyle(ButtonStyle.Success),
      new ButtonBuilder().setCustomId('review:edit:42').setLabel('Edit').setStyle(ButtonStyle.Secondary),
    );
    return textChannel(client, IDS.reviewChannelId).send({ content: 'Draft reply for ticket #42', components: [row] });
  }

  it('delivers a button click and records an ephemeral reply (callback type 4, flags 64, no gateway echo)', async () => {
    const { client } = await connect();
    const card = await postCard(client);
    const payload = fake.buttonInteraction({ customId: 'review:approve:42', userId: IDS.reviewerUserId, channelId: IDS.reviewChannelId, messageId: card.id });
    const interaction = await nextInteraction(client, () => fake.interactionCreate(payload));
    if (!interaction.isButton()) throw new Error('expected a button interaction');
    expect(interaction.customId).toBe('review:approve:42');
    expect(interaction.user.id).toBe(IDS.reviewerUserId);
    expect(interaction.inCachedGuild() && interaction.member.roles.cache.has(IDS.reviewerRoleId)).toBe(true);
    expect(interaction.message.id).toBe(card.id);
    expect(interaction.channelId).toBe(IDS.reviewChannelId);

    const framesBefore = fake.gatewayFrames.length;
    await interaction.reply({ content: 'Approved and sent.', flags: MessageFlags.Ephemeral });
    const callback = await fake.waitForRequest('POST', /\/callback$/);
    expect(callback).toMatchObject({ status: 204, query: { with_response: 'false' }, body: { type: 4, data: { content: 'Approved and sent.', flags: 64 } } });
    expect(callback.headers.authorization).toBeUndefined();
    expect(fake.interactionResponses).toEqual([{ interactionId: interaction.id, type: 4, data: expect.objectContaining({ content: 'Approved and sent.', flags: 64 }) }]);
    expect(fake.messages.at(-1)).toMatchObject({ content: 'Approved and sent.', flags: 64, interaction_id: interaction.id, channel_id: IDS.reviewChannelId });
    expect(fake.gatewayFrames.slice(framesBefore).some((frame) => frame.t === 'MESSAGE_CREATE')).toBe(false);

    const again = (await rejection(client.rest.post(`/interactions/${interaction.id}/${interaction.token}/callback`, { body: { type: 6 }, auth: false }))) as DiscordAPIError;
    expect(again.code).toBe(40060);
  });

  it('resolves interactionCreate() with the callback: deferUpdate is type 6, then editReply edits the card', async () => {
    const { client } = await connect();
    const card = await postCard(client);
    client.once(Events.InteractionCreate, (interaction) => {
      if (interaction.isButton()) void interaction.deferUpdate().then(() => interaction.editReply({ content: 'Approved by reviewer', components: [] }));
    });
    const { callback } = await fake.interactionCreate(fake.buttonInteraction({ customId: 'review:approve:42', userId: IDS.reviewerUserId, channelId: IDS.reviewChannelId, messageId: card.id }));
    expect(callback.body).toEqual({ type: 6 });
    const edit = await fake.waitForRequest('PATCH', /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/);
    expect(edit.path.split('/')[2]).toBe(IDS.applicationId);
    expect(fake.messages.find((message) => message.id === card.id)).toMatchObject({ content: 'Approved by reviewer', components: [], edited: true });
  });

  it('update() is callback type 7 and rewrites the message the button is on', async () => {
    const { client } = await connect();
    const card = await postCard(client);
    const updated = once(client, Events.MessageUpdate);
    client.once(Events.InteractionCreate, (interaction) => {
      if (interaction.isButton()) void interaction.update({ content: 'Rejected', components: [] });
    });
    const { callback } = await fake.interactionCreate(fake.buttonInteraction({ customId: 'review:reject:42', userId: IDS.reviewerUserId, channelId: IDS.reviewChannelId, messageId: card.id }));
    expect(callback.body).toMatchObject({ type: 7, data: { content: 'Rejected', components: [] } });
    expect(fake.messages.find((message) => message.id === card.id)).toMatchObject({ content: 'Rejected', edited: true });
    const [, after] = await updated;
    expect(after.content).toBe('Rejected');
  });

  it('showModal() is callback type 9, and the modal submit arrives with the field values', async () => {
    const { client } = await connect();
    const card = await postCard(client);
    client.once(Events.InteractionCreate, (interaction) => {
      if (!interaction.isButton()) return;
      const modal = new ModalBuilder()
        .setCustomId('review:edit-modal:42')
        .setTitle('Edit the reply')
        .addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(new TextInputBuilder().setCustomId('reply').setLabel('Reply').setStyle(TextInputStyle.Paragraph)));
      void interaction.showModal(modal);
    });
    const { callback } = await fake.interactionCreate(fake.buttonInteraction({ customId: 'review:edit:42', userId: IDS.reviewerUserId, channelId: IDS.reviewChannelId, messageId: card.id }));
    expect(callback.body).toMatchObject({ type: 9, data: { custom_id: 'review:edit-modal:42', title: 'Edit the reply', components: [{ type: 1, components: [{ type: 4, custom_id: 'reply' }] }] } });

    const submit = fake.modalSubmitInteraction({ customId: 'review:edit-modal:42', userId: IDS.reviewerUserId, channelId: IDS.reviewChannelId, messageId: card.id, values: { reply: 'Edited text', note: 'typo' } });
    const interaction = await nextInteraction(client, () => fake.interactionCreate(submit));
    if (!interaction.isModalSubmit()) throw new Error('expected a modal submit');
    expect(interaction.customId).toBe('review:edit-modal:42');
    expect(interaction.fields.getTextInputValue('reply')).toBe('Edited text');
    expect(interaction.fields.getTextInputValue('note')).toBe('typo');
    expect(interaction.message?.id).toBe(card.id);

    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    await interaction.editReply('Saved the edit.');
    await interaction.followUp({ content: 'Sent to the customer.', flags: MessageFlags.Ephemeral });
    expect(fake.interactionResponses.map((response) => response.type)).toEqual([9, 5]);
    expect(fake.interactionResponses[1]?.data).toEqual({ flags: 64 });
    const replies = fake.messages.filter((message) => message.interaction_id === interaction.id);
    expect(replies.map((message) => [message.content, message.flags])).toEqual([
      ['Saved the edit.', 64],
      ['Sent to the customer.', 64],
    ]);
    expect(replies[0]?.edited).toBe(false);
    await fake.waitForRequest('POST', /^\/webhooks\/\d+\/[^/]+$/);
  });

  it('registers commands with application.commands.set (global and guild) and answers a slash command', async () => {
    const { client } = await connect();
    const commands = [
      { name: 'ticket', description: 'Look up a ticket', options: [{ type: 3, name: 'id', description: 'Ticket id', required: true }] },
      { name: 'spend', description: 'Weekly spend summary' },
    ];
    const global = await client.application?.commands.set(commands);
    expect(global?.map((command) => command.name).sort()).toEqual(['spend', 'ticket']);
    await client.application?.commands.set([{ name: 'escalate', description: 'Escalate to a human' }], IDS.guildId);
    await fake.waitForRequest('PUT', new RegExp(`^/applications/${IDS.applicationId}/commands$`));
    await fake.waitForRequest('PUT', new RegExp(`^/applications/${IDS.applicationId}/guilds/${IDS.guildId}/commands$`));
    expect(fake.commands.map((command) => [command.name, command.guild_id ?? null]).sort()).toEqual([
      ['escalate', IDS.guildId],
      ['spend', null],
      ['ticket', null],
    ]);
    const ticketId = fake.commands.find((command) => command.name === 'ticket')?.id;
    await client.application?.commands.set(commands);
    expect(fake.commands.find((command) => command.name === 'ticket')?.id).toBe(ticketId);
    const invalid = (await rejection(client.application?.commands.create({ name: 'Bad Name', description: 'x' }) ?? Promise.resolve())) as DiscordAPIError;
    expect(invalid.code).toBe(50035);

    const payload = fake.commandInteraction({ name: 'ticket', options: [{ type: 3, name: 'id', value: 'T-42' }], userId: IDS.customerUserId, channelId: IDS.supportChannelId });
    client.once(Events.InteractionCreate, (interaction) => {
      if (interaction.isChatInputCommand()) void interaction.reply(`Ticket ${interaction.options.getString('id', true)} is open (command ${interaction.commandId})`);
    });
    const { callback } = await fake.interactionCreate(payload);
    expect(callback.body).toEqual({ type: 4, data: expect.objectContaining({ content: `Ticket T-42 is open (command ${ticketId})` }) });
  });

  it('invalidates the token when the bot misses the 3-second deadline (here shortened)', async () => {
    await useFake({ interactionDeadlineMs: 100 });
    const { client } = await connect();
    const payload = fake.commandInteraction({ name: 'ticket', userId: IDS.customerUserId, channelId: IDS.supportChannelId });
    const interaction = await nextInteraction(client, () => fake.dispatch('INTERACTION_CREATE', payload));
    await new Promise((resolve) => setTimeout(resolve, 150));
    if (!interaction.isChatInputCommand()) throw new Error('expected a command');
    const late = (await rejection(interaction.reply('too late'))) as DiscordAPIError;
    expect([late.status, late.code]).toEqual([404, 10062]);
  });

  it('answers with_response=true with the interaction callback response object', async () => {
    const { client } = await connect();
    client.once(Events.InteractionCreate, (interaction) => {
      if (interaction.isChatInputCommand()) void interaction.reply({ content: 'with response', withResponse: true });
    });
    const { callback } = await fake.interactionCreate(fake.commandInteraction({ name: 'spend', userId: IDS.customerUserId, channelId: IDS.supportChannelId }));
    expect(callback.status).toBe(200);
    expect(callback.response).toMatchObject({ interaction: { type: 2, response_message_loading: false, response_message_ephemeral: false }, resource: { type: 4, message: { content: 'with response' } } });
  });
});

describe('gateway: reconnect, resume and invalid sessions', () => {
  it('op 7: the client RESUMEs on resume_gateway_url with its session id and last seq, and gets what it missed', async () => {
    const { client, debug } = await connect();
    const seen: string[] = [];
    client.on(Events.MessageCreate, (message) => seen.push(message.content));
    await fake.messageCreate({ channelId: IDS.supportChannelId, authorId: IDS.customerUserId, content: 'before' });
    await expect.poll(() => seen).toEqual(['before']);
    const sessionId = fake.gatewayFrames.find((frame) => frame.t === 'READY')?.d.session_id as string;
    const lastSeq = Math.max(...fake.gatewayFrames.filter((frame) => frame.direction === 'sent' && frame.s !== null).map((frame) => frame.s ?? 0));

    const resumed = once(client, Events.ShardResume, () => true, 5000);
    fake.requestReconnect();
    // Dispatched while the client is away: logged and replayed on RESUME.
    await fake.messageCreate({ channelId: IDS.supportChannelId, authorId: IDS.customerUserId, content: 'while away' });
    const resume = await fake.waitForGatewayFrame(6);
    expect(resume.d).toEqual({ token: TOKEN, session_id: sessionId, seq: lastSeq });
    expect(resume.connection).toBe(2);
    await resumed;
    await expect.poll(() => seen).toEqual(['before', 'while away']);
    expect(debug.some((line) => line.includes(`Connecting to ${fake.resumeGatewayUrl}?v=10&encoding=json`))).toBe(true);
    expect(fake.gatewayFrames.filter((frame) => frame.direction === 'received' && frame.op === 2)).toHaveLength(1);
    const replay = fake.gatewayFrames.filter((frame) => frame.connection === 2 && frame.direction === 'sent' && frame.op === 0);
    expect(replay.map((frame) => [frame.t, frame.s])).toEqual([
      ['MESSAGE_CREATE', lastSeq + 1],
      ['RESUMED', lastSeq + 2],
    ]);
  });

  it('replays a MESSAGE_CREATE after RESUME: it reaches the client again (only a warm discord.js message cache hides it)', async () => {
    const { client } = await connect({ makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 0 }) });
    const ids: string[] = [];
    const raw: string[] = [];
    client.on(Events.MessageCreate, (message) => ids.push(message.id));
    client.on(Events.Raw, (packet: { t?: string; d?: { id?: string } }) => {
      if (packet.t === 'MESSAGE_CREATE' && packet.d?.id) raw.push(packet.d.id);
    });
    const original = await fake.messageCreate({ channelId: IDS.supportChannelId, authorId: IDS.customerUserId, content: 'my order is late' });
    await expect.poll(() => ids).toEqual([original.id]);

    fake.replayAfterResume([{ event: 'MESSAGE_CREATE', data: original }]);
    const resumed = once(client, Events.ShardResume, () => true, 5000);
    fake.requestReconnect();
    await resumed;
    // The same message id twice: deduplicating is the adapter's job.
    await expect.poll(() => ids).toEqual([original.id, original.id]);
    expect(raw).toEqual([original.id, original.id]);
  });

  it('op 9 (not resumable): the client identifies again on a new connection and keeps working', async () => {
    // discord.js waits up to 5 s between IDENTIFYs by default; a no-op throttler keeps the test fast.
    const { client } = await connect({ ws: { buildIdentifyThrottler: () => ({ waitForIdentify: async () => undefined }) } });
    const firstSession = fake.gatewayFrames.find((frame) => frame.t === 'READY')?.d.session_id as string;
    fake.invalidateSession(false);
    const identify = await fake.waitForGatewayFrame(2, (frame) => frame.connection === 2, 5000);
    expect(identify.d.token).toBe(TOKEN);
    await fake.ready();
    const readies = fake.gatewayFrames.filter((frame) => frame.t === 'READY');
    expect(readies).toHaveLength(2);
    expect(readies[1]?.d.session_id).not.toBe(firstSession);
    expect(fake.gatewayFrames.some((frame) => frame.direction === 'received' && frame.op === 6)).toBe(false);
    const received = once(client, Events.MessageCreate);
    await fake.messageCreate({ channelId: IDS.supportChannelId, authorId: IDS.customerUserId, content: 'after re-identify' });
    expect((await received)[0].content).toBe('after re-identify');
  });

  it('op 9 (resumable): the client RESUMEs on the same connection', async () => {
    const { client } = await connect();
    const resumed = once(client, Events.ShardResume, () => true, 5000);
    fake.invalidateSession(true);
    const resume = await fake.waitForGatewayFrame(6);
    expect(resume.connection).toBe(1);
    await resumed;
  });

  it('answers a RESUME for an unknown session with op 9 false', async () => {
    const socket = await openGateway();
    socket.send(JSON.stringify({ op: 6, d: { token: TOKEN, session_id: 'no-such-session', seq: 3 } }));
    expect(await socket.next()).toEqual({ op: 9, d: false, s: null, t: null });
    socket.ws.close();
  });
});

describe('gateway protocol details with a raw websocket', () => {
  it('closes with the documented codes: 4003 before identify, 4004 bad token, 4012 bad version, 4002 bad JSON', async () => {
    const early = await openGateway();
    early.send(JSON.stringify({ op: 3, d: { status: 'online', since: null, activities: [], afk: false } }));
    expect(await early.closed).toBe(4003);
    const badToken = await openGateway();
    badToken.send(JSON.stringify({ op: 2, d: { token: 'wrong', intents: 1, properties: {} } }));
    expect(await badToken.closed).toBe(4004);
    const badVersion = await openGateway('?v=8&encoding=json', false);
    expect(await badVersion.closed).toBe(4012);
    const garbage = await openGateway();
    garbage.send('{not json');
    expect(await garbage.closed).toBe(4002);
  });

  it('speaks zlib-stream when asked: one zlib context, every message ends with 00 00 ff ff', async () => {
    const url = `${fake.gatewayUrl}?v=10&encoding=json&compress=zlib-stream`;
    const ws = new WebSocket(url);
    const inflate = createInflate();
    const decoded: unknown[] = [];
    const frames: Buffer[] = [];
    let text = '';
    inflate.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    ws.on('message', (data: Buffer, isBinary) => {
      expect(isBinary).toBe(true);
      frames.push(data);
      inflate.write(data);
      inflate.flush(zlibConstants.Z_SYNC_FLUSH, () => {
        decoded.push(JSON.parse(text));
        text = '';
      });
    });
    await new Promise((resolve) => ws.once('open', resolve));
    await expect.poll(() => decoded.length).toBe(1);
    expect(decoded[0]).toEqual({ op: 10, d: { heartbeat_interval: 41250 }, s: null, t: null });
    ws.send(JSON.stringify({ op: 2, d: { token: TOKEN, intents: 1, properties: {} } }));
    await expect.poll(() => decoded.length).toBe(3);
    expect(decoded.map((payload) => (payload as { t: string | null }).t)).toEqual([null, 'READY', 'GUILD_CREATE']);
    expect(new Set(frames.map((frame) => frame.subarray(-4).toString('hex')))).toEqual(new Set(['0000ffff']));
    // Only the first message has the zlib header: the others continue the same stream.
    expect(() => inflateSync(frames[1] ?? Buffer.alloc(0), { finishFlush: zlibConstants.Z_SYNC_FLUSH })).toThrow();
    ws.close();
    inflate.close();
  });
});

describe('documented examples from the Discord API docs', () => {
  const available = existsSync(EXAMPLES);
  if (!available) console.log(`skipping documented-example tests: ${EXAMPLES.pathname} is not present`);
  const example = (name: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(name, EXAMPLES), 'utf8')) as Record<string, unknown>;

  it.skipIf(!available)('serves /gateway/bot and HELLO with the documented keys', async () => {
    const documented = example('gateway__L756__example_response.json');
    const { body, status } = await rawFetch('/gateway/bot', { headers: auth }).then((response) => ({ status: response.status, body: JSON.parse(response.text) as Record<string, unknown> }));
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(Object.keys(documented).sort());
    expect(Object.keys(body.session_start_limit as object).sort()).toEqual(Object.keys(documented.session_start_limit as object).sort());
    const hello = example('gateway-events__L449__example_hello.json');
    const socket = await openGateway();
    const sent = fake.gatewayFrames.find((frame) => frame.op === 10);
    expect(Object.keys(sent?.d ?? {})).toEqual(Object.keys(hello.d as object));
    socket.ws.close();
  });

  it.skipIf(!available)('delivers the documented example message and accepts the documented create-message body', async () => {
    const { client } = await connect();
    const documented = example('message__L167__example_message.json');
    const received = once(client, Events.MessageCreate);
    await fake.dispatch('MESSAGE_CREATE', { ...documented, channel_id: IDS.supportChannelId, guild_id: IDS.guildId });
    const [message] = await received;
    expect([message.id, message.content, message.author.username]).toEqual([documented.id, 'Supa Hot', 'Mason']);
    expect(message.reactions.cache.size).toBe(1);

    const body = example('message__L1103__example_request_body_application_json.json');
    await client.rest.post(`/channels/${IDS.supportChannelId}/messages`, { body });
    expect(fake.messages.at(-1)).toMatchObject({ content: 'Hello, World!', embeds: [{ title: 'Hello, Embed!' }] });
    // The documented message can be threaded once it is known to the fake.
    const thread = await message.startThread({ name: 'from the docs' });
    expect(thread.id).toBe(documented.id);
  });

  it.skipIf(!available)('handles the documented slash-command interaction once completed with fields Discord now always sends', async () => {
    const { client } = await connect();
    const documented = example('application-commands__L500__example_interaction.json');
    const payload = {
      ...documented,
      application_id: IDS.applicationId,
      version: 1,
      channel: { id: documented.channel_id, type: 0, name: 'cards', guild_id: documented.guild_id },
      entitlements: [],
      authorizing_integration_owners: { 0: documented.guild_id },
      context: 0,
      attachment_size_limit: 10_485_760,
    };
    client.once(Events.InteractionCreate, (interaction) => {
      if (interaction.isChatInputCommand()) void interaction.reply(`You searched ${interaction.options.getString('cardname')}`);
    });
    const { callback } = await fake.interactionCreate(payload);
    expect(callback.body).toEqual({ type: 4, data: expect.objectContaining({ content: 'You searched The Gitrog Monster' }) });
  });
});

describe('lifecycle', () => {
  it('reset() clears the records but keeps the session; close() is idempotent and rejects pending waits', async () => {
    const { client } = await connect();
    await textChannel(client).send('one');
    fake.reset();
    expect([fake.requests.length, fake.messages.length, fake.gatewayFrames.length]).toEqual([0, 0, 0]);
    const received = once(client, Events.MessageCreate);
    await fake.messageCreate({ channelId: IDS.supportChannelId, authorId: IDS.customerUserId, content: 'still connected' });
    await received;
    const pending = fake.waitForRequest('POST', /never/, () => true, 10_000);
    await client.destroy();
    cleanups = [];
    await Promise.all([fake.close(), fake.close()]);
    await expect(pending).rejects.toThrow('closed');
  });

  it('leaves no sockets or servers behind after client.destroy() and fake.close()', async () => {
    const { client } = await connect();
    await textChannel(client).send('bye');
    await client.destroy();
    cleanups = [];
    await fake.close();
    await expect.poll(() => process.getActiveResourcesInfo().filter((kind) => kind === 'TCPSocketWrap' || kind === 'TCPServerWrap'), { timeout: 2000 }).toEqual([]);
  });
});

interface RawGateway {
  ws: WebSocket;
  send(text: string): void;
  next(): Promise<unknown>;
  closed: Promise<number>;
}

/** A bare websocket on the fake gateway; by default waits for HELLO. */
async function openGateway(query = '?v=10&encoding=json', expectHello = true): Promise<RawGateway> {
  const ws = new WebSocket(`${fake.gatewayUrl}${query}`);
  const queue: unknown[] = [];
  const waiting: ((value: unknown) => void)[] = [];
  ws.on('message', (data: Buffer) => {
    const payload: unknown = JSON.parse(data.toString());
    const waiter = waiting.shift();
    if (waiter) waiter(payload);
    else queue.push(payload);
  });
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  cleanups.push(async () => {
    if (ws.readyState !== WebSocket.CLOSED) ws.terminate();
  });
  const gateway: RawGateway = {
    ws,
    send: (text) => ws.send(text),
    next: () => (queue.length ? Promise.resolve(queue.shift()) : new Promise((resolve) => waiting.push(resolve))),
    closed,
  };
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  if (expectHello) expect(await gateway.next()).toMatchObject({ op: 10 });
  return gateway;
}

