import type { ModelRequest } from './types.js';

/**
 * Reads a Responses API or Chat Completions request body into the API-neutral ModelRequest
 * that scripts see, plus what the fake needs for token counting and streaming.
 */

export interface ModelCall {
  request: ModelRequest;
  stream: boolean;
  /** Chat only: `stream_options.include_usage`. */
  includeUsage: boolean;
  /** `json_object` response format: answer JSON without a schema. */
  jsonObject: boolean;
  /** Input text that is neither system nor user (assistant turns, tool outputs): counted, not shown. */
  otherText: string;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Text of a message `content`: a string, or an array of parts carrying `text` (or `refusal`). */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => {
      if (typeof part === 'string') return part;
      if (!isObject(part)) return '';
      if (typeof part.text === 'string') return part.text;
      if (typeof part.refusal === 'string') return part.refusal;
      return '';
    })
    .filter((text) => text.length > 0)
    .join('\n');
}

interface Split {
  system: string[];
  user: string[];
  other: string[];
}

function addMessage(split: Split, role: unknown, text: string): void {
  if (!text) return;
  if (role === 'system' || role === 'developer') split.system.push(text);
  else if (role === 'user') split.user.push(text);
  else split.other.push(text);
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function finish(
  api: ModelRequest['api'],
  body: Json,
  split: Split,
  format: unknown,
  maxOutputTokens: number | null,
  includeUsage: boolean,
): ModelCall {
  let schema: object | null = null;
  let schemaName: string | null = null;
  let jsonObject = false;
  if (isObject(format)) {
    if (format.type === 'json_schema') {
      const spec = api === 'chat' && isObject(format.json_schema) ? format.json_schema : format;
      schema = isObject(spec.schema) ? spec.schema : null;
      schemaName = typeof spec.name === 'string' ? spec.name : null;
    } else if (format.type === 'json_object') {
      jsonObject = true;
    }
  }
  return {
    request: {
      api,
      model: typeof body.model === 'string' ? body.model : '',
      system: split.system.join('\n\n'),
      user: split.user.join('\n\n'),
      schema,
      schemaName,
      maxOutputTokens,
      body,
    },
    stream: body.stream === true,
    includeUsage,
    jsonObject,
    otherText: split.other.join('\n\n'),
  };
}

export function readResponsesRequest(body: Json): ModelCall {
  const split: Split = { system: [], user: [], other: [] };
  if (typeof body.instructions === 'string' && body.instructions) split.system.push(body.instructions);
  if (typeof body.input === 'string') {
    split.user.push(body.input);
  } else if (Array.isArray(body.input)) {
    for (const item of body.input) {
      if (typeof item === 'string') {
        split.user.push(item);
      } else if (isObject(item)) {
        if ('role' in item) addMessage(split, item.role, contentText(item.content));
        else if (typeof item.output === 'string') split.other.push(item.output);
        else if (typeof item.arguments === 'string') split.other.push(item.arguments);
      }
    }
  }
  const text = isObject(body.text) ? body.text : {};
  return finish('responses', body, split, text.format, numberOrNull(body.max_output_tokens), false);
}

export function readChatRequest(body: Json): ModelCall {
  const split: Split = { system: [], user: [], other: [] };
  if (Array.isArray(body.messages)) {
    for (const message of body.messages) {
      if (isObject(message)) addMessage(split, message.role, contentText(message.content));
    }
  }
  const maxTokens = numberOrNull(body.max_completion_tokens) ?? numberOrNull(body.max_tokens);
  const streamOptions = isObject(body.stream_options) ? body.stream_options : {};
  return finish('chat', body, split, body.response_format, maxTokens, streamOptions.include_usage === true);
}
