/**
 * The console surface's input hygiene: a line of only invisible characters
 * is no ticket, `#12 text` names a ticket only in canonical form, and
 * `/triage …` is a command, never a customer message.
 */
import { PassThrough } from 'node:stream';
import { expect, it } from 'vitest';
import { ConsoleAdapter } from '../adapters/console/index.js';
import { parseTypedLine } from '../adapters/console/input.js';
import type { InboundMessage } from '../src/domain/index.js';
import type { InteractionEvent, SurfaceInbox } from '../src/ports/surface.js';

function fakeInbox(): { inbox: SurfaceInbox; received: InboundMessage[]; events: InteractionEvent[] } {
  const received: InboundMessage[] = [];
  const events: InteractionEvent[] = [];
  const inbox = {
    receive(message: InboundMessage) {
      received.push(message);
      return { ticketId: 7, isNew: true, triageStarted: false };
    },
    async interact(event: InteractionEvent) {
      events.push(event);
    },
  } as unknown as SurfaceInbox;
  return { inbox, received, events };
}

it('ignores invisible lines and bodies, and refuses #07 for ticket 7', async () => {
  const { inbox, received, events } = fakeInbox();
  const input = new PassThrough();
  const output = new PassThrough();
  let screen = '';
  output.on('data', (chunk: Buffer) => (screen += chunk.toString()));
  const adapter = new ConsoleAdapter({ input, output });
  await adapter.start(inbox);

  input.write(['\u200b\u200d\u2060\ufeff', '\u3164 \u2800', 'Hello there', '#07 again', '#7 \u200b\u200b', '#7 more detail'].join('\n') + '\n');
  input.end();
  await adapter.finished();

  expect(screen).toContain('No ticket #07 in this console session.');
  expect(screen.match(/Added to ticket #7\./g)).toHaveLength(2);
  expect(received.map((m) => m.text)).toEqual(['Hello there', 'more detail']);
  expect(received[1]?.thread).toEqual(received[0]?.thread);
  expect(received[0]?.thread).toMatchObject({ platform: 'console', channelId: 'console' });
  // The console knows no display name and invents none (a draft would greet it).
  expect(received[0]?.customer).toEqual({ id: 'console-customer' });
  expect(new Set(received.map((m) => m.messageId)).size).toBe(2);
  expect(events).toHaveLength(0);
});

it('hands /triage lines to the desk as commands from the console reviewer, not as customer messages', async () => {
  const { inbox, received, events } = fakeInbox();
  const input = new PassThrough();
  const adapter = new ConsoleAdapter({ input, output: new PassThrough() });
  await adapter.start(inbox);

  input.write(['/triage status 12', '  /triage   today  ', '/triage', '/triagex status 1'].join('\n') + '\n');
  input.end();
  await adapter.finished();

  expect(events.map((e) => (e.kind === 'command' ? [e.text, e.interaction.actor.id] : e.kind))).toEqual([
    ['status 12', 'console-reviewer'],
    ['today', 'console-reviewer'],
    ['', 'console-reviewer'],
  ]);
  // `/triagex` is not the command: it is what a customer typed.
  expect(received.map((m) => m.text)).toEqual(['/triagex status 1']);
});

it('parses a typed line strictly', () => {
  expect(parseTypedLine('  \u200b ')).toEqual({ kind: 'nothing' });
  expect(parseTypedLine('Billing | I was charged twice')).toEqual({ kind: 'message', subject: 'Billing', body: 'I was charged twice' });
  expect(parseTypedLine('\u200b | I was charged twice')).toEqual({ kind: 'message', body: 'I was charged twice' });
  expect(parseTypedLine('a|b')).toEqual({ kind: 'message', body: 'a|b' });
  expect(parseTypedLine('#12 more | text')).toEqual({ kind: 'join', ticketId: 12, typedId: '12', body: 'more | text' });
  expect(parseTypedLine('#012 more')).toEqual({ kind: 'join', ticketId: null, typedId: '012', body: 'more' });
  expect(parseTypedLine('#12')).toEqual({ kind: 'message', body: '#12' });
  expect(parseTypedLine('/triage status #3')).toEqual({ kind: 'command', text: 'status #3' });
});
