import { appsConnectionsOpen, authTest } from './auth.js';
import { chatDelete, chatPostEphemeral, chatPostMessage, chatUpdate } from './chat.js';
import { conversationsInfo, usergroupsUsersList, usersInfo } from './directory.js';
import { filesCompleteUploadExternal, filesGetUploadUrlExternal } from './files.js';
import { conversationsHistory } from './history.js';
import { reactionsAdd, reactionsRemove } from './reactions.js';
import { conversationsReplies } from './replies.js';
import type { MethodSpec } from './types.js';
import { viewsOpen, viewsUpdate } from './views.js';

/** Every Web API method the fake implements, by name. Anything else is `unknown_method`. */
export const METHODS: Readonly<Record<string, MethodSpec>> = {
  'auth.test': authTest,
  'apps.connections.open': appsConnectionsOpen,
  'chat.postMessage': chatPostMessage,
  'chat.update': chatUpdate,
  'chat.postEphemeral': chatPostEphemeral,
  'chat.delete': chatDelete,
  'reactions.add': reactionsAdd,
  'reactions.remove': reactionsRemove,
  'views.open': viewsOpen,
  'views.update': viewsUpdate,
  'users.info': usersInfo,
  'usergroups.users.list': usergroupsUsersList,
  'conversations.info': conversationsInfo,
  'conversations.replies': conversationsReplies,
  'conversations.history': conversationsHistory,
  'files.getUploadURLExternal': filesGetUploadUrlExternal,
  'files.completeUploadExternal': filesCompleteUploadExternal,
};
