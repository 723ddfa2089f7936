/**
 * Bolt listeners for what reviewers do in Slack, handed to the desk as
 * neutral events: the card's buttons, the edit and reject modals, `/triage`.
 * Nothing here decides: who may act, what to answer and what happens to the
 * ticket are the desk's.
 */
import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  ButtonAction,
  SlackActionMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';
import type { ReviewActionKind } from '../../src/domain/index.js';
import type { Logger } from '../../src/logger.js';
import type { SurfaceInbox } from '../../src/ports/surface.js';
import { ACTION_IDS, CALLBACK_IDS, INPUT_IDS } from './format.js';
import { SlackInteraction, ticketOfMetadata } from './interaction.js';

type ActionArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;
type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const BUTTONS: readonly ReviewActionKind[] = ['approve', 'edit', 'reject', 'escalate'];

const FORMS = {
  edit: { callbackId: CALLBACK_IDS.edit, block: INPUT_IDS.editBlock, action: INPUT_IDS.editAction },
  reject: { callbackId: CALLBACK_IDS.reject, block: INPUT_IDS.rejectBlock, action: INPUT_IDS.rejectAction },
} as const;

export function registerReviewListeners(app: App, inbox: SurfaceInbox, reviewChannel: string, log: Logger): void {
  for (const action of BUTTONS) {
    app.action<BlockAction<ButtonAction>>(ACTION_IDS[action], async (args) => {
      const { ack, body, action: button, client } = args as ActionArgs;
      await ack();
      const channel = body.channel?.id ?? reviewChannel;
      const interaction = new SlackInteraction({ client, userId: body.user.id, channel, ack: null, triggerId: body.trigger_id });
      await inbox.interact({ kind: 'button', interaction, action, ticket: button.value ?? '' });
    });
  }
  for (const [form, ids] of Object.entries(FORMS) as [keyof typeof FORMS, (typeof FORMS)[keyof typeof FORMS]][]) {
    app.view<ViewSubmitAction>(ids.callbackId, async (args) => {
      const { body, view, client } = args as ViewArgs;
      const ack = (args as ViewArgs).ack as (response?: Record<string, unknown>) => Promise<void>;
      const value = view.state.values[ids.block]?.[ids.action]?.value ?? '';
      const interaction = new SlackInteraction({ client, userId: body.user.id, channel: reviewChannel, ack, inputBlock: ids.block });
      try {
        await inbox.interact({ kind: 'form', interaction, form, ticket: ticketOfMetadata(view.private_metadata), value });
      } finally {
        await interaction.settle();
      }
    });
  }
  app.command('/triage', async ({ command, ack, client }) => {
    const interaction = new SlackInteraction({
      client,
      userId: command.user_id,
      channel: command.channel_id,
      ack: ack as (response?: Record<string, unknown>) => Promise<void>,
      answerInAck: (text) => ({ response_type: 'ephemeral', text }),
    });
    try {
      await inbox.interact({ kind: 'command', interaction, text: command.text });
    } finally {
      await interaction.settle();
    }
  });
  app.error(async (error) => {
    log.error({ err: error }, 'slack listener failed');
  });
}
