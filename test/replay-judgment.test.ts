/** Replay labels read from JSONL and CSV, and the judgment figures built from them. */
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { readReplayTickets } from '../src/cli/replay-input.js';
import { judge } from '../src/cli/replay-judgment.js';
import type { TicketLabels } from '../src/cli/replay-labels.js';
import type { Classification, TicketOutcome } from '../src/domain/index.js';
import { sampleOutcome } from './support/sample-outcome.js';
import { tempDir } from './support/temp-dir.js';

const dir = tempDir('replay-labels');
afterAll(() => dir.cleanup());

function file(name: string, content: string): string {
  const path = dir.file(name);
  writeFileSync(path, content);
  return path;
}

const LABELLED_LINE = JSON.stringify({
  id: 'en-001',
  language: 'en',
  text: 'I was charged twice, 49.90 EUR, please refund.',
  urgency: 'high',
  category: 'refund',
  risk_flags: ['refund'],
  needs_reply: true,
  fields: { order_ids: [], emails: [], amounts: [{ value: 49.9, currency: 'EUR' }], account_ids: [] },
  hard_case: null,
});

describe('replay labels', () => {
  it('reads every label of the labelled JSONL format', () => {
    const [ticket] = readReplayTickets(file('set.jsonl', `${LABELLED_LINE}\n`));
    expect(ticket).toMatchObject({
      row: 1,
      id: 'en-001',
      text: 'I was charged twice, 49.90 EUR, please refund.',
      labels: {
        urgency: 'high',
        category: 'refund',
        riskFlags: ['refund'],
        needsReply: true,
        language: 'en',
        fields: { order_ids: [], emails: [], amounts: [{ value: 49.9, currency: 'EUR' }], account_ids: [] },
      },
    });
  });

  it('reads CSV labels: separated flags, "true"/"false", fields as JSON, an empty flag cell as no flags', () => {
    const csv = [
      'id,body,urgency,category,risk_flags,needs_reply,fields',
      'a,Refund and a lawyer,urgent,legal,refund; legal,true,"{""order_ids"":[""#12""]}"',
      'b,thanks,low,general,,false,',
      'c,hello,,,,,',
    ].join('\n');
    const tickets = readReplayTickets(file('set.csv', csv));
    expect(tickets[0]?.labels).toMatchObject({ urgency: 'urgent', category: 'legal', riskFlags: ['refund', 'legal'], needsReply: true });
    expect(tickets[0]?.labels.fields).toEqual({ order_ids: ['#12'], emails: [], amounts: [], account_ids: [] });
    expect(tickets[1]?.labels).toMatchObject({ riskFlags: [], needsReply: false, fields: null });
    expect(tickets[2]?.labels).toEqual({ urgency: null, category: null, riskFlags: [], needsReply: null, fields: null, language: null });
  });

  it('gives no label for a missing column, and keeps the old priority column', () => {
    const [ticket] = readReplayTickets(file('old.csv', 'body,priority\nHelp,critical\n'));
    expect(ticket?.labels).toEqual({ urgency: 'urgent', category: null, riskFlags: null, needsReply: null, fields: null, language: null });
  });

  it('refuses a label the bot could never predict, naming the line', () => {
    expect(() => readReplayTickets(file('bad-category.jsonl', '{"text":"x","category":"billing"}\n{"text":"y","category":"refunds"}\n'))).toThrow(
      /bad-category\.jsonl:2: category "refunds" is not one of/,
    );
    expect(() => readReplayTickets(file('bad-flag.csv', 'body,risk_flags\nx,gdpr\n'))).toThrow(/bad-flag\.csv:2: risk_flags "gdpr"/);
    expect(() => readReplayTickets(file('bad-reply.jsonl', '{"text":"x","needs_reply":"maybe"}\n'))).toThrow(/needs_reply "maybe"/);
  });
});

const outcome = sampleOutcome({ platform: 'replay', channelId: 'r', threadId: '1', customerId: 'c', customerName: null });

function labels(overrides: Partial<TicketLabels>): TicketLabels {
  return { urgency: null, category: null, riskFlags: null, needsReply: null, fields: null, language: null, ...overrides };
}

