import { STATUS_CODES } from 'node:http';

/**
 * Discord REST error responses: an HTTP status plus the documented JSON body `{ message, code }`,
 * with an `errors` tree for form validation failures (code 50035).
 */

export interface ErrorBody {
  message: string;
  code: number;
  errors?: Record<string, unknown>;
}

export class DiscordError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(`${status} ${body.message}`);
  }
}

const error = (status: number, code: number, message: string) => new DiscordError(status, { message, code });

export const unauthorized = () => error(401, 0, '401: Unauthorized');
export const notFound = () => error(404, 0, '404: Not Found');
export const unknownApplication = () => error(404, 10002, 'Unknown Application');
export const unknownChannel = () => error(404, 10003, 'Unknown Channel');
export const unknownGuild = () => error(404, 10004, 'Unknown Guild');
export const unknownMember = () => error(404, 10007, 'Unknown Member');
export const unknownMessage = () => error(404, 10008, 'Unknown Message');
export const unknownUser = () => error(404, 10013, 'Unknown User');
export const unknownWebhook = () => error(404, 10015, 'Unknown Webhook');
export const unknownInteraction = () => error(404, 10062, 'Unknown interaction');
export const unknownCommand = () => error(404, 10063, 'Unknown application command');
export const cannotEditOthersMessage = () => error(403, 50005, 'Cannot edit a message authored by another user');
export const emptyMessage = () => error(400, 50006, 'Cannot send an empty message');
export const nonTextChannel = () => error(400, 50008, 'Cannot send messages in a non-text channel');
export const wrongChannelType = () => error(400, 50024, 'Cannot execute action on this channel type');
export const alreadyAcknowledged = () => error(400, 40060, 'Interaction has already been acknowledged.');
export const threadAlreadyCreated = () => error(400, 160004, 'A thread has already been created for this message');
export const malformedBody = () => error(400, 50109, 'The request body contains invalid JSON.');

/** One field error in Discord's nested `errors` format. */
export interface FieldError {
  /** Path into the body, e.g. ['content'] or ['0', 'name']. */
  path: string[];
  code: string;
  message: string;
}

/** 400 Invalid Form Body, with `errors` nested like `{ content: { _errors: [{ code, message }] } }`. */
export function invalidFormBody(fieldErrors: FieldError[]): DiscordError {
  const errors: Record<string, unknown> = {};
  for (const fieldError of fieldErrors) {
    let node = errors;
    for (const key of fieldError.path) {
      node[key] ??= {};
      node = node[key] as Record<string, unknown>;
    }
    const list = (node._errors ??= []) as { code: string; message: string }[];
    list.push({ code: fieldError.code, message: fieldError.message });
  }
  return new DiscordError(400, { message: 'Invalid Form Body', code: 50035, errors });
}

export function throwIfInvalid(fieldErrors: FieldError[]): void {
  if (fieldErrors.length > 0) throw invalidFormBody(fieldErrors);
}

/** The body for a `failNext` failure that is not a rate limit. */
export function genericError(status: number, code = 0, message?: string): ErrorBody {
  return { message: message ?? `${status}: ${STATUS_CODES[status] ?? 'Error'}`, code };
}
