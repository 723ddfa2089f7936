/**
 * The review desk against an in-memory surface (real core, offline models,
 * real SQLite): the card lifecycle (posted once, updated in place, found
 * again after a cut-off post, none for a quiet close), who may act, the
 * answers, and `/triage`. Surfaces' own protocols are the contract suite's.
 */
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createCore, type Core } from '../../src/core.js';
import { mayReview } from '../../src/desk/reviewer-policy.js';
import type { ThreadRef } from '../../src/domain/index.js';
import { silentLogger } from '../../src/logger.js';
import { OfflineProvider } from '../../src/models/offline-provider.js';
import type { ModelRequest, ModelResult } from '../../src/models/provider.js';
import { loadOutcome } from '../../src/pipeline/outcome.js';
import type { FormRequest, Interaction, MessageMark, Posted, Surface, SurfaceInbox } from '../../src/ports/surface.js';
import type { Card } from '../../src/present/card.js';
import { PLAIN_DIALECT, renderRichText, type RichText } from '../../src/present/rich-text.js';
import { tempDir } from '../support/temp-dir.js';
import { until } from '../support/until.js';

const dir = tempDir('triage-desk');
afterAll(() => dir.cleanup());

class MemorySurface implements Surface {
  readonly platform = 'console' as const;
  readonly cardChannel = 'cards';
  readonly posts: { channelId: string; card: Card; messageId: string }[] = [];
  readonly updates: { channelId: string; messageId: string; card: Card }[] = [];
  readonly replies: { thread: ThreadRef; text: string }[] = [];
  readonly marks: MessageMark[] = [];
  /** What `findCard` answers for a post a crash cut off. */
  landed: string | null = null;
  inbox: SurfaceInbox | null = null;

  async start(inbox: SurfaceInbox): Promise<void> {
    this.inbox = inbox;
  }
  async stop(): Promise<void> {}
  async postCard(channelId: string, card: Card): Promise<Posted> {
    const messageId = `card-${this.posts.length + 1}`;
    this.posts.push({ channelId, card, messageId });
    return { messageId };
  }
  async updateCard(channelId: string, messageId: string, card: Card): Promise<void> {
    this.updates.push({ channelId, messageId, card });
  }
  async findCard(): Promise<string | null> {
    return this.landed;
  }
  async postReply(thread: ThreadRef, text: string): Promise<Posted> {
    this.replies.push({ thread, text });
    return { messageId: `reply-${this.replies.length}` };
  }
  async mark(_thread: ThreadRef, _messageId: string, mark: MessageMark): Promise<void> {
    this.marks.push(mark);
  }
}

class MemoryInteraction implements Interaction {
  readonly said: string[] = [];
  readonly forms: FormRequest[] = [];
  readonly refused: string[] = [];
  acknowledged = 0;
  constructor(readonly actor: { id: string; roles?: string[] }) {}
  async acknowledge(): Promise<void> {
    this.acknowledged += 1;
  }
  async answerPrivately(text: RichText): Promise<void> {
    this.said.push(renderRichText(text, PLAIN_DIALECT));
  }
  async openForm(form: FormRequest): Promise<void> {
    this.forms.push(form);
  }
  async refuseInput(text: string): Promise<void> {
    this.refused.push(text);
  }
}

const REVIEWER = { id: 'console-reviewer' };
let core: Core | null = null;
afterEach(() => {
  core?.close();
  core = null;
});

/** The offline models, with every draft held until the test lets it go: a slow drafting model. */
class HeldDrafts extends OfflineProvider {
  private release: () => void = () => undefined;
  private readonly gate = new Promise<void>((resolve) => (this.release = resolve));
  drafting = 0;
  override async generate<T>(request: ModelRequest<T>): Promise<ModelResult<T>> {
    if (request.schemaName === 'draft_reply') {
      this.drafting += 1;
      await this.gate;
    }
    return super.generate(request);
  }
  letGo(): void {
    this.release();
  }
}

