/**
 * The contract every surface passes, run against its platform's fake (or the
 * console's own streams): every inbound kind, every review action, refusals,
 * redelivery, bot and self messages. Each surface's test file supplies a
 * driver that speaks its protocol, and a skip list that says, per case, why
 * the surface cannot have it (as Hono's router suite does); a skipped case
 * still shows up in the run with its reason.
 *
 * Drivers resolve an inbound event only once the surface has processed it
 * (Slack's ack comes after intake; Discord and the console report it), so
 * "nothing happened" is asserted after a positive sign, never after a sleep.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core.js';
import { threadKey, type Platform, type ReviewActionKind } from '../../src/domain/index.js';

export interface DriverThread {
  channelId: string;
  threadId: string;
}

export interface ContractDriver {
  platform: Platform;
  reviewerId: string;
  outsiderId: string;
  /** A customer writes a new message; resolves once the surface has stored it. */
  customerPosts(text: string): Promise<{ thread: DriverThread; messageId: string }>;
  customerReplies(thread: DriverThread, text: string): Promise<{ messageId: string }>;
  // Every method is required: a surface without one skips the cases that use it, with a reason.
  /** Resolves once the surface has processed the edit. */
  customerEdits(thread: DriverThread, messageId: string, text: string): Promise<void>;
  customerDeletes(thread: DriverThread, messageId: string): Promise<void>;
  /** The platform delivers the last customer event again (a retry, a replay after resume); resolves once processed. */
  redeliverLast(): Promise<void>;
  /** Another bot (or app) writes in a support channel; resolves once the surface has processed the event. */
  otherBotPosts(text: string): Promise<void>;
  /** The bot's own message comes back as an event, not flagged as a bot's; resolves once processed. */
  selfPosts(text: string): Promise<void>;
  /** Waits until the review card for the ticket is shown with its actions. */
  waitForReviewCard(ticketId: number): Promise<void>;
  clickReview(ticketId: number, action: ReviewActionKind, userId: string): Promise<void>;
  /** Waits until the form was opened for this person; returns the text it starts with. */
  waitForForm(ticketId: number, form: 'edit' | 'reject', userId: string): Promise<{ initialText: string }>;
  submitForm(ticketId: number, form: 'edit' | 'reject', value: string, userId: string): Promise<void>;
  /** Runs `/triage <text>` as this person; returns the private answer. */
  command(text: string, userId: string): Promise<string>;
  /** Waits until the ticket's card shows no actions any more; returns its text. */
  waitForResolvedCard(ticketId: number): Promise<string>;
  /** The card's current text (all of it, as the surface renders it). */
  cardText(ticketId: number): string;
  /** The actions the card offers now. */
  cardActions(ticketId: number): ReviewActionKind[];
  repliesIn(thread: DriverThread): Promise<string[]> | string[];
  reviewCardCount(ticketId: number): number;
  /** The next answer only this person sees (ephemeral messages / responses) that was not read yet. */
  waitForPrivateAnswer(userId: string): Promise<string>;
}

export const CONTRACT_CASES = [
  'a message opens a ticket keyed by platform, channel and thread; a reply joins it',
  'an edited customer message is stored with its new text',
  'a deleted customer message is marked deleted',
  'messages from other bots are ignored',
  "the bot's own messages are ignored",
  'a redelivered message makes no second ticket, message or card',
  'approve sends one reply and closes the card',
  'a click on a card already handled is told so and sends nothing',
  'edit opens the form with the draft and sends exactly the edited text once',
  'reject asks why, sends nothing and closes the card as rejected',
  'escalate gets a second opinion and updates the same card',
  'two approvals at once send one reply',
  'an empty form is refused and nothing changes',
  'a click by someone who is not a reviewer is refused and nothing changes',
  'a command by someone who is not a reviewer is refused',
  '/triage status and /triage today answer the reviewer privately',
] as const;

export type ContractCase = (typeof CONTRACT_CASES)[number];

export interface ContractSetup {
  driver: ContractDriver;
  core: Core;
  teardown(): Promise<void>;
}

/** Why a surface cannot have a case, per case: shown in the run, never silently dropped. */
export type SkipList = Partial<Record<ContractCase, string>>;

