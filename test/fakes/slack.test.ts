import { App, LogLevel, SocketModeReceiver, type Logger } from '@slack/bolt';
import { ErrorCode, WebClient, type WebClientOptions } from '@slack/web-api';
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  blockActions,
  encodeSlackBody,
  eventCallback,
  messageEvent,
  slashCommand,
  startFakeSlack,
  type FakeSlack,
  type RecordedCall,
} from './slack/index.js';

// The real @slack/bolt, @slack/web-api and @slack/socket-mode against the fake, over real
// HTTP and websockets on 127.0.0.1. No mocks.

const BOT_TOKEN = 'xoxb-test-bot-token';
const APP_TOKEN = 'xapp-test-app-token';
const SIGNING_SECRET = 'test-signing-secret';
const VECTORS = new URL('../../../shared/data/slack/extracted-from-bolt-js-tests/signature_and_retry_vectors.json', import.meta.url);

interface CapturingLogger extends Logger {
  errors: unknown[][];
}

/** Bolt / SDK logger that prints nothing and keeps errors for assertions. */
function quietLogger(): CapturingLogger {
  let level = LogLevel.ERROR;
  const errors: unknown[][] = [];
  return {
    errors,
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: (...message: unknown[]) => {
      errors.push(message);
    },
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

let fake: FakeSlack;
let cleanups: (() => Promise<unknown>)[] = [];

beforeEach(async () => {
  fake = await startFakeSlack({
    users: { U_ALICE: { name: 'alice' }, U_HELPER: { name: 'helper-bot', is_bot: true } },
    usergroups: { S_REVIEWERS: ['U_ALICE', 'U_BOB'] },
  });
});

afterEach(async () => {
  // Stop apps before the fake goes away, or the Socket Mode client tries to reconnect to nothing.
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
  await fake.close();
});

/** A WebClient on the fake; `null` for no token at all. */
function client(token: string | null = BOT_TOKEN, options: WebClientOptions = {}): WebClient {
  return new WebClient(token ?? undefined, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, logger: quietLogger(), ...options });
}

/** Runs `promise`, expecting it to reject, and returns the error. */
async function failure(promise: Promise<unknown>): Promise<{ code?: string; data?: { error?: string }; retryAfter?: number; original?: Error }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string; data?: { error?: string } };
  }
  throw new Error('expected the call to fail');
}

async function socketApp(logger: CapturingLogger, receiverOptions: { clientPingTimeout?: number } = {}): Promise<App> {
  const clientOptions = { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } };
  const app = receiverOptions.clientPingTimeout
    ? new App({
        token: BOT_TOKEN,
        logger,
        clientOptions,
        receiver: new SocketModeReceiver({
          appToken: APP_TOKEN,
          logger,
          clientPingTimeout: receiverOptions.clientPingTimeout,
          installerOptions: { clientOptions },
        }),
      })
    : new App({ token: BOT_TOKEN, appToken: APP_TOKEN, socketMode: true, logger, clientOptions });
  cleanups.push(() => app.stop());
  await app.start();
  return app;
}

