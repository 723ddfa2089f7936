/**
 * The contract every chat adapter passes, run against its platform's fake:
 * thread identity, self-messages ignored, redeliveries deduplicated, review
 * actions end in one reply, and only reviewers may act. Each adapter's test
 * file supplies a driver that speaks its platform's protocol.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core.js';
import { threadKey } from '../../src/domain/index.js';

export interface DriverThread {
  channelId: string;
  threadId: string;
}

export interface ContractDriver {
  platform: 'slack' | 'discord';
  reviewerId: string;
  outsiderId: string;
  /** A customer writes a new message in a support channel; resolves once the platform got the ack. */
  customerPosts(text: string): Promise<{ thread: DriverThread; messageId: string }>;
  customerReplies(thread: DriverThread, text: string): Promise<void>;
  /** The platform delivers the last customer event again (a retry, a replay after resume). */
  redeliverLast(): Promise<void>;
  /** The bot's own message arrives as an event, as platforms do. */
  botPosts(text: string): Promise<void>;
  /** Waits until the review card for the ticket is shown with its buttons. */
  waitForReviewCard(ticketId: number): Promise<void>;
  clickReview(ticketId: number, action: 'approve' | 'reject', userId: string): Promise<void>;
  /** Waits until the ticket's card shows no buttons any more. */
  waitForResolvedCard(ticketId: number): Promise<void>;
  repliesIn(thread: DriverThread): string[];
  reviewCardCount(ticketId: number): number;
  /** Refusals shown only to the user (ephemeral messages / responses). */
  waitForRefusal(userId: string): Promise<string>;
}

export interface ContractSetup {
  driver: ContractDriver;
  core: Core;
  teardown(): Promise<void>;
}

export function adapterContract(name: string, setup: () => Promise<ContractSetup>): void {
  describe(`adapter contract: ${name}`, () => {
    let ctx: ContractSetup;
    beforeEach(async () => {
      ctx = await setup();
    });
    afterEach(async () => {
      await ctx.teardown();
    });

    const ticketFor = (thread: DriverThread) =>
      ctx.core.store.tickets.findByThread({ platform: ctx.driver.platform, ...thread }) ?? undefined;

    it('a customer message opens a ticket keyed by platform, channel and thread; a reply joins it', async () => {
      const { driver, core } = ctx;
      const { thread } = await driver.customerPosts('My invoice export is broken, order #5521.');
      await core.workflow.idle();
      const ticket = ticketFor(thread);
      expect(ticket).toBeDefined();
      if (!ticket) return;
      expect(threadKey({ platform: ticket.platform, channelId: ticket.channelId, threadId: ticket.threadId })).toBe(
        `${driver.platform}:${thread.channelId}:${thread.threadId}`,
      );
      await driver.customerReplies(thread, 'Also the PDF is empty.');
      await core.workflow.idle();
      const inbound = core.store.tickets.messages(ticket.id).filter((m) => m.direction === 'inbound');
      expect(inbound.map((m) => m.text)).toEqual(['My invoice export is broken, order #5521.', 'Also the PDF is empty.']);
    });

    it("ignores the bot's own messages", async () => {
      const { driver, core } = ctx;
      await driver.botPosts('Thanks, we are on it!');
      await core.workflow.idle();
      expect(core.store.tickets.countsBetween(new Date(0), new Date(Date.now() + 60_000)).tickets).toBe(0);
    });

    it('a redelivered message makes no second ticket, message or card', async () => {
      const { driver, core } = ctx;
      const { thread } = await driver.customerPosts('The app crashes when I upload a photo.');
      await core.workflow.idle();
      const ticket = ticketFor(thread);
      if (!ticket) throw new Error('no ticket');
      await driver.waitForReviewCard(ticket.id);
      await driver.redeliverLast();
      await core.workflow.idle();
      expect(core.store.tickets.countsBetween(new Date(0), new Date(Date.now() + 60_000)).tickets).toBe(1);
      expect(core.store.tickets.messages(ticket.id)).toHaveLength(1);
      expect(driver.reviewCardCount(ticket.id)).toBe(1);
    });

    it('an approval by a reviewer posts the reply in the thread once and closes the card', async () => {
      const { driver, core } = ctx;
      const { thread } = await driver.customerPosts('How do I change the billing email?');
      await core.workflow.idle();
      const ticket = ticketFor(thread);
      if (!ticket) throw new Error('no ticket');
      await driver.waitForReviewCard(ticket.id);
      await driver.clickReview(ticket.id, 'approve', driver.reviewerId);
      await driver.waitForResolvedCard(ticket.id);
      expect(core.store.tickets.get(ticket.id)?.status).toBe('sent');
      expect(driver.repliesIn(thread)).toHaveLength(1);
      await driver.clickReview(ticket.id, 'approve', driver.reviewerId);
      await driver.waitForRefusal(driver.reviewerId);
      expect(driver.repliesIn(thread)).toHaveLength(1);
    });

    it('someone who is not a reviewer is refused and nothing changes', async () => {
      const { driver, core } = ctx;
      const { thread } = await driver.customerPosts('Can I get a copy of my contract?');
      await core.workflow.idle();
      const ticket = ticketFor(thread);
      if (!ticket) throw new Error('no ticket');
      await driver.waitForReviewCard(ticket.id);
      await driver.clickReview(ticket.id, 'approve', driver.outsiderId);
      const refusal = await driver.waitForRefusal(driver.outsiderId);
      expect(refusal).toMatch(/not one of the reviewers/i);
      expect(core.store.tickets.get(ticket.id)?.status).toBe('awaiting_review');
      expect(driver.repliesIn(thread)).toHaveLength(0);
      expect(core.store.reviews.forTicket(ticket.id).filter((r) => r.reviewerKind === 'human')).toHaveLength(0);
    });
  });
}
