/**
 * The console adapter's input hygiene: a line of only invisible characters
 * is no ticket, and `#12 text` names a ticket only in canonical form.
 */
import { PassThrough } from 'node:stream';
import { expect, it } from 'vitest';
import { ConsoleAdapter } from '../adapters/console/index.js';
import type { AdapterCore } from '../src/ports/surface.js';
import type { InboundMessage } from '../src/domain/index.js';

it('ignores invisible lines and bodies, and refuses #07 for ticket 7', async () => {
  const received: InboundMessage[] = [];
  const core = {
    receive(message: InboundMessage) {
      received.push(message);
      return { ticketId: 7, isNew: true, triageStarted: false };
    },
  } as unknown as AdapterCore;
  const input = new PassThrough();
  const output = new PassThrough();
  let screen = '';
  output.on('data', (chunk: Buffer) => (screen += chunk.toString()));
  const adapter = new ConsoleAdapter({ input, output });
  await adapter.start(core);

  input.write(['\u200b\u200d\u2060\ufeff', '\u3164 \u2800', 'Hello there', '#07 again', '#7 \u200b\u200b', '#7 more detail'].join('\n') + '\n');
  input.end();
  await adapter.finished();

  expect(screen).toContain('No ticket #07 in this console session.');
  expect(screen.match(/Added to ticket #7\./g)).toHaveLength(2);
  expect(received.map((m) => m.text)).toEqual(['Hello there', 'more detail']);
  expect(received[1]?.thread).toEqual(received[0]?.thread);
});