function classified(c: Partial<Classification>, extra: Partial<TicketOutcome> = {}, status: TicketOutcome['ticket']['status'] = 'awaiting_review'): TicketOutcome {
  const base = outcome();
  return outcome({ classification: { ...(base.classification as Classification), ...c }, ...extra }, { status });
}

describe('judgment figures', () => {
  it('scores urgency, category, flags, needs-reply and languages only on what is labelled', () => {
    const j = judge([
      { outcome: classified({ urgency: 'high', category: 'refund', riskFlags: ['refund'], confidence: 0.9 }), labels: labels({ urgency: 'high', category: 'refund', riskFlags: ['refund'], language: 'en' }) },
      { outcome: classified({ urgency: 'normal', category: 'billing', riskFlags: [], needsReply: false, confidence: 0.9 }), labels: labels({ urgency: 'high', category: 'refund', riskFlags: ['refund'], needsReply: true, language: 'de' }) },
      { outcome: classified({ urgency: 'normal' }), labels: labels({ language: 'de' }) },
      { outcome: classified({}), labels: null },
    ]);
    expect(j.labelled).toBe(2);
    expect(j.accuracy).toBe(0.5);
    expect(j.confusion?.high).toEqual({ low: 0, normal: 1, high: 1, urgent: 0 });
    // high: P 1/1, R 1/2 → F1 2/3; normal: P 0, no support → F1 0; macro 1/3
    expect(j.urgency_macro_f1).toBeCloseTo(1 / 3, 12);
    // Both at 0.9, one right: |0.5 − 0.9| = 0.4
    expect(j.ece).toBeCloseTo(0.4, 12);
    expect(j.category_accuracy).toBe(0.5);
    expect(j.risk_flags?.refund).toMatchObject({ precision: 1, recall: 0.5 });
    expect(j.needs_reply_accuracy).toBe(0);
    expect(j.per_language).toEqual({
      de: { n: 2, urgency_macro_f1: 0, category_accuracy: 0 },
      en: { n: 1, urgency_macro_f1: 1, category_accuracy: 1 },
    });
  });

  it('compares extracted fields as normalized sets', () => {
    const fields = { orderIds: ['#A-5521', 'X9'], accountIds: [], emails: ['Ana@Example.com'], products: [], amounts: [{ value: 49.9, currency: '€' }] };
    const j = judge([
      {
        outcome: classified({}, { fields }),
        labels: labels({ fields: { order_ids: ['a-5521'], emails: ['ana@example.com'], amounts: [{ value: 49.9, currency: 'EUR' }, { value: 5, currency: 'EUR' }], account_ids: [] } }),
      },
    ]);
    expect(j.extraction?.order_ids).toMatchObject({ precision: 0.5, recall: 1 });
    expect(j.extraction?.emails).toMatchObject({ precision: 1, recall: 1 });
    expect(j.extraction?.amounts).toMatchObject({ precision: 1, recall: 0.5 });
    expect(j.extraction?.account_ids).toMatchObject({ precision: null, recall: null });
    expect(j.extraction?.overall).toMatchObject({ true_positives: 3, predicted: 4, expected: 4 });
  });

  it('counts high-stakes tickets sent with no person’s review', () => {
    const human = { reviewerId: 'U1', action: 'approve' as const, reason: null, at: new Date() };
    const j = judge([
      { outcome: classified({}, {}, 'sent'), labels: labels({ urgency: 'urgent' }) },
      { outcome: classified({}, {}, 'sent'), labels: labels({ urgency: 'low', riskFlags: ['legal'] }) },
      { outcome: classified({}, { lastHumanReview: human }, 'sent'), labels: labels({ urgency: 'urgent' }) },
      { outcome: classified({}, {}, 'sent'), labels: labels({ urgency: 'low', riskFlags: [] }) },
      { outcome: classified({}, {}, 'awaiting_review'), labels: labels({ urgency: 'urgent' }) },
    ]);
    expect(j.high_stakes_sent_without_human).toBe(2);
    expect(judge([{ outcome: classified({}), labels: labels({ category: 'refund' }) }]).high_stakes_sent_without_human).toBeNull();
  });

  it('is all null without labels', () => {
    const j = judge([{ outcome: classified({}), labels: null }]);
    expect(Object.values(j).filter((v) => v !== null)).toEqual([0]);
  });
});
