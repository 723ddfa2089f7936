import { constants, createDeflate, type Deflate } from 'node:zlib';

/**
 * `compress=zlib-stream` transport compression: one zlib context for the whole connection, each
 * payload written and flushed with Z_SYNC_FLUSH, so every websocket message ends in 00 00 ff ff.
 * (discord.js only asks for it when the optional `zlib-sync` package is installed.)
 */
export class ZlibStreamEncoder {
  private readonly deflate: Deflate = createDeflate();
  private readonly pending: Buffer[] = [];
  private chain: Promise<unknown> = Promise.resolve();

  constructor() {
    this.deflate.on('data', (chunk: Buffer) => this.pending.push(chunk));
  }

  encode(text: string): Promise<Buffer> {
    const next = this.chain.then(
      () =>
        new Promise<Buffer>((resolve, reject) => {
          this.deflate.write(text, (error) => {
            if (error) reject(error);
          });
          this.deflate.flush(constants.Z_SYNC_FLUSH, () => {
            const out = Buffer.concat(this.pending);
            this.pending.length = 0;
            resolve(out);
          });
        }),
    );
    this.chain = next.catch(() => undefined);
    return next;
  }

  close(): void {
    this.deflate.close();
  }
}
