// Preloaded into every node process of a measured command (NODE_OPTIONS=--import):
// at exit, each writes its own peak resident set (VmHWM, kB) to the file named
// by PEAK_RSS_FILE, one line per process, so a bench can read the largest.
import { appendFileSync, readFileSync } from 'node:fs';
import process from 'node:process';

const target = process.env.PEAK_RSS_FILE;
if (target) {
  process.on('exit', () => {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) appendFileSync(target, `${process.pid} ${match[1]} ${process.argv.slice(1).join(' ').slice(0, 120)}\n`);
  });
}