async function httpApp(logger: CapturingLogger): Promise<{ app: App; url: string }> {
  const app = new App({
    token: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    logger,
    clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
  });
  const server = await app.start({ port: 0, host: '127.0.0.1' });
  cleanups.push(() => app.stop());
  const { port } = server.address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}/slack/events` };
}

describe('Web API with the real WebClient', () => {
  it('answers auth.test with the bot identity Bolt reads at start', async () => {
    const result = await client().auth.test();
    expect(result).toMatchObject({
      ok: true,
      user_id: 'UBOT',
      bot_id: 'BBOT',
      team_id: 'T0001',
      user: 'fake-bot',
      team: 'Fake Workspace',
      url: 'https://fake-workspace.slack.com/',
    });
    const [call] = fake.callsTo('auth.test');
    expect(call).toMatchObject({ token: BOT_TOKEN, contentType: 'application/x-www-form-urlencoded', status: 200 });
    expect(call?.at).toBeInstanceOf(Date);
  });

  it('rejects missing, wrong and wrong-kind tokens with the documented error codes', async () => {
    expect((await failure(client(null).auth.test())).data?.error).toBe('not_authed');
    expect((await failure(client('xoxb-wrong').auth.test())).data?.error).toBe('invalid_auth');
    expect((await failure(client(APP_TOKEN).chat.postMessage({ channel: 'C1', text: 'hi' }))).data?.error).toBe('not_allowed_token_type');
    expect((await failure(client(BOT_TOKEN).apps.connections.open())).data?.error).toBe('not_allowed_token_type');
    const unknown = await failure(client().apiCall('nothing.here'));
    expect(unknown.code).toBe(ErrorCode.PlatformError);
    expect(unknown.data).toMatchObject({ ok: false, error: 'unknown_method', req_method: 'nothing.here' });
    expect(fake.messages).toHaveLength(0);
    expect(fake.calls.map((call) => call.method)).toEqual([
      'auth.test',
      'auth.test',
      'chat.postMessage',
      'apps.connections.open',
      'nothing.here',
    ]);
  });

  it('chat.postMessage validates, returns unique increasing ts and records the message', async () => {
    const web = client();
    expect((await failure(web.chat.postMessage({ channel: '', text: 'hi' }))).data?.error).toBe('channel_not_found');
    expect((await failure(web.apiCall('chat.postMessage', { channel: 'C1' }))).data?.error).toBe('no_text');
    expect((await failure(web.apiCall('chat.postMessage', { channel: 'C1', blocks: 'not json' }))).data?.error).toBe('invalid_blocks_format');

    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Ticket* received' } }];
    const first = await web.chat.postMessage({ channel: 'C1', text: 'Ticket received', blocks });
    const reply = await web.chat.postMessage({ channel: 'C1', text: 'in thread', thread_ts: first.ts as string });
    expect(first.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(reply.ts! > first.ts!).toBe(true);
    expect(first).toMatchObject({ ok: true, channel: 'C1', message: { type: 'message', text: 'Ticket received', user: 'UBOT', bot_id: 'BBOT', ts: first.ts, blocks } });
    expect(reply.message).toMatchObject({ thread_ts: first.ts });
    expect(fake.messages).toEqual([
      { channel: 'C1', ts: first.ts, thread_ts: undefined, text: 'Ticket received', blocks, ephemeral: false, updated: false },
      { channel: 'C1', ts: reply.ts, thread_ts: first.ts, text: 'in thread', blocks: undefined, ephemeral: false, updated: false },
    ]);
    // Form fields that carry JSON (blocks) are parsed in the recorded arguments.
    expect(fake.callsTo('chat.postMessage').at(-2)?.args.blocks).toEqual(blocks);
  });

  it('accepts JSON bodies with a Bearer token and form bodies with a token field, like Slack', async () => {
    const post = (body: string, headers: Record<string, string>) =>
      fetch(`${fake.apiUrl}chat.postMessage`, { method: 'POST', headers, body }).then((response) => response.json() as Promise<{ ok: boolean; error?: string }>);

    const json = await post(JSON.stringify({ channel: 'C1', text: 'json body' }), {
      'content-type': 'application/json; charset=utf-8',
      authorization: `Bearer ${BOT_TOKEN}`,
    });
    expect(json).toMatchObject({ ok: true });
    // A JSON body's token field is not read: the token must be in the header.
    const jsonTokenInBody = await post(JSON.stringify({ token: BOT_TOKEN, channel: 'C1', text: 'x' }), { 'content-type': 'application/json' });
    expect(jsonTokenInBody).toEqual({ ok: false, error: 'not_authed' });
    const form = await post(new URLSearchParams({ token: BOT_TOKEN, channel: 'C2', text: 'form body' }).toString(), {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(form).toMatchObject({ ok: true });

    expect(fake.messages.map((message) => message.text)).toEqual(['json body', 'form body']);
    expect(fake.calls.map((call) => [call.contentType, call.token])).toEqual([
      ['application/json', BOT_TOKEN],
      ['application/json', null],
      ['application/x-www-form-urlencoded', BOT_TOKEN],
    ]);
    expect(fake.calls[2]?.args).toEqual({ channel: 'C2', text: 'form body' });
  });

  it('chat.update edits in place, chat.postEphemeral returns message_ts, chat.delete removes', async () => {
    const web = client();
    const posted = await web.chat.postMessage({ channel: 'C1', text: 'draft' });
    const ts = posted.ts as string;
    const updated = await web.chat.update({ channel: 'C1', ts, text: 'final' });
    expect(updated).toMatchObject({ ok: true, channel: 'C1', ts, text: 'final' });
    expect((await failure(web.chat.update({ channel: 'C1', ts: '1.000000', text: 'x' }))).data?.error).toBe('message_not_found');

    const ephemeral = await web.chat.postEphemeral({ channel: 'C1', user: 'U_ALICE', text: 'only you' });
    expect(ephemeral.message_ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(fake.messages).toEqual([
      { channel: 'C1', ts, thread_ts: undefined, text: 'final', blocks: undefined, ephemeral: false, updated: true },
      { channel: 'C1', ts: ephemeral.message_ts, thread_ts: undefined, text: 'only you', blocks: undefined, user: 'U_ALICE', ephemeral: true, updated: false },
    ]);

    expect(await web.chat.delete({ channel: 'C1', ts })).toMatchObject({ ok: true, channel: 'C1', ts });
    expect((await failure(web.chat.delete({ channel: 'C1', ts }))).data?.error).toBe('message_not_found');
    expect(fake.messages.map((message) => message.ephemeral)).toEqual([true]);
  });

  it('reactions: a duplicate add is already_reacted, removing a missing one is no_reaction', async () => {
    const web = client();
    await web.reactions.add({ channel: 'C1', timestamp: '1700000000.000100', name: 'eyes' });
    expect((await failure(web.reactions.add({ channel: 'C1', timestamp: '1700000000.000100', name: 'eyes' }))).data?.error).toBe('already_reacted');
    await web.reactions.add({ channel: 'C1', timestamp: '1700000000.000100', name: 'white_check_mark' });
    expect(fake.reactions).toEqual([
      { channel: 'C1', timestamp: '1700000000.000100', name: 'eyes' },
      { channel: 'C1', timestamp: '1700000000.000100', name: 'white_check_mark' },
    ]);
    await web.reactions.remove({ channel: 'C1', timestamp: '1700000000.000100', name: 'eyes' });
    expect((await failure(web.reactions.remove({ channel: 'C1', timestamp: '1700000000.000100', name: 'eyes' }))).data?.error).toBe('no_reaction');
    expect(fake.reactions.map((reaction) => reaction.name)).toEqual(['white_check_mark']);
  });

  it('users.info, usergroups.users.list and conversations.info answer from the configured directory', async () => {
    const web = client();
    expect((await web.users.info({ user: 'U_ALICE' })).user).toMatchObject({ id: 'U_ALICE', name: 'alice', is_bot: false, team_id: 'T0001' });
    expect((await web.users.info({ user: 'U_HELPER' })).user).toMatchObject({ is_bot: true });
    expect((await web.users.info({ user: 'UBOT' })).user).toMatchObject({ id: 'UBOT', is_bot: true, profile: { bot_id: 'BBOT' } });
    expect((await failure(web.users.info({ user: 'U_NOBODY' }))).data?.error).toBe('user_not_found');

    expect((await web.usergroups.users.list({ usergroup: 'S_REVIEWERS' })).users).toEqual(['U_ALICE', 'U_BOB']);
    expect((await failure(web.usergroups.users.list({ usergroup: 'S_NONE' }))).data?.error).toBe('no_such_subteam');

    expect((await web.conversations.info({ channel: 'C123' })).channel).toMatchObject({ id: 'C123', is_channel: true, is_private: false, is_member: true });
    expect((await web.conversations.info({ channel: 'D123' })).channel).toMatchObject({ id: 'D123', is_im: true });
    expect((await failure(web.conversations.info({ channel: 'not-an-id' }))).data?.error).toBe('channel_not_found');
  });

  it('views.open records the view and spends the trigger; views.update replaces it, checking the hash', async () => {
    const web = client();
    const view = {
      type: 'modal' as const,
      callback_id: 'edit_draft',
      private_metadata: '{"ticketId":7}',
      title: { type: 'plain_text' as const, text: 'Edit draft' },
      blocks: [{ type: 'input', block_id: 'draft', label: { type: 'plain_text', text: 'Reply' }, element: { type: 'plain_text_input', action_id: 'text' } }],
    };
    const opened = await web.views.open({ trigger_id: '123.456.abc', view });
    expect(opened.view).toMatchObject({ ...view, id: expect.stringMatching(/^V[A-Z0-9]{10}$/), team_id: 'T0001', state: { values: {} }, app_id: 'A0001', bot_id: 'BBOT' });
    expect(fake.views).toEqual([{ trigger_id: '123.456.abc', id: opened.view?.id, view: opened.view }]);
    expect((await failure(web.views.open({ trigger_id: '123.456.abc', view }))).data?.error).toBe('exchanged_trigger_id');
    expect((await failure(web.views.open({ trigger_id: '', view }))).data?.error).toBe('invalid_arguments');

    const id = opened.view?.id as string;
    const hash = opened.view?.hash as string;
    const updated = await web.views.update({ view_id: id, hash, view: { ...view, title: { type: 'plain_text', text: 'Saved' } } });
    expect(updated.view).toMatchObject({ id, title: { text: 'Saved' } });
    expect(updated.view?.hash).not.toBe(hash);
    expect(fake.views[0]?.view.title.text).toBe('Saved');
    expect((await failure(web.views.update({ view_id: id, hash, view }))).data?.error).toBe('hash_conflict');
    expect((await failure(web.views.update({ view_id: 'VNOPE', view }))).data?.error).toBe('not_found');
  });

  it('filesUploadV2 runs the external upload flow end to end', async () => {
    const result = await client().filesUploadV2({
      channel_id: 'C1',
      thread_ts: '1700000000.000100',
      filename: 'spend.csv',
      title: 'Weekly spend',
      content: 'tier,usd\nnano,1.25\n',
      initial_comment: 'Spend this week',
    });
    const completion = result.files[0] as { files?: { id?: string; name?: string; title?: string }[] };
    const file = fake.files[0];
    expect(completion.files?.[0]).toMatchObject({ id: file?.id, name: 'spend.csv', title: 'Weekly spend' });
    expect(fake.files).toHaveLength(1);
    expect(file).toMatchObject({ filename: 'spend.csv', title: 'Weekly spend', completed: true, channel_id: 'C1', thread_ts: '1700000000.000100', initial_comment: 'Spend this week' });
    expect(file?.data?.toString('utf8')).toBe('tier,usd\nnano,1.25\n');
    expect(file?.length).toBe(Buffer.byteLength('tier,usd\nnano,1.25\n'));
    expect(fake.calls.map((call) => call.method)).toEqual(['files.getUploadURLExternal', 'files.completeUploadExternal']);
    expect(fake.callsTo('files.completeUploadExternal')[0]?.args.files).toEqual([{ id: file?.id, title: 'Weekly spend' }]);
  });

  it('files.completeUploadExternal refuses a file whose bytes were never uploaded', async () => {
    const web = client();
    const started = await web.files.getUploadURLExternal({ filename: 'a.txt', length: 3 });
    expect(started.upload_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/upload\/v1\/F/);
    expect((await failure(web.files.completeUploadExternal({ files: [{ id: started.file_id as string }] }))).data?.error).toBe('file_not_found');
  });

  it('failNext(error) surfaces as slack_webapi_platform_error with data.error, then calls succeed again', async () => {
    const web = client();
    fake.failNext('chat.postMessage', { error: 'channel_not_found' }, 2);
    for (let attempt = 0; attempt < 2; attempt++) {
      const error = await failure(web.chat.postMessage({ channel: 'C1', text: 'hello' }));
      expect(error.code).toBe(ErrorCode.PlatformError);
      expect(error.data?.error).toBe('channel_not_found');
    }
    expect((await web.chat.postMessage({ channel: 'C1', text: 'hello' })).ok).toBe(true);
    expect(fake.callsTo('chat.postMessage').map((call) => call.response.ok)).toEqual([false, false, true]);
    expect(fake.messages).toHaveLength(1);
  });

  it('failNext(rateLimitedSeconds) answers 429 + Retry-After: with retries 0 the SDK gives up', async () => {
    // rejectRateLimitedCalls: the typed rate-limit error, at once.
    fake.failNext('chat.postMessage', { rateLimitedSeconds: 1 });
    const rejected = await failure(client(BOT_TOKEN, { rejectRateLimitedCalls: true }).chat.postMessage({ channel: 'C1', text: 'x' }));
    expect(rejected.code).toBe(ErrorCode.RateLimitedError);
    expect(rejected.retryAfter).toBe(1);

    // Default (rejectRateLimitedCalls false) with retries 0: the SDK waits Retry-After, then fails with a request error.
    fake.failNext('chat.postMessage', { rateLimitedSeconds: 1 });
    const startedAt = Date.now();
    const waited = await failure(client().chat.postMessage({ channel: 'C1', text: 'x' }));
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(900);
    expect(waited.code).toBe(ErrorCode.RequestError);
    expect(waited.original?.message).toMatch(/rate limit was exceeded.*retry-after: 1/);

    expect(fake.callsTo('chat.postMessage').map((call) => [call.status, call.response.error])).toEqual([
      [429, 'ratelimited'],
      [429, 'ratelimited'],
    ]);
    expect(fake.messages).toHaveLength(0);
  });

  it('a rate-limited call is retried after Retry-After when retries are allowed', async () => {
    fake.failNext('chat.postMessage', { rateLimitedSeconds: 1 });
    const web = client(BOT_TOKEN, { retryConfig: { retries: 2, factor: 1, minTimeout: 10, maxTimeout: 10 } });
    const result = await web.chat.postMessage({ channel: 'C1', text: 'eventually' });
    expect(result.ok).toBe(true);
    expect(fake.callsTo('chat.postMessage').map((call) => call.status)).toEqual([429, 200]);
    expect(fake.messages.map((message) => message.text)).toEqual(['eventually']);
  });

  it('waitForCall resolves past and future calls and rejects with a clear message', async () => {
    const web = client();
    await web.auth.test();
    await expect(fake.waitForCall('auth.test')).resolves.toMatchObject({ method: 'auth.test' });

    const future = fake.waitForCall('chat.postMessage', (call: RecordedCall) => call.args.channel === 'C2');
    await web.chat.postMessage({ channel: 'C1', text: 'not this one' });
    await web.chat.postMessage({ channel: 'C2', text: 'this one' });
    const call = await future;
    expect(call.args).toMatchObject({ channel: 'C2', text: 'this one' });
    // The fake has applied the call by the time the waiter resolves.
    expect(fake.messages.at(-1)?.text).toBe('this one');

    await expect(fake.waitForCall('reactions.add', undefined, 50)).rejects.toThrow(
      /no reactions\.add call matching the predicate within 50 ms.*calls so far: auth\.test, chat\.postMessage, chat\.postMessage/,
    );
  });

  it('reset() clears what the bot did and queued failures', async () => {
    const web = client();
    fake.failNext('reactions.add', { error: 'too_many_reactions' });
    await web.chat.postMessage({ channel: 'C1', text: 'x' });
    fake.reset();
    expect(fake.calls).toHaveLength(0);
    expect(fake.messages).toHaveLength(0);
    await web.reactions.add({ channel: 'C1', timestamp: '1.000000', name: 'eyes' });
    expect(fake.reactions).toHaveLength(1);
  });

  it('response_url: minted URLs record posts; unknown ones are 404 expired_url', async () => {
    const url = fake.responseUrl();
    expect(url).not.toBe(fake.responseUrl());
    const posted = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'hi', replace_original: true }) });
    expect(posted.status).toBe(200);
    expect(await posted.json()).toEqual({ ok: true });
    expect(fake.responseUrlPosts).toEqual([{ url, body: { text: 'hi', replace_original: true } }]);

    const unknown = await fetch(`${new URL(fake.apiUrl).origin}/response/unknown`, { method: 'POST', body: '{}' });
    expect(unknown.status).toBe(404);
    expect(fake.responseUrlPosts).toHaveLength(1);
  });
});

describe('message metadata and conversations.replies', () => {
  const PARENT = '1690000000.000100'; // a customer's message: the fake does not know it
  const metadata = { event_type: 'ticket_reply', event_payload: { ticket_id: 42, attempt: 'a-1' } };

  it('chat.postMessage keeps metadata (form field or JSON body), returns it, and rejects bad metadata', async () => {
    const web = client();
    const viaForm = await web.chat.postMessage({ channel: 'C1', text: 'form', thread_ts: PARENT, metadata });
    expect(fake.callsTo('chat.postMessage')[0]?.contentType).toBe('application/x-www-form-urlencoded');
    expect(viaForm.message?.metadata).toEqual(metadata);

    const viaJson = await fetch(`${fake.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${BOT_TOKEN}` },
      body: JSON.stringify({ channel: 'C1', text: 'json', metadata }),
    }).then((response) => response.json() as Promise<{ ok: boolean; message: { metadata?: unknown } }>);
    expect(viaJson.message.metadata).toEqual(metadata);
    expect(fake.messages.map((message) => message.metadata)).toEqual([metadata, metadata]);

    const plain = await web.chat.postMessage({ channel: 'C1', text: 'no metadata' });
    expect(plain.message).not.toHaveProperty('metadata');
    expect(fake.messages.at(-1)).not.toHaveProperty('metadata');

    expect((await failure(web.apiCall('chat.postMessage', { channel: 'C1', text: 'x', metadata: '{nope' }))).data?.error).toBe('invalid_metadata_format');
    expect((await failure(web.apiCall('chat.postMessage', { channel: 'C1', text: 'x', metadata: { event_type: 'x' } }))).data?.error).toBe('invalid_metadata_schema');
    expect(fake.messages).toHaveLength(3);
  });

  it('returns the bot’s replies in a thread, oldest first, with metadata only when include_all_metadata is set', async () => {
    const web = client();
    const first = await web.chat.postMessage({ channel: 'C1', text: 'first part', thread_ts: PARENT, metadata });
    await web.chat.postEphemeral({ channel: 'C1', user: 'U_ALICE', text: 'only alice', thread_ts: PARENT });
    await web.chat.postMessage({ channel: 'C1', text: 'elsewhere', thread_ts: '1690000000.000999' });
    await web.chat.postMessage({ channel: 'C2', text: 'other channel', thread_ts: PARENT });
    const second = await web.chat.postMessage({ channel: 'C1', text: 'second part', thread_ts: PARENT });

    const plain = await web.conversations.replies({ channel: 'C1', ts: PARENT });
    expect(plain).toMatchObject({ ok: true, has_more: false, response_metadata: { next_cursor: '' } });
    expect(plain.messages).toEqual([
      expect.objectContaining({ type: 'message', user: 'UBOT', bot_id: 'BBOT', text: 'first part', ts: first.ts, thread_ts: PARENT }),
      expect.objectContaining({ type: 'message', user: 'UBOT', bot_id: 'BBOT', text: 'second part', ts: second.ts, thread_ts: PARENT }),
    ]);
    expect(plain.messages?.[0]).not.toHaveProperty('metadata');

    // The WebClient sends include_all_metadata as the form string 'true'.
    const withMetadata = await web.conversations.replies({ channel: 'C1', ts: PARENT, include_all_metadata: true });
    expect(fake.callsTo('conversations.replies').at(-1)?.args.include_all_metadata).toBe('true');
    expect(withMetadata.messages?.map((message) => message.metadata)).toEqual([metadata, undefined]);

    // A reply's own ts finds its whole thread.
    const byReply = await web.conversations.replies({ channel: 'C1', ts: second.ts as string });
    expect(byReply.messages?.map((message) => message.ts)).toEqual([first.ts, second.ts]);
  });

  it('leads with a parent the bot posted, with thread fields, and a lone message is its own thread', async () => {
    const web = client();
    const parent = await web.chat.postMessage({ channel: 'C1', text: 'Ticket #42 received' });
    const reply = await web.chat.postMessage({ channel: 'C1', text: 'the answer', thread_ts: parent.ts as string });
    const thread = await web.conversations.replies({ channel: 'C1', ts: parent.ts as string });
    expect(thread.messages).toEqual([
      expect.objectContaining({ ts: parent.ts, thread_ts: parent.ts, reply_count: 1, latest_reply: reply.ts, reply_users: ['UBOT'] }),
      expect.objectContaining({ ts: reply.ts, thread_ts: parent.ts, parent_user_id: 'UBOT' }),
    ]);
    const lone = await web.chat.postMessage({ channel: 'C1', text: 'unthreaded' });
    const alone = await web.conversations.replies({ channel: 'C1', ts: lone.ts as string });
    expect(alone.messages).toEqual([expect.objectContaining({ ts: lone.ts, text: 'unthreaded' })]);
    expect(alone.messages?.[0]).not.toHaveProperty('thread_ts');
  });

  it('pages with limit and cursor (the parent leads every page) and honours oldest / latest', async () => {
    const web = client();
    const parent = await web.chat.postMessage({ channel: 'C1', text: 'parent' });
    const thread_ts = parent.ts as string;
    const replies: string[] = [];
    for (let i = 0; i < 5; i++) replies.push((await web.chat.postMessage({ channel: 'C1', text: `reply ${i}`, thread_ts })).ts as string);

    const pageOne = await web.conversations.replies({ channel: 'C1', ts: thread_ts, limit: 2 });
    expect(pageOne.messages?.map((message) => message.ts)).toEqual([thread_ts, replies[0], replies[1]]);
    expect(pageOne.has_more).toBe(true);
    const cursor = pageOne.response_metadata?.next_cursor as string;
    expect(Buffer.from(cursor, 'base64').toString()).toBe(`next_ts:${replies[2]}`);
    const pageTwo = await web.conversations.replies({ channel: 'C1', ts: thread_ts, limit: 2, cursor });
    expect(pageTwo.messages?.map((message) => message.ts)).toEqual([thread_ts, replies[2], replies[3]]);
    const pageThree = await web.conversations.replies({ channel: 'C1', ts: thread_ts, limit: 2, cursor: pageTwo.response_metadata?.next_cursor as string });
    expect(pageThree.messages?.map((message) => message.ts)).toEqual([thread_ts, replies[4]]);
    expect(pageThree).toMatchObject({ has_more: false, response_metadata: { next_cursor: '' } });

    const windowed = await web.conversations.replies({ channel: 'C1', ts: thread_ts, oldest: replies[1], latest: replies[4] });
    expect(windowed.messages?.map((message) => message.ts)).toEqual([thread_ts, replies[2], replies[3]]);
    const inclusive = await web.conversations.replies({ channel: 'C1', ts: thread_ts, oldest: replies[1], latest: replies[4], inclusive: true });
    expect(inclusive.messages?.map((message) => message.ts)).toEqual([thread_ts, replies[1], replies[2], replies[3], replies[4]]);
  });

  it('fails like Slack: channel_not_found, thread_not_found, invalid_cursor', async () => {
    const web = client();
    await web.chat.postMessage({ channel: 'C1', text: 'x', thread_ts: PARENT });
    expect((await failure(web.conversations.replies({ channel: 'not-an-id', ts: PARENT }))).data?.error).toBe('channel_not_found');
    expect((await failure(web.conversations.replies({ channel: 'C1', ts: '1690000000.000555' }))).data?.error).toBe('thread_not_found');
    expect((await failure(web.conversations.replies({ channel: 'C2', ts: PARENT }))).data?.error).toBe('thread_not_found');
    expect((await failure(web.conversations.replies({ channel: 'C1', ts: PARENT, cursor: 'garbage' }))).data?.error).toBe('invalid_cursor');

    const configured = await startFakeSlack({ channels: { C_SUPPORT: { name: 'support' } } });
    try {
      const other = new WebClient(BOT_TOKEN, { slackApiUrl: configured.apiUrl, retryConfig: { retries: 0 }, logger: quietLogger() });
      await other.chat.postMessage({ channel: 'C_SUPPORT', text: 'x', thread_ts: PARENT });
      expect((await other.conversations.replies({ channel: 'C_SUPPORT', ts: PARENT })).messages).toHaveLength(1);
      expect((await failure(other.conversations.replies({ channel: 'C1', ts: PARENT }))).data?.error).toBe('channel_not_found');
    } finally {
      await configured.close();
    }
  });
});

describe('conversations.history and metadata on chat.update', () => {
  const CUSTOMER = '1690000000.000100'; // a customer's message: the fake does not know it
  const meta = (n: number) => ({ event_type: 'ticket_post', event_payload: { ticket_id: n } });

  it('lists the channel’s top-level messages newest first, with metadata only when include_all_metadata is set', async () => {
    const web = client();
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: 'two' } }];
    const one = await web.chat.postMessage({ channel: 'C1', text: 'one', metadata: meta(1) });
    const two = await web.chat.postMessage({ channel: 'C1', text: 'two', blocks, metadata: meta(2) });
    await web.chat.postMessage({ channel: 'C1', text: 'a reply to a customer', thread_ts: CUSTOMER, metadata: meta(9) });
    await web.chat.postEphemeral({ channel: 'C1', user: 'U_ALICE', text: 'only alice' });
    await web.chat.postMessage({ channel: 'C2', text: 'other channel' });
    const three = await web.chat.postMessage({ channel: 'C1', text: 'three', metadata: meta(3) });

    const plain = await web.conversations.history({ channel: 'C1' });
    expect(plain).toMatchObject({ ok: true, has_more: false, pin_count: 0, response_metadata: { next_cursor: '' } });
    expect(plain.messages).toEqual([
      expect.objectContaining({ type: 'message', user: 'UBOT', bot_id: 'BBOT', text: 'three', ts: three.ts }),
      expect.objectContaining({ type: 'message', user: 'UBOT', bot_id: 'BBOT', text: 'two', ts: two.ts, blocks }),
      expect.objectContaining({ type: 'message', user: 'UBOT', bot_id: 'BBOT', text: 'one', ts: one.ts }),
    ]);
    for (const message of plain.messages ?? []) {
      expect(message).not.toHaveProperty('metadata');
      expect(message).not.toHaveProperty('thread_ts');
    }
    expect(plain.messages?.[0]).not.toHaveProperty('blocks');

    const withMetadata = await web.conversations.history({ channel: 'C1', include_all_metadata: true });
    expect(fake.callsTo('conversations.history').at(-1)?.args.include_all_metadata).toBe('true');
    expect(withMetadata.messages?.map((message) => message.metadata)).toEqual([meta(3), meta(2), meta(1)]);

    // A channel the bot never posted in is simply empty.
    expect(await web.conversations.history({ channel: 'C3' })).toMatchObject({ ok: true, messages: [], has_more: false });
  });

  it('excludes thread replies; a parent the bot posted shows its thread fields', async () => {
    const web = client();
    const parent = await web.chat.postMessage({ channel: 'C1', text: 'Ticket #42 received' });
    const reply = await web.chat.postMessage({ channel: 'C1', text: 'the answer', thread_ts: parent.ts as string });
    await web.chat.postMessage({ channel: 'C1', text: 'to a customer thread', thread_ts: CUSTOMER });
    const history = await web.conversations.history({ channel: 'C1' });
    expect(history.messages).toEqual([
      expect.objectContaining({ ts: parent.ts, text: 'Ticket #42 received', thread_ts: parent.ts, reply_count: 1, latest_reply: reply.ts, reply_users: ['UBOT'] }),
    ]);
  });

  it('honours oldest / latest (exclusive unless inclusive) and pages with limit and cursor, newest to oldest', async () => {
    const web = client();
    const posts: string[] = [];
    for (let i = 0; i < 5; i++) posts.push((await web.chat.postMessage({ channel: 'C1', text: `post ${i}` })).ts as string);
    const newestFirst = [...posts].reverse();

    const afterSecond = await web.conversations.history({ channel: 'C1', oldest: posts[1] });
    expect(afterSecond.messages?.map((message) => message.ts)).toEqual([posts[4], posts[3], posts[2]]);
    const windowed = await web.conversations.history({ channel: 'C1', oldest: posts[1], latest: posts[4] });
    expect(windowed.messages?.map((message) => message.ts)).toEqual([posts[3], posts[2]]);
    const inclusive = await web.conversations.history({ channel: 'C1', oldest: posts[1], latest: posts[4], inclusive: true });
    expect(inclusive.messages?.map((message) => message.ts)).toEqual([posts[4], posts[3], posts[2], posts[1]]);

    const pageOne = await web.conversations.history({ channel: 'C1', limit: 2 });
    expect(pageOne.messages?.map((message) => message.ts)).toEqual(newestFirst.slice(0, 2));
    expect(pageOne.has_more).toBe(true);
    const cursor = pageOne.response_metadata?.next_cursor as string;
    expect(Buffer.from(cursor, 'base64').toString()).toBe(`next_ts:${posts[2]}`);
    const pageTwo = await web.conversations.history({ channel: 'C1', limit: 2, cursor });
    expect(pageTwo.messages?.map((message) => message.ts)).toEqual(newestFirst.slice(2, 4));
    expect(pageTwo.has_more).toBe(true);
    const pageThree = await web.conversations.history({ channel: 'C1', limit: 2, cursor: pageTwo.response_metadata?.next_cursor as string });
    expect(pageThree.messages?.map((message) => message.ts)).toEqual([posts[0]]);
    expect(pageThree).toMatchObject({ has_more: false, response_metadata: { next_cursor: '' } });

    // The cursor and the window combine; the default limit is 100.
    const pagedWindow = await web.conversations.history({ channel: 'C1', oldest: posts[0], limit: 2, cursor });
    expect(pagedWindow.messages?.map((message) => message.ts)).toEqual([posts[2], posts[1]]);
    expect(pagedWindow.has_more).toBe(false);
    for (let i = 0; i < 100; i++) await web.chat.postMessage({ channel: 'C2', text: `bulk ${i}` });
    const defaultPage = await web.conversations.history({ channel: 'C2' });
    expect(defaultPage.messages).toHaveLength(100);
    expect(defaultPage.has_more).toBe(false);
    await web.chat.postMessage({ channel: 'C2', text: 'one more' });
    expect((await web.conversations.history({ channel: 'C2' })).has_more).toBe(true);
  });

  it('shows chat.update’s current text and blocks, keeping metadata unless new metadata is given ({} removes it)', async () => {
    const web = client();
    const posted = await web.chat.postMessage({ channel: 'C1', text: 'draft', metadata: meta(1) });
    const ts = posted.ts as string;
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*final*' } }];

    const edited = await web.chat.update({ channel: 'C1', ts, text: 'final', blocks });
    expect(edited.message).toMatchObject({ text: 'final', metadata: meta(1) });
    let history = await web.conversations.history({ channel: 'C1', include_all_metadata: true });
    expect(history.messages).toEqual([expect.objectContaining({ ts, text: 'final', blocks, metadata: meta(1) })]);
    expect(fake.messages[0]).toMatchObject({ text: 'final', metadata: meta(1), updated: true });

    await web.chat.update({ channel: 'C1', ts, text: 'final, v2', metadata: meta(2) });
    history = await web.conversations.history({ channel: 'C1', include_all_metadata: true });
    expect(history.messages).toEqual([expect.objectContaining({ ts, text: 'final, v2', metadata: meta(2) })]);

    expect((await failure(web.apiCall('chat.update', { channel: 'C1', ts, text: 'x', metadata: '{nope' }))).data?.error).toBe('invalid_metadata_format');
    expect((await failure(web.apiCall('chat.update', { channel: 'C1', ts, text: 'x', metadata: { event_type: 'x' } }))).data?.error).toBe('invalid_metadata_schema');
    expect(fake.messages[0]).toMatchObject({ text: 'final, v2', metadata: meta(2) });

    // Slack's documented way to remove metadata: an empty object (the typed WebClient wants event_type, so apiCall).
    const cleared = await web.apiCall('chat.update', { channel: 'C1', ts, text: 'no metadata', metadata: {} });
    expect(cleared).toMatchObject({ ok: true, text: 'no metadata', message: { text: 'no metadata' } });
    expect((cleared as { message?: object }).message).not.toHaveProperty('metadata');
    expect(fake.messages[0]).not.toHaveProperty('metadata');
    history = await web.conversations.history({ channel: 'C1', include_all_metadata: true });
    expect(history.messages?.[0]).not.toHaveProperty('metadata');
  });

  it('fails like Slack: channel_not_found, invalid_cursor', async () => {
    const web = client();
    expect((await failure(web.conversations.history({ channel: 'not-an-id' }))).data?.error).toBe('channel_not_found');
    expect((await failure(web.apiCall('conversations.history', {}))).data?.error).toBe('channel_not_found');
    expect((await failure(web.conversations.history({ channel: 'C1', cursor: 'garbage' }))).data?.error).toBe('invalid_cursor');

    const configured = await startFakeSlack({ channels: { C_SUPPORT: { name: 'support' } } });
    try {
      const other = new WebClient(BOT_TOKEN, { slackApiUrl: configured.apiUrl, retryConfig: { retries: 0 }, logger: quietLogger() });
      await other.chat.postMessage({ channel: 'C_SUPPORT', text: 'x' });
      expect((await other.conversations.history({ channel: 'C_SUPPORT' })).messages).toHaveLength(1);
      expect((await failure(other.conversations.history({ channel: 'C1' }))).data?.error).toBe('channel_not_found');
    } finally {
      await configured.close();
    }
  });
});

describe('latency: effect first, answer late', () => {
  const PARENT = '1690000000.000100';

  it('stores the message on receipt (visible to conversations.replies) and answers after the latency', async () => {
    fake.setLatency('chat.postMessage', 300);
    const web = client();
    let settled = false;
    const started = Date.now();
    const posting = web.chat.postMessage({ channel: 'C1', text: 'slow reply', thread_ts: PARENT }).finally(() => {
      settled = true;
    });
    const call = await fake.waitForCall('chat.postMessage');
    expect(settled).toBe(false);
    expect(fake.messages).toMatchObject([{ channel: 'C1', ts: call.response.ts, text: 'slow reply' }]);
    const thread = await web.conversations.replies({ channel: 'C1', ts: PARENT });
    expect(thread.messages?.map((message) => message.ts)).toEqual([call.response.ts]);
    expect(settled).toBe(false);
    expect((await posting).ts).toBe(call.response.ts);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);

    // Other methods are not slowed, and 0 turns the latency off.
    fake.setLatency('chat.postMessage', 0);
    const quick = Date.now();
    await web.chat.postMessage({ channel: 'C1', text: 'quick' });
    expect(Date.now() - quick).toBeLessThan(290);
  });

  it('a client that gives up mid-request has still posted', async () => {
    fake.setLatency('chat.postMessage', 5000);
    const impatient = client(BOT_TOKEN, { timeout: 100 });
    const error = await failure(impatient.chat.postMessage({ channel: 'C1', text: 'posted anyway', thread_ts: PARENT }));
    expect(error.code).toBe(ErrorCode.RequestError);
    const thread = await client().conversations.replies({ channel: 'C1', ts: PARENT });
    expect(thread.messages?.map((message) => message.text)).toEqual(['posted anyway']);
    // afterEach closes the fake with the answer still pending: close() must not wait 5 s for it.
  });

  it('rejects a method the fake does not implement and a bad delay', () => {
    expect(() => fake.setLatency('chat.postMesage', 100)).toThrow(/does not implement chat\.postMesage/);
    expect(() => fake.setLatency('chat.postMessage', -1)).toThrow(/>= 0/);
  });
});

describe('Socket Mode frames, read with a plain websocket client', () => {
  it('sends the documented hello, envelopes and disconnect, and passes acks back; tickets are single-use', async () => {
    const { url } = await client(APP_TOKEN).apps.connections.open();
    const ws = new WebSocket(url as string);
    cleanups.push(async () => ws.terminate());
    const frames: unknown[] = [];
    const waiting: ((frame: unknown) => void)[] = [];
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as unknown;
      const wake = waiting.shift();
      if (wake) wake(frame);
      else frames.push(frame);
    });
    const nextFrame = (): Promise<unknown> =>
      frames.length > 0 ? Promise.resolve(frames.shift()) : new Promise((resolve) => waiting.push(resolve));

    expect(await nextFrame()).toEqual({
      type: 'hello',
      num_connections: 1,
      debug_info: { host: expect.any(String), build_number: expect.any(Number), approximate_connection_time: expect.any(Number) },
      connection_info: { app_id: 'A0001' },
    });
    await fake.socketConnected();

    const payload = eventCallback({ type: 'app_mention', user: 'U_ALICE', text: 'hi', channel: 'C1', ts: '1.000001' });
    const acked = fake.sendEnvelope('events_api', payload, { retryAttempt: 1, retryReason: 'timeout' });
    const envelope = (await nextFrame()) as { envelope_id: string };
    expect(envelope).toEqual({
      envelope_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      type: 'events_api',
      payload,
      accepts_response_payload: false,
      retry_attempt: 1,
      retry_reason: 'timeout',
    });
    ws.send(JSON.stringify({ envelope_id: 'someone-else', payload: {} }));
    ws.send(JSON.stringify({ envelope_id: envelope.envelope_id, payload: { note: 'acked' } }));
    expect(await acked).toEqual({ envelope_id: envelope.envelope_id, payload: { note: 'acked' } });

    const submission = fake.sendEnvelope('interactive', { type: 'view_submission', view: { id: 'V1' } }, { envelopeId: 'env-view' });
    expect(await nextFrame()).toEqual({ envelope_id: 'env-view', type: 'interactive', payload: { type: 'view_submission', view: { id: 'V1' } }, accepts_response_payload: true });
    ws.send(JSON.stringify({ envelope_id: 'env-view' }));
    expect(await submission).toEqual({ envelope_id: 'env-view' });

    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    fake.disconnect('link_disabled');
    expect(await nextFrame()).toEqual({ type: 'disconnect', reason: 'link_disabled', debug_info: { host: expect.any(String) } });
    expect(await closed).toBe(1000);

    const reused = new WebSocket(url as string);
    const refusal = await new Promise<string>((resolve) => reused.once('error', (error) => resolve(error.message)));
    expect(refusal).toMatch(/401/);
  });

  it('apps.connections.open reads the app token from the Authorization header only', async () => {
    const response = await fetch(`${fake.apiUrl}apps.connections.open`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: APP_TOKEN }).toString(),
    });
    expect(await response.json()).toEqual({ ok: false, error: 'not_authed' });
  });
});

describe('Socket Mode with the real Bolt App', () => {
  it('app.start() calls auth.test, opens a connection with the app token, and resolves on hello', async () => {
    const logger = quietLogger();
    await socketApp(logger);
    await fake.socketConnected();
    expect(fake.callsTo('auth.test')[0]?.token).toBe(BOT_TOKEN);
    const open = fake.callsTo('apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ token: APP_TOKEN, response: { ok: true, url: expect.stringMatching(/^ws:\/\/127\.0\.0\.1:\d+\/link\?ticket=\w+&app_id=A0001$/) } });
    expect(logger.errors).toEqual([]);
  });

  it('a message event envelope is acked and say() lands in fake.messages', async () => {
    const logger = quietLogger();
    const app = await socketApp(logger);
    const seen: string[] = [];
    app.message(async ({ message, say }) => {
      if (message.subtype !== undefined) return;
      seen.push(message.text ?? '');
      await say({ text: `Got it: ${message.text}`, thread_ts: message.ts });
    });

    const ts = '1700000100.000200';
    const ack = await fake.sendEnvelope('events_api', eventCallback(messageEvent({ channel: 'C_SUPPORT', user: 'U_ALICE', text: 'refund please', ts })), {
      envelopeId: 'env-1',
    });
    expect(ack).toEqual({ envelope_id: 'env-1', payload: {} });
    const reply = await fake.waitForCall('chat.postMessage');
    expect(reply.token).toBe(BOT_TOKEN);
    expect(seen).toEqual(['refund please']);
    expect(fake.messages).toEqual([
      { channel: 'C_SUPPORT', ts: reply.response.ts, thread_ts: ts, text: 'Got it: refund please', blocks: undefined, ephemeral: false, updated: false },
    ]);
    expect(logger.errors).toEqual([]);
  });

  it("ignoreSelf: the bot's own message is acked but not answered", async () => {
    const logger = quietLogger();
    const app = await socketApp(logger);
    const seen: string[] = [];
    app.message(async ({ message }) => {
      if (message.subtype === undefined) seen.push(message.text ?? '');
    });
    const own = { ...messageEvent({ channel: 'C1', user: 'UBOT', text: 'my own card', ts: '1700000100.000300' }), bot_id: 'BBOT' };
    expect(await fake.sendEnvelope('events_api', eventCallback(own))).toMatchObject({ payload: {} });
    await fake.sendEnvelope('events_api', eventCallback(messageEvent({ channel: 'C1', user: 'U_ALICE', text: 'hi', ts: '1700000100.000400' })));
    await expect.poll(() => seen.length).toBeGreaterThan(0);
    expect(seen).toEqual(['hi']);
  });

  it('a block_actions envelope is acked; respond() posts to the response_url and views.open is recorded', async () => {
    const logger = quietLogger();
    const app = await socketApp(logger);
    app.action('review_edit', async ({ ack, body, respond, client: web }) => {
      await ack();
      await respond({ text: 'Opening the editor…', replace_original: false });
      if (body.type !== 'block_actions') return;
      await web.views.open({
        trigger_id: body.trigger_id,
        view: { type: 'modal', callback_id: 'edit', title: { type: 'plain_text', text: 'Edit' }, blocks: [] },
      });
    });

    const responseUrl = fake.responseUrl();
    const payload = blockActions({ actionId: 'review_edit', value: '42', user: 'U_ALICE', channel: 'C_REVIEW', messageTs: '1700000000.000100', triggerId: '111.222.xyz', responseUrl });
    const ack = await fake.sendEnvelope('interactive', payload);
    expect(ack.payload).toEqual({});
    await fake.waitForCall('views.open');
    expect(fake.responseUrlPosts).toEqual([{ url: responseUrl, body: { text: 'Opening the editor…', replace_original: false } }]);
    expect(fake.views).toHaveLength(1);
    expect(fake.views[0]).toMatchObject({ trigger_id: '111.222.xyz', view: { callback_id: 'edit' } });
    expect(logger.errors).toEqual([]);
  });

  it('a slash_commands envelope is acked with the response payload', async () => {
    const logger = quietLogger();
    const app = await socketApp(logger);
    app.command('/ticket', async ({ ack, command }) => {
      await ack({ response_type: 'ephemeral', text: `Looking up ${command.text}` });
    });

    const body = slashCommand({ command: '/ticket', text: 'T-42', user: 'U_ALICE', channel: 'C1', responseUrl: fake.responseUrl() });
    const ack = await fake.sendEnvelope('slash_commands', body);
    expect(ack.payload).toEqual({ response_type: 'ephemeral', text: 'Looking up T-42' });
  });

  it('sendEnvelope rejects clearly when nobody is connected or nobody acks', async () => {
    await expect(fake.sendEnvelope('events_api', eventCallback({ type: 'app_mention' }), { timeoutMs: 50 })).rejects.toThrow(
      /no Socket Mode client connected within 50 ms/,
    );
    const logger = quietLogger();
    const app = await socketApp(logger);
    app.command('/slow', async () => {
      // Never acks.
    });
    const body = slashCommand({ command: '/slow', user: 'U_ALICE', channel: 'C1', responseUrl: fake.responseUrl() });
    await expect(fake.sendEnvelope('slash_commands', body, { envelopeId: 'env-slow', timeoutMs: 200 })).rejects.toThrow(
      /did not ack slash_commands envelope env-slow within 200 ms/,
    );
  });

  it('disconnect: the client reconnects through a second apps.connections.open and envelopes flow again', async () => {
    const logger = quietLogger();
    // Bolt's App does not pass clientPingTimeout on; the SDK waits clientPingTimeout × attempts before
    // reconnecting (5 s by default), so the test builds the receiver itself with a short one.
    const app = await socketApp(logger, { clientPingTimeout: 300 });
    let mentions = 0;
    app.event('app_mention', async () => {
      mentions += 1;
    });
    await fake.socketConnected();
    expect(fake.callsTo('apps.connections.open')).toHaveLength(1);

    fake.disconnect('refresh_requested');
    await fake.waitForCall('apps.connections.open', () => fake.callsTo('apps.connections.open').length >= 2, 4000);
    await fake.socketConnected(4000);
    const ack = await fake.sendEnvelope('events_api', eventCallback({ type: 'app_mention', user: 'U_ALICE', text: '<@UBOT> hi', channel: 'C1', ts: '1.000001', event_ts: '1.000001' }));
    expect(ack.envelope_id).toBeTruthy();
    await expect.poll(() => mentions).toBe(1);
    expect(fake.callsTo('apps.connections.open').map((call) => call.token)).toEqual([APP_TOKEN, APP_TOKEN]);
  });
});

describe('HTTP Events API with the real Bolt HTTPReceiver', () => {
  it('accepts a correctly signed event and the listener replies through the fake', async () => {
    const logger = quietLogger();
    const { app, url } = await httpApp(logger);
    app.message(async ({ message, say }) => {
      if (message.subtype === undefined) await say(`echo: ${message.text}`);
    });
    const response = await fake.postSigned(url, eventCallback(messageEvent({ channel: 'C1', user: 'U_ALICE', text: 'hello', ts: '1700000200.000100' })));
    expect(response.status).toBe(200);
    await fake.waitForCall('chat.postMessage');
    expect(fake.messages.map((message) => [message.channel, message.text])).toEqual([['C1', 'echo: hello']]);
  });

  it('rejects a bad signature and a stale timestamp with 401, and answers url_verification', async () => {
    const logger = quietLogger();
    const { app, url } = await httpApp(logger);
    let handled = 0;
    app.message(async () => {
      handled += 1;
    });
    const event = eventCallback(messageEvent({ channel: 'C1', user: 'U_ALICE', text: 'x', ts: '1700000200.000200' }));

    expect((await fake.postSigned(url, event, { secret: 'not-the-secret' })).status).toBe(401);
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    expect((await fake.postSigned(url, event, { timestamp: sixMinutesAgo })).status).toBe(401);
    const fourMinutesAgo = Math.floor(Date.now() / 1000) - 4 * 60;
    expect((await fake.postSigned(url, event, { timestamp: fourMinutesAgo })).status).toBe(200);

    const verification = await fake.postSigned(url, { token: 'unused', challenge: 'c-123', type: 'url_verification' });
    expect(verification.status).toBe(200);
    expect(JSON.parse(verification.body)).toEqual({ challenge: 'c-123' });
    await expect.poll(() => handled).toBe(1);
  });

  it('a slash command form body is acked in the HTTP response; respond() goes to the response_url', async () => {
    const logger = quietLogger();
    const { app, url } = await httpApp(logger);
    app.command('/ticket', async ({ ack, respond, command }) => {
      await ack(`Looking up ${command.text}`);
      await respond({ text: `Ticket ${command.text}: open` });
    });
    const responseUrl = fake.responseUrl();
    const response = await fake.postSigned(url, slashCommand({ command: '/ticket', text: 'T-7', user: 'U_ALICE', channel: 'C1', responseUrl }), { form: true });
    expect(response.status).toBe(200);
    expect(response.body).toBe('Looking up T-7');
    await expect.poll(() => fake.responseUrlPosts.length).toBe(1);
    expect(fake.responseUrlPosts[0]).toEqual({ url: responseUrl, body: { text: 'Ticket T-7: open' } });

    // A raw form string is sent as-is (Bolt only parses the exact 'application/x-www-form-urlencoded' type).
    const raw = new URLSearchParams(slashCommand({ command: '/ticket', text: 'T-8', user: 'U_ALICE', channel: 'C1', responseUrl })).toString();
    const rawResponse = await fake.postSigned(url, raw, { form: true });
    expect(rawResponse.body).toBe('Looking up T-8');
  });

  it('an interactivity payload= form body reaches the action listener', async () => {
    const logger = quietLogger();
    const { app, url } = await httpApp(logger);
    const clicked: string[] = [];
    app.action('review_approve', async ({ ack, action }) => {
      await ack();
      if (action.type === 'button') clicked.push(action.value ?? '');
    });
    const payload = blockActions({ actionId: 'review_approve', value: '17', user: 'U_ALICE', channel: 'C_REVIEW', messageTs: '1700000000.000100', responseUrl: fake.responseUrl() });
    const response = await fake.postSigned(url, { payload }, { form: true });
    expect(response.status).toBe(200);
    expect(clicked).toEqual(['17']);
  });
});

describe('request signing', () => {
  it('encodes bodies the way Slack sends them', () => {
    expect(encodeSlackBody({ type: 'event_callback' }, false)).toEqual({ raw: '{"type":"event_callback"}', contentType: 'application/json' });
    expect(encodeSlackBody({ payload: { type: 'block_actions' } }, true)).toEqual({
      raw: `payload=${encodeURIComponent('{"type":"block_actions"}')}`,
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(encodeSlackBody({ command: '/ticket', text: 'a b' }, true)).toEqual({ raw: 'command=%2Fticket&text=a+b', contentType: 'application/x-www-form-urlencoded' });
    expect(encodeSlackBody('ssl_check=1', true)).toEqual({ raw: 'ssl_check=1', contentType: 'application/x-www-form-urlencoded' });
  });

  it('sign() matches Slack’s documented signing example', (context) => {
    if (!existsSync(VECTORS)) {
      console.info(`skipped: ${VECTORS.pathname} is absent, so there is no documented vector to check against`);
      context.skip();
      return;
    }
    const vectors = JSON.parse(readFileSync(VECTORS, 'utf8')) as {
      slack_signing_vector: { signing_secret: string; x_slack_request_timestamp: number; x_slack_signature: string; raw_body: string };
    };
    const vector = vectors.slack_signing_vector;
    expect(fake.sign(vector.raw_body, vector.x_slack_request_timestamp, vector.signing_secret)).toEqual({
      'x-slack-signature': vector.x_slack_signature,
      'x-slack-request-timestamp': String(vector.x_slack_request_timestamp),
    });
    // The default secret is the fake's, and a different body gives a different signature.
    expect(fake.sign(vector.raw_body, vector.x_slack_request_timestamp)['x-slack-signature']).not.toBe(vector.x_slack_signature);
  });
});
