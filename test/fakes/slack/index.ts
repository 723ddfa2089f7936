/**
 * A protocol-faithful fake of Slack for tests: point the real Bolt / WebClient at `fake.apiUrl`
 * (`clientOptions.slackApiUrl`), push Socket Mode envelopes or post signed HTTP requests, and
 * read back what the bot did (messages, reactions, views, files, response_url posts, raw calls).
 */
export { startFakeSlack } from './server.js';
export { encodeSlackBody, signRequest } from './signing.js';
export { blockActions, eventCallback, messageEvent, slashCommand } from './payloads.js';
export type { BlockActionFields, MessageEventFields, SlashCommandFields, WorkspaceIds } from './payloads.js';
export type {
  DisconnectReason,
  EnvelopeOptions,
  EnvelopeType,
  FakeFailure,
  FakeSlack,
  FakeSlackOptions,
  PostedMessage,
  PostSignedOptions,
  RecordedCall,
  RecordedReaction,
  RecordedView,
  ResponseUrlPost,
  SignatureHeaders,
  SignedPostResult,
  SlackMessageMetadata,
  SocketAck,
  UploadedFile,
} from './types.js';