async function deskWithSurface(provider?: OfflineProvider): Promise<{ core: Core; surface: MemorySurface; inbox: SurfaceInbox }> {
  core = createCore(
    loadConfig({ MODEL_PROVIDER: 'offline', DATABASE_PATH: dir.file(`desk-${Date.now()}-${Math.random()}.db`), KB_PATH: join(import.meta.dirname, '..', '..', 'kb') }),
    silentLogger(),
    { watchKnowledgeBase: false, ...(provider ? { provider } : {}) },
  );
  const surface = new MemorySurface();
  const inbox = core.desk.attach(surface);
  await surface.start(inbox);
  return { core, surface, inbox };
}

let counter = 0;
async function customerSays(inbox: SurfaceInbox, text: string): Promise<number> {
  counter += 1;
  return (await inbox.receive({
    thread: { platform: 'console', channelId: 'console', threadId: `t${counter}` },
    messageId: `m${counter}`,
    customer: { id: 'customer', name: 'Ana' },
    text,
    receivedAt: new Date(),
  })).ticketId;
}

describe('the card lifecycle', () => {
  it('posts one card when a ticket needs review and updates that card when it is approved', async () => {
    const { core, surface, inbox } = await deskWithSurface();
    const id = await customerSays(inbox, 'I was charged twice for order #4411, please refund the second charge.');
    await core.workflow.idle();
    expect(surface.posts).toHaveLength(1);
    expect(surface.posts[0]?.channelId).toBe('cards');
    expect(surface.posts[0]?.card).toMatchObject({ ticketId: id, state: 'review' });
    expect(surface.posts[0]?.card.actions.map((a) => a.action)).toContain('approve');
    expect(surface.marks).toContainEqual({ kind: 'urgency', urgency: expect.any(String) });

    const click = new MemoryInteraction(REVIEWER);
    await inbox.interact({ kind: 'button', interaction: click, action: 'approve', ticket: String(id) });
    await core.workflow.idle();
    expect(click.acknowledged).toBe(1);
    expect(surface.replies).toHaveLength(1);
    expect(surface.posts).toHaveLength(1);
    expect(surface.updates.at(-1)).toMatchObject({ messageId: 'card-1', card: { state: 'resolved', actions: [] } });
    expect(surface.marks).toContainEqual({ kind: 'answered' });
  });

  it('marks the urgency as soon as the triage is saved, before the draft and the card, and only once', async () => {
    const drafts = new HeldDrafts();
    const { core, surface, inbox } = await deskWithSurface(drafts);
    const id = await customerSays(inbox, 'Our whole team cannot log in since 9am, the dashboard shows error 502!');
    await until(() => drafts.drafting > 0, 'the draft stage started');
    // The draft is still being written: no card yet, but the customer already sees the urgency.
    expect((await core.store.tickets.get(id))?.status).toBe('triaged');
    expect(surface.posts).toHaveLength(0);
    const urgency = (await core.store.triage.latestTriage(id))?.classification.urgency;
    expect(surface.marks).toEqual([{ kind: 'urgency', urgency }]);
    drafts.letGo();
    await core.workflow.idle();
    expect(surface.posts).toHaveLength(1);
    expect(surface.marks.filter((mark) => mark.kind === 'urgency')).toHaveLength(1);
  });

  it('a "thanks!" closed without a reply gets no card', async () => {
    const { core, surface, inbox } = await deskWithSurface();
    const id = await customerSays(inbox, 'thanks!');
    await core.workflow.idle();
    expect((await core.store.tickets.get(id))?.status).toBe('closed');
    expect(surface.posts).toHaveLength(0);
    expect(surface.updates).toHaveLength(0);
    expect(surface.marks).toContainEqual({ kind: 'closed' });
  });

  it('a card whose post a crash cut off is found and updated, not posted twice; one that never landed is posted once', async () => {
    const { core, surface, inbox } = await deskWithSurface();
    const id = await customerSays(inbox, 'Our lawyer will contact you about the contract terms.');
    await core.workflow.idle();
    expect(surface.posts).toHaveLength(1);
    // The next outcome's post was marked and then cut off: `findCard` says whether it landed.
    const mark = await core.store.cards.begin({ ticketId: id, platform: 'console', channelId: 'cards' });
    surface.landed = 'card-landed';
    await core.desk.show(await loadOutcome(core.store, id));
    expect(surface.posts).toHaveLength(1);
    expect(surface.updates.at(-1)?.messageId).toBe('card-landed');
    expect(await core.store.cards.latest(id, 'console')).toMatchObject({ id: mark, messageId: 'card-landed' });

    await core.store.cards.begin({ ticketId: id, platform: 'console', channelId: 'cards' });
    surface.landed = null;
    await core.desk.show(await loadOutcome(core.store, id));
    expect(surface.posts).toHaveLength(2);
  });
});

