/**
 * A protocol-faithful fake of Discord for tests: point the real discord.js Client at it with
 * `new Client({ intents, rest: { api: fake.restUrl } })`; it serves REST v10 and the gateway
 * (HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeats, RESUME with replay, op 7 / op 9), lets tests
 * dispatch MESSAGE_CREATE / INTERACTION_CREATE, and records what the bot did.
 */
export { startFakeDiscord } from './server.js';
export { FAKE_DISCORD_DEFAULTS } from './config.js';
export type {
  ButtonInteractionFields,
  CommandInteractionFields,
  FakeChannelSeed,
  FakeDiscord,
  FakeDiscordOptions,
  FakeFailure,
  FakeInteractionResponse,
  FakeMemberSeed,
  FakeMessage,
  FakeReaction,
  FakeRoleSeed,
  FakeThread,
  GatewayFrame,
  MessageCreateFields,
  ModalSubmitInteractionFields,
  RecordedFile,
  RecordedRequest,
} from './types.js';
