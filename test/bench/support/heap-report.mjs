// Preloaded into the node processes of a measured command (NODE_OPTIONS=--import)
// by the memory bench, never by the bot itself: on SIGUSR2 a process runs a
// full garbage collection and appends one JSON line to the file named by
// HEAP_REPORT_FILE: its pid, a sequence number, and process.memoryUsage()
// after the collection (what is still referenced: a leak shows here first,
// RSS only lags), and each V8 space's committed and used bytes. When the file `<HEAP_REPORT_FILE>.snapshot` exists, it
// names where to write a heap snapshot first (then it is removed, and the
// line names the snapshot): the line is written only once the snapshot is
// whole. Only the process the bench signals answers; the others (npm, tsx's
// CLI) just carry the listener. SIGUSR1 is left alone: it opens the inspector.
import { appendFileSync, readFileSync, rmSync } from 'node:fs';
import process from 'node:process';
import { getHeapSpaceStatistics, setFlagsFromString, writeHeapSnapshot } from 'node:v8';
import { runInNewContext } from 'node:vm';

const target = process.env.HEAP_REPORT_FILE;
if (target) {
  // A gc function for this preload alone, without --expose-gc on the command line.
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc');
  const request = `${target}.snapshot`;
  let sequence = 0;
  process.on('SIGUSR2', () => {
    gc();
    sequence += 1;
    let snapshot;
    try {
      snapshot = readFileSync(request, 'utf8').trim();
    } catch {
      snapshot = undefined;
    }
    if (snapshot) {
      rmSync(request, { force: true });
      writeHeapSnapshot(snapshot);
    }
    const usage = process.memoryUsage();
    // What each V8 space has taken from the system (committed), beside what is used in it.
    const spaces = Object.fromEntries(getHeapSpaceStatistics().map((space) => [space.space_name, { committed: space.physical_space_size, used: space.space_used_size }]));
    appendFileSync(target, `${JSON.stringify({ pid: process.pid, sequence, ...usage, spaces, ...(snapshot ? { snapshot } : {}) })}\n`);
  });
}