describe('who may act, and what they are told', () => {
  it('someone who is not a reviewer is refused and nothing changes', async () => {
    const { core, surface, inbox } = await deskWithSurface();
    const id = await customerSays(inbox, 'Please refund my last invoice, order #9001.');
    await core.workflow.idle();
    const click = new MemoryInteraction({ id: 'someone-else' });
    await inbox.interact({ kind: 'button', interaction: click, action: 'approve', ticket: String(id) });
    expect(click.said).toEqual(['You are not one of the reviewers for support replies, so nothing was changed.']);
    expect(click.acknowledged).toBe(0);
    expect((await core.store.tickets.get(id))?.status).toBe('awaiting_review');
    expect(surface.replies).toHaveLength(0);
  });

  it('edit and reject open their form with the draft; once handled, they say so instead', async () => {
    const { core, inbox } = await deskWithSurface();
    const id = await customerSays(inbox, 'I want a refund for order #5521.');
    await core.workflow.idle();
    const edit = new MemoryInteraction(REVIEWER);
    await inbox.interact({ kind: 'button', interaction: edit, action: 'edit', ticket: String(id) });
    expect(edit.forms).toEqual([{ kind: 'edit', ticketId: id, initialText: (await core.store.triage.latestDraft(id))?.text }]);

    const reject = new MemoryInteraction(REVIEWER);
    await inbox.interact({ kind: 'form', interaction: reject, form: 'reject', ticket: String(id), value: 'wrong policy' });
    await core.workflow.idle();
    expect((await core.store.tickets.get(id))?.status).toBe('closed');

    const late = new MemoryInteraction(REVIEWER);
    await inbox.interact({ kind: 'button', interaction: late, action: 'edit', ticket: String(id) });
    expect(late.forms).toHaveLength(0);
    expect(late.said).toEqual([`Ticket #${id} was already handled.`]);
  });

  it('an empty form is refused as it stands (an outsider is only told they may not act); an id that names no ticket is answered as such', async () => {
    const { core, inbox } = await deskWithSurface();
    const id = await customerSays(inbox, 'Refund my order #77 please.');
    await core.workflow.idle();
    const empty = new MemoryInteraction(REVIEWER);
    await inbox.interact({ kind: 'form', interaction: empty, form: 'edit', ticket: String(id), value: ' \n ' });
    expect(empty.refused).toEqual(['This cannot be empty; nothing was changed.']);
    expect(empty.said).toHaveLength(0);
    const outsider = new MemoryInteraction({ id: 'someone-else' });
    await inbox.interact({ kind: 'form', interaction: outsider, form: 'edit', ticket: String(id), value: ' ' });
    expect(outsider.refused).toHaveLength(0);
    expect(outsider.said).toEqual(['You are not one of the reviewers for support replies, so nothing was changed.']);
    for (const raw of ['0x1', '1e0', '01', '"1"']) {
      const odd = new MemoryInteraction(REVIEWER);
      await inbox.interact({ kind: 'button', interaction: odd, action: 'approve', ticket: raw });
      expect(odd.said).toEqual([`Ticket #${raw} does not exist.`]);
    }
    expect((await core.store.tickets.get(id))?.status).toBe('awaiting_review');
  });

  it('a second approval is answered with what happened, and sends nothing', async () => {
    const { core, surface, inbox } = await deskWithSurface();
    const id = await customerSays(inbox, 'Refund order #31 please, it arrived broken.');
    await core.workflow.idle();
    const first = new MemoryInteraction(REVIEWER);
    const second = new MemoryInteraction(REVIEWER);
    await Promise.all([
      inbox.interact({ kind: 'button', interaction: first, action: 'approve', ticket: String(id) }),
      inbox.interact({ kind: 'button', interaction: second, action: 'approve', ticket: String(id) }),
    ]);
    await core.workflow.idle();
    expect(surface.replies).toHaveLength(1);
    expect([...first.said, ...second.said]).toHaveLength(1);
    expect([...first.said, ...second.said][0]).toMatch(/already handled|being handled/i);
  });
});

