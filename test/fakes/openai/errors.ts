/**
 * OpenAI error responses: status code plus the documented body
 * `{ error: { message, type, param, code } }`.
 */

export interface ApiErrorResponse {
  status: number;
  body: { error: { message: string; type: string; param: string | null; code: string | null } };
  headers?: Record<string, string>;
}

function apiError(
  status: number,
  message: string,
  type: string,
  code: string | null = null,
  param: string | null = null,
): ApiErrorResponse {
  return { status, body: { error: { message, type, param, code } } };
}

function maskKey(key: string): string {
  if (key.length <= 8) return '*'.repeat(key.length);
  return `${key.slice(0, 3)}${'*'.repeat(Math.min(key.length - 7, 20))}${key.slice(-4)}`;
}

export function missingApiKey(): ApiErrorResponse {
  return apiError(
    401,
    "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
    'invalid_request_error',
  );
}

export function incorrectApiKey(given: string): ApiErrorResponse {
  return apiError(
    401,
    `Incorrect API key provided: ${maskKey(given)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    'invalid_request_error',
    'invalid_api_key',
  );
}

export function unknownUrl(method: string, path: string): ApiErrorResponse {
  return apiError(
    404,
    `Unknown request URL: ${method} ${path}. Please check the URL for typos, or see the docs at https://platform.openai.com/docs/api-reference/.`,
    'invalid_request_error',
    'unknown_url',
  );
}

export function modelNotFound(model: string): ApiErrorResponse {
  return apiError(404, `The model '${model}' does not exist`, 'invalid_request_error', 'model_not_found', 'model');
}

export function unparsableBody(): ApiErrorResponse {
  return apiError(
    400,
    'We could not parse the JSON body of your request. (HINT: This likely means you aren\'t using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)',
    'invalid_request_error',
  );
}

export function missingParameter(param: string): ApiErrorResponse {
  return apiError(400, `Missing required parameter: '${param}'.`, 'invalid_request_error', 'missing_required_parameter', param);
}

export function invalidParameter(param: string, message: string): ApiErrorResponse {
  return apiError(400, message, 'invalid_request_error', 'invalid_value', param);
}

/** The real API reports token/request rate limits with type 'tokens' or 'requests' and code 'rate_limit_exceeded'. */
export function rateLimited(model: string, retryAfterSeconds: number): ApiErrorResponse {
  const error = apiError(
    429,
    `Rate limit reached for ${model} in organization org-fake on tokens per min (TPM): Limit 30000, Used 30000, Requested 1000. Please try again in ${retryAfterSeconds}s. Visit https://platform.openai.com/account/rate-limits to learn more.`,
    'tokens',
    'rate_limit_exceeded',
  );
  error.headers = {
    'retry-after': String(Math.max(0, Math.ceil(retryAfterSeconds))),
    'retry-after-ms': String(Math.max(0, Math.round(retryAfterSeconds * 1000))),
    'x-ratelimit-limit-tokens': '30000',
    'x-ratelimit-remaining-tokens': '0',
    'x-ratelimit-reset-tokens': `${retryAfterSeconds}s`,
  };
  return error;
}

export function serverError(): ApiErrorResponse {
  return apiError(500, 'The server had an error while processing your request. Sorry about that!', 'server_error');
}