export function adapterContract(name: string, setup: () => Promise<ContractSetup>, skips: SkipList = {}): void {
  describe(`surface contract: ${name}`, () => {
    let ctx: ContractSetup;
    beforeEach(async () => {
      ctx = await setup();
    });
    afterEach(async () => {
      await ctx.teardown();
    });

    const ticketFor = async (thread: DriverThread) => {
      const ticket = await ctx.core.store.tickets.findByThread({ platform: ctx.driver.platform, ...thread });
      if (!ticket) throw new Error(`no ticket for ${thread.channelId}/${thread.threadId}`);
      return ticket;
    };
    const ticketCount = async () => (await ctx.core.store.tickets.countsBetween(new Date(0), new Date(Date.now() + 60_000))).tickets;
    const humanReviews = async (ticketId: number) => (await ctx.core.store.reviews.forTicket(ticketId)).filter((r) => r.reviewerKind === 'human');
    const status = async (ticketId: number) => (await ctx.core.store.tickets.get(ticketId))?.status;

    /** A ticket whose card waits for a reviewer. */
    async function ticketUnderReview(text: string): Promise<{ thread: DriverThread; messageId: string; ticketId: number }> {
      const posted = await ctx.driver.customerPosts(text);
      await ctx.core.workflow.idle();
      const ticketId = (await ticketFor(posted.thread)).id;
      await ctx.driver.waitForReviewCard(ticketId);
      expect(await status(ticketId)).toBe('awaiting_review');
      return { ...posted, ticketId };
    }

    const cases: Record<ContractCase, () => Promise<void>> = {
      'a message opens a ticket keyed by platform, channel and thread; a reply joins it': async () => {
        const { driver, core } = ctx;
        const { thread } = await driver.customerPosts('My invoice export is broken, order #5521.');
        const ticket = await ticketFor(thread);
        expect(threadKey(ticket)).toBe(`${driver.platform}:${thread.channelId}:${thread.threadId}`);
        await driver.customerReplies(thread, 'Also the PDF is empty.');
        await core.workflow.idle();
        const inbound = (await core.store.tickets.messages(ticket.id)).filter((m) => m.direction === 'inbound');
        expect(inbound.map((m) => m.text)).toEqual(['My invoice export is broken, order #5521.', 'Also the PDF is empty.']);
        expect(await ticketCount()).toBe(1);
      },
      'an edited customer message is stored with its new text': async () => {
        const { driver, core } = ctx;
        const { thread, messageId } = await driver.customerPosts('My order #5521 has not arrived.');
        await driver.customerEdits(thread, messageId, 'My order #5522 has not arrived.');
        const [message] = await core.store.tickets.messages((await ticketFor(thread)).id);
        expect(message?.text).toBe('My order #5522 has not arrived.');
        expect(message?.editedAt).toBeInstanceOf(Date);
        await core.workflow.idle();
      },
      'a deleted customer message is marked deleted': async () => {
        const { driver, core } = ctx;
        const { thread, messageId } = await driver.customerPosts('Here is my password: hunter2, please reset it.');
        await driver.customerDeletes(thread, messageId);
        const [message] = await core.store.tickets.messages((await ticketFor(thread)).id);
        expect(message?.deletedAt).toBeInstanceOf(Date);
        await core.workflow.idle();
      },
      'messages from other bots are ignored': async () => {
        await ctx.driver.otherBotPosts('Deploy finished: all green.');
        await ctx.core.workflow.idle();
        expect(await ticketCount()).toBe(0);
      },
      "the bot's own messages are ignored": async () => {
        await ctx.driver.selfPosts('Thanks, we are on it!');
        await ctx.core.workflow.idle();
        expect(await ticketCount()).toBe(0);
      },
      'a redelivered message makes no second ticket, message or card': async () => {
        const { driver, core } = ctx;
        const { ticketId } = await ticketUnderReview('The app crashes when I upload a photo.');
        await driver.redeliverLast();
        await core.workflow.idle();
        expect(await ticketCount()).toBe(1);
        expect(await core.store.tickets.messages(ticketId)).toHaveLength(1);
        expect(driver.reviewCardCount(ticketId)).toBe(1);
      },
      'approve sends one reply and closes the card': async () => {
        const { driver } = ctx;
        const { thread, ticketId } = await ticketUnderReview('How do I change the billing email?');
        await driver.clickReview(ticketId, 'approve', driver.reviewerId);
        const card = await driver.waitForResolvedCard(ticketId);
        expect(card).toMatch(/approved/i);
        expect(await status(ticketId)).toBe('sent');
        expect(await driver.repliesIn(thread)).toHaveLength(1);
        expect(driver.reviewCardCount(ticketId)).toBe(1);
        expect((await humanReviews(ticketId)).map((r) => [r.action, r.reviewer])).toEqual([['approve', driver.reviewerId]]);
      },
      'a click on a card already handled is told so and sends nothing': async () => {
        const { driver } = ctx;
        const { thread, ticketId } = await ticketUnderReview('Do you have a student discount?');
        await driver.clickReview(ticketId, 'approve', driver.reviewerId);
        await driver.waitForResolvedCard(ticketId);
        for (const action of ['approve', 'edit'] as const) {
          await driver.clickReview(ticketId, action, driver.reviewerId);
          expect(await driver.waitForPrivateAnswer(driver.reviewerId)).toMatch(/already handled/i);
        }
        expect(await driver.repliesIn(thread)).toHaveLength(1);
        expect(driver.reviewCardCount(ticketId)).toBe(1);
      },
      'edit opens the form with the draft and sends exactly the edited text once': async () => {
        const { driver, core } = ctx;
        const { thread, ticketId } = await ticketUnderReview('Where can I download my invoices?');
        const draft = (await core.store.triage.latestDraft(ticketId))?.text;
        await driver.clickReview(ticketId, 'edit', driver.reviewerId);
        const form = await driver.waitForForm(ticketId, 'edit', driver.reviewerId);
        expect(form.initialText).toBe(draft);
        await driver.submitForm(ticketId, 'edit', 'Invoices are under Billing → Invoices. — Ana', driver.reviewerId);
        await driver.waitForResolvedCard(ticketId);
        expect(await status(ticketId)).toBe('sent');
        expect(await driver.repliesIn(thread)).toHaveLength(1);
        expect((await driver.repliesIn(thread))[0]).toContain('Invoices are under Billing');
        expect((await humanReviews(ticketId)).map((r) => r.action)).toEqual(['edit']);
      },
      'reject asks why, sends nothing and closes the card as rejected': async () => {
        const { driver } = ctx;
        const { thread, ticketId } = await ticketUnderReview('Can you delete my account and all my data?');
        await driver.clickReview(ticketId, 'reject', driver.reviewerId);
        await driver.waitForForm(ticketId, 'reject', driver.reviewerId);
        await driver.submitForm(ticketId, 'reject', 'Needs the privacy team', driver.reviewerId);
        const card = await driver.waitForResolvedCard(ticketId);
        expect(card).toMatch(/rejected/i);
        expect(card).toContain('Needs the privacy team');
        expect(await driver.repliesIn(thread)).toHaveLength(0);
        expect((await humanReviews(ticketId)).map((r) => [r.action, r.reason])).toEqual([['reject', 'Needs the privacy team']]);
      },
      'escalate gets a second opinion and updates the same card': async () => {
        const { driver, core } = ctx;
        const { ticketId } = await ticketUnderReview('Is there a way to export reports as CSV?');
        expect(driver.cardActions(ticketId)).toContain('escalate');
        await driver.clickReview(ticketId, 'escalate', driver.reviewerId);
        await core.workflow.idle();
        expect((await humanReviews(ticketId)).map((r) => r.action)).toEqual(['escalate']);
        expect(driver.reviewCardCount(ticketId)).toBe(1);
        expect(driver.cardText(ticketId)).toMatch(/escalat/i);
      },
      'two approvals at once send one reply': async () => {
        const { driver, core } = ctx;
        const { thread, ticketId } = await ticketUnderReview('How do I add a teammate to my workspace?');
        await Promise.all([driver.clickReview(ticketId, 'approve', driver.reviewerId), driver.clickReview(ticketId, 'approve', driver.reviewerId)]);
        await driver.waitForResolvedCard(ticketId);
        await core.workflow.idle();
        expect(await driver.repliesIn(thread)).toHaveLength(1);
        expect(await humanReviews(ticketId)).toHaveLength(1);
      },
      'an empty form is refused and nothing changes': async () => {
        const { driver } = ctx;
        const { thread, ticketId } = await ticketUnderReview('How do I reset two-factor authentication?');
        await driver.submitForm(ticketId, 'edit', '   ', driver.reviewerId);
        expect(await driver.waitForPrivateAnswer(driver.reviewerId)).toMatch(/cannot be empty/i);
        expect(await status(ticketId)).toBe('awaiting_review');
        expect(await driver.repliesIn(thread)).toHaveLength(0);
        expect(await humanReviews(ticketId)).toHaveLength(0);
      },
      'a click by someone who is not a reviewer is refused and nothing changes': async () => {
        const { driver } = ctx;
        const { thread, ticketId } = await ticketUnderReview('Can I get a copy of my contract?');
        await driver.clickReview(ticketId, 'approve', driver.outsiderId);
        expect(await driver.waitForPrivateAnswer(driver.outsiderId)).toMatch(/not one of the reviewers/i);
        expect(await status(ticketId)).toBe('awaiting_review');
        expect(await driver.repliesIn(thread)).toHaveLength(0);
        expect(await humanReviews(ticketId)).toHaveLength(0);
      },
      'a command by someone who is not a reviewer is refused': async () => {
        const { driver } = ctx;
        const { ticketId } = await ticketUnderReview('My card was declined twice.');
        const answer = await driver.command(`status ${ticketId}`, driver.outsiderId);
        expect(answer).toMatch(/not one of the reviewers/i);
        expect(answer).not.toContain('declined');
      },
      '/triage status and /triage today answer the reviewer privately': async () => {
        const { driver } = ctx;
        const { ticketId } = await ticketUnderReview('The mobile app logs me out every hour.');
        const statusAnswer = await driver.command(`status ${ticketId}`, driver.reviewerId);
        expect(statusAnswer).toContain(`Ticket #${ticketId}`);
        expect(statusAnswer).toContain('awaiting_review');
        expect(await driver.command('status 999999', driver.reviewerId)).toContain('No ticket #999999');
        expect(await driver.command('today', driver.reviewerId)).toMatch(/1 ticket\b/);
      },
    };

    for (const name of CONTRACT_CASES) {
      const reason = skips[name];
      if (reason) it.skip(`${name} — skipped: ${reason}`, () => undefined);
      else it(name, cases[name]);
    }
  });
}
