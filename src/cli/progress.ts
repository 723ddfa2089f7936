/** A one-line progress bar on a terminal; silent when the stream is piped. */
export function progressBar(stream: NodeJS.WriteStream, total: number): { tick(done: number): void; end(): void } {
  if (!stream.isTTY || total === 0) return { tick: () => undefined, end: () => undefined };
  const width = 30;
  let last = -1;
  return {
    tick(done: number) {
      const filled = Math.round((done / total) * width);
      if (filled === last && done !== total) return;
      last = filled;
      stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
    },
    end() {
      stream.write('\n');
    },
  };
}
