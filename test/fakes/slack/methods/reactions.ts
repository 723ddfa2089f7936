import { stringArg, type Args } from '../args.js';
import type { RecordedReaction } from '../types.js';
import { fail, ok, type ApiResult, type MethodSpec } from './types.js';

/**
 * reactions.add / reactions.remove on a message (channel + timestamp). The fake does not know the
 * customers' messages, so any timestamp is accepted; duplicates and missing reactions are not.
 */

function readReaction(args: Args): RecordedReaction | ApiResult {
  const name = stringArg(args, 'name');
  if (!name) return fail('invalid_name');
  const channel = stringArg(args, 'channel');
  const timestamp = stringArg(args, 'timestamp');
  if (!channel || !timestamp) return fail('no_item_specified');
  return { channel, timestamp, name };
}

function same(a: RecordedReaction, b: RecordedReaction): boolean {
  return a.channel === b.channel && a.timestamp === b.timestamp && a.name === b.name;
}

const keyOf = (reaction: RecordedReaction) => `${reaction.channel} ${reaction.timestamp} ${reaction.name}`;

export const reactionsAdd: MethodSpec = {
  token: 'bot',
  run: ({ args, state }) => {
    const reaction = readReaction(args);
    if ('ok' in reaction) return reaction;
    if (state.reactionKeys.has(keyOf(reaction))) return fail('already_reacted');
    state.reactionKeys.add(keyOf(reaction));
    state.reactions.push(reaction);
    return ok();
  },
};

export const reactionsRemove: MethodSpec = {
  token: 'bot',
  run: ({ args, state }) => {
    const reaction = readReaction(args);
    if ('ok' in reaction) return reaction;
    const index = state.reactions.findIndex((existing) => same(existing, reaction));
    if (index < 0) return fail('no_reaction');
    state.reactions.splice(index, 1);
    state.reactionKeys.delete(keyOf(reaction));
    return ok();
  },
};
