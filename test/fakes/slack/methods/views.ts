import { isRecord, jsonArg, stringArg } from '../args.js';
import type { FakeSlackConfig } from '../config.js';
import { slackId } from '../ids.js';
import { fail, ok, type MethodSpec } from './types.js';

/** views.open (exchanges a trigger_id, once) and views.update (by view_id or external_id, with optional hash check). */

/** The view object Slack returns: the app's view plus the fields Slack adds. */
function fullView(config: FakeSlackConfig, id: string, hash: string, view: Record<string, unknown>): Record<string, unknown> {
  return {
    private_metadata: '',
    callback_id: '',
    external_id: '',
    clear_on_close: false,
    notify_on_close: false,
    close: null,
    submit: null,
    ...view,
    id,
    team_id: config.teamId,
    state: { values: {} },
    hash,
    root_view_id: id,
    previous_view_id: null,
    app_id: config.appId,
    app_installed_team_id: config.teamId,
    bot_id: config.botId,
  };
}

export const viewsOpen: MethodSpec = {
  token: 'bot',
  run: ({ args, state, config }) => {
    const triggerId = stringArg(args, 'trigger_id') ?? stringArg(args, 'interactivity_pointer');
    if (!triggerId) return fail('invalid_arguments', { response_metadata: { messages: ['[ERROR] missing required field: trigger_id'] } });
    const view = jsonArg(args, 'view');
    if (!view.valid || !isRecord(view.value)) {
      return fail('invalid_arguments', { response_metadata: { messages: ['[ERROR] missing or invalid field: view'] } });
    }
    if (view.value.type !== 'modal') return fail('invalid_arguments', { response_metadata: { messages: ['[ERROR] view.type must be modal'] } });
    if (state.usedTriggers.has(triggerId)) return fail('exchanged_trigger_id');
    state.usedTriggers.add(triggerId);
    const id = slackId('V');
    const returned = fullView(config, id, state.viewHashes.next(), view.value);
    state.views.push({ trigger_id: triggerId, view: returned, id });
    return ok({ view: returned });
  },
};

export const viewsUpdate: MethodSpec = {
  token: 'bot',
  run: ({ args, state, config }) => {
    const viewId = stringArg(args, 'view_id');
    const externalId = stringArg(args, 'external_id');
    if (!viewId && !externalId) return fail('invalid_arguments', { response_metadata: { messages: ['[ERROR] view_id or external_id is required'] } });
    const view = jsonArg(args, 'view');
    if (!view.valid || !isRecord(view.value)) {
      return fail('invalid_arguments', { response_metadata: { messages: ['[ERROR] missing or invalid field: view'] } });
    }
    const recorded = state.views.find((entry) =>
      viewId ? entry.id === viewId : (entry.view as Record<string, unknown>).external_id === externalId,
    );
    if (!recorded) return fail('not_found');
    const hash = stringArg(args, 'hash');
    if (hash && hash !== (recorded.view as Record<string, unknown>).hash) return fail('hash_conflict');
    recorded.view = fullView(config, recorded.id, state.viewHashes.next(), view.value);
    return ok({ view: recorded.view });
  },
};