describe('/triage', () => {
  it('answers status, today and usage privately, and a missing ticket plainly', async () => {
    const { core, inbox } = await deskWithSurface();
    const id = await customerSays(inbox, 'How do I export invoices?');
    await core.workflow.idle();
    const ask = async (text: string) => {
      const command = new MemoryInteraction(REVIEWER);
      await inbox.interact({ kind: 'command', interaction: command, text });
      return command.said.join('\n');
    };
    expect(await ask(`status ${id}`)).toContain(`Ticket #${id} · `);
    expect(await ask('status #0x1')).toBe('No ticket #0x1.');
    expect(await ask('status')).toBe('Usage: /triage status <ticket number>');
    expect(await ask('today')).toMatch(/^Today \(since 00:00 UTC\): 1 ticket · spend \$0\.00/);
    expect(await ask('dance')).toBe('Usage: /triage status <ticket number>, /triage today, /triage source <ticket number> <n> or /triage web for a sign-in link to the web console');
  });

  it('opens the passage a draft cites with /triage source, and says plainly when there is none', async () => {
    const { core, inbox } = await deskWithSurface();
    const id = await customerSays(inbox, 'Where can I download my invoices as PDF?');
    const ungrounded = await customerSays(inbox, 'Do you run an affiliate programme for agencies?');
    await core.workflow.idle();
    const ask = async (text: string) => {
      const command = new MemoryInteraction(REVIEWER);
      await inbox.interact({ kind: 'command', interaction: command, text });
      return command.said.join('\n');
    };
    const cited = (await core.store.triage.latestDraft(id))?.sources[0];
    expect(cited?.source).toBe('billing-and-invoices.md');
    const shown = await ask(`source ${id}`);
    expect(shown).toContain(`${cited?.title ?? ''} › ${cited?.heading ?? ''}`);
    expect(shown).toContain('billing-and-invoices.md');
    expect(shown).toMatch(/PDF/);
    expect(await ask(`source ${id} 2`)).toBe(`Ticket #${id}'s draft cites 1 source: pick 1.`);
    expect(await ask(`source ${ungrounded}`)).toBe(`Ticket #${ungrounded}'s draft cites no source.`);
    expect(await ask('source')).toBe('Usage: /triage source <ticket number> <n> (n: which of the draft’s sources, 1 by default)');
    expect(await ask('source 999')).toBe('No ticket #999.');
  });
});

describe('mayReview', () => {
  const policy = { users: ['U1'], roles: ['R1', 'R2'] };
  it('listed users and holders of listed roles may act; the surface is asked for roles only when the event has none', async () => {
    const asked: string[] = [];
    const surface = { rolesOf: async (id: string, among: readonly string[]) => (asked.push(id), id === 'U3' ? [among[1] ?? ''] : []) };
    expect(await mayReview(policy, { id: 'U1' }, surface)).toBe(true);
    expect(await mayReview(policy, { id: 'U2', roles: ['R2'] }, surface)).toBe(true);
    expect(await mayReview(policy, { id: 'U2', roles: ['R9'] }, surface)).toBe(false);
    expect(await mayReview(policy, { id: 'U3' }, surface)).toBe(true);
    expect(await mayReview(policy, { id: 'U4' }, surface)).toBe(false);
    expect(asked).toEqual(['U3', 'U4']);
    expect(await mayReview(undefined, { id: 'U1' }, surface)).toBe(false);
    expect(await mayReview({ users: [], roles: [] }, { id: 'U3' }, surface)).toBe(false);
  });
});
