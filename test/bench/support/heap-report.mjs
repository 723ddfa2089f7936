// Preloaded into the node processes of a measured command (NODE_OPTIONS=--import)
// by the memory bench, never by the bot itself: on SIGUSR2 a process runs a
// full garbage collection and appends one JSON line to the file named by
// HEAP_REPORT_FILE: its pid, a sequence number, and process.memoryUsage()
// after the collection (what is still referenced: a leak shows here first,
// RSS only lags). Only the process the bench signals answers; the others
// (npm, tsx's CLI) just carry the listener.
import { appendFileSync } from 'node:fs';
import process from 'node:process';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const target = process.env.HEAP_REPORT_FILE;
if (target) {
  // A gc function for this preload alone, without --expose-gc on the command line.
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc');
  let sequence = 0;
  process.on('SIGUSR2', () => {
    gc();
    sequence += 1;
    const usage = process.memoryUsage();
    appendFileSync(target, `${JSON.stringify({ pid: process.pid, sequence, ...usage })}\n`);
  });
}
