import { jsonArg, stringArg } from '../args.js';
import type { FakeSlackConfig } from '../config.js';
import { slackId } from '../ids.js';
import type { UploadedFile } from '../types.js';
import { fail, ok, type MethodSpec } from './types.js';

/**
 * The external upload flow that `client.filesUploadV2` drives:
 * files.getUploadURLExternal → POST the bytes to `upload_url` → files.completeUploadExternal.
 */

export const UPLOAD_PATH_PREFIX = '/upload/v1/';

export const filesGetUploadUrlExternal: MethodSpec = {
  token: 'bot',
  run: ({ args, state, config }) => {
    const filename = stringArg(args, 'filename');
    const length = Number(stringArg(args, 'length'));
    if (!filename || !Number.isInteger(length) || length < 0) {
      return fail('invalid_arguments', { response_metadata: { messages: ['[ERROR] filename and length are required'] } });
    }
    const id = slackId('F');
    state.files.push({
      id,
      filename,
      title: undefined,
      length,
      data: null,
      completed: false,
      channel_id: undefined,
      thread_ts: undefined,
      initial_comment: undefined,
    });
    return ok({ upload_url: `${config.origin}${UPLOAD_PATH_PREFIX}${id}`, file_id: id });
  },
};

function fileObject(config: FakeSlackConfig, file: UploadedFile): Record<string, unknown> {
  const base = `https://files.slack.com/files-pri/${config.teamId}-${file.id}`;
  return {
    id: file.id,
    created: 1_700_000_000,
    timestamp: 1_700_000_000,
    name: file.filename,
    title: file.title ?? file.filename,
    mimetype: 'application/octet-stream',
    filetype: 'binary',
    pretty_type: 'Binary',
    user: config.botUserId,
    user_team: config.teamId,
    editable: false,
    size: file.data?.length ?? file.length,
    mode: 'hosted',
    is_external: false,
    external_type: '',
    is_public: false,
    public_url_shared: false,
    display_as_bot: false,
    username: '',
    url_private: `${base}/${file.filename}`,
    url_private_download: `${base}/download/${file.filename}`,
    permalink: `https://${config.teamDomain}.slack.com/files/${config.botUserId}/${file.id}/${file.filename}`,
    channels: [],
    groups: [],
    ims: [],
    shares: {},
    has_rich_preview: false,
    file_access: 'visible',
  };
}

export const filesCompleteUploadExternal: MethodSpec = {
  token: 'bot',
  run: ({ args, state, config }) => {
    const files = jsonArg(args, 'files');
    if (!files.valid || !Array.isArray(files.value) || files.value.length === 0) {
      return fail('invalid_arguments', { response_metadata: { messages: ['[ERROR] files must be a non-empty JSON array'] } });
    }
    const entries = files.value as { id?: unknown; title?: unknown }[];
    const found: UploadedFile[] = [];
    for (const entry of entries) {
      const file = state.files.find((candidate) => candidate.id === entry.id);
      // A file whose bytes never reached the upload URL cannot be completed.
      if (!file || file.data === null) return fail('file_not_found');
      found.push(file);
    }
    const channelId = stringArg(args, 'channel_id') ?? stringArg(args, 'channels');
    for (const [index, file] of found.entries()) {
      const title = entries[index]?.title;
      if (typeof title === 'string') file.title = title;
      file.completed = true;
      file.channel_id = channelId;
      file.thread_ts = stringArg(args, 'thread_ts');
      file.initial_comment = stringArg(args, 'initial_comment');
    }
    return ok({ files: found.map((file) => fileObject(config, file)) });
  },
};
