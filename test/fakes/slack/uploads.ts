import type { IncomingMessage, ServerResponse } from 'node:http';
import { mediaType, parseMultipart, readBody, sendText } from './http.js';
import type { FakeSlackState } from './state.js';

/**
 * The upload URL returned by files.getUploadURLExternal. Slack accepts the bytes raw or as
 * multipart form data (the SDK sends multipart), and answers 200 "OK - <bytes>".
 */
export async function handleUpload(req: IncomingMessage, res: ServerResponse, fileId: string, state: FakeSlackState): Promise<void> {
  const body = await readBody(req);
  const file = state.files.find((candidate) => candidate.id === fileId);
  if (!file) return sendText(res, 404, 'file_not_found');
  let data = body;
  if (mediaType(req) === 'multipart/form-data') {
    const form = await parseMultipart(body, req.headers['content-type'] ?? '');
    const part = [...form.values()].find((value) => typeof value !== 'string');
    if (part === undefined || typeof part === 'string') return sendText(res, 400, 'no file part in the multipart body');
    data = Buffer.from(await part.arrayBuffer());
  }
  file.data = data;
  sendText(res, 200, `OK - ${data.length}`);
}
