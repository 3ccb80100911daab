/** An SDK client Transport over a child's stdin/stdout: newline-delimited JSON-RPC (the MCP stdio binding). */
import type { Readable, Writable } from 'node:stream';
import { ReadBuffer, serializeMessage } from '@modelcontextprotocol/client';
import type { JSONRPCMessage, Transport } from '@modelcontextprotocol/client';

/** Reads messages from `stdout`, writes them to `stdin`. Closing ends stdin (servers exit on EOF); the process is not ours. */
export class ChildTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  readonly #stdin: Writable;
  readonly #stdout: Readable;
  readonly #buffer: ReadBuffer;
  #started = false;
  #ended = false;
  #closed = false;
  #deferred: NodeJS.Immediate | undefined;
  #corked = false;

  /** `maxBufferSize` bounds one message (default: the SDK's 10 MB); a bigger one is an error and closes the transport. */
  constructor(stdin: Writable, stdout: Readable, options: { maxBufferSize?: number } = {}) {
    this.#stdin = stdin;
    this.#stdout = stdout;
    this.#buffer = new ReadBuffer({ maxBufferSize: options.maxBufferSize });
  }

  async start(): Promise<void> {
    if (this.#started) throw new Error('ChildTransport already started');
    this.#started = true;
    this.#stdout.on('data', this.#onData);
    this.#stdout.on('error', this.#onError);
    this.#stdout.once('close', this.#onEnd);
    this.#stdout.once('end', this.#onEnd);
    this.#stdin.on('error', this.#onError);
  }

  send(message: JSONRPCMessage): Promise<void> {
    if (this.#closed) return Promise.reject(new Error('the downstream server connection is closed'));
    // Messages sent in the same tick (e.g. 1,000 cancellations at a kill) leave in one write, not one syscall each.
    if (!this.#corked) {
      this.#corked = true;
      this.#stdin.cork();
      process.nextTick(this.#uncork);
    }
    if (this.#stdin.write(serializeMessage(message))) return Promise.resolve();
    // Backpressure: wait until the pipe drains, or until it closes (a dead child never drains).
    return new Promise((resolve) => {
      const done = (): void => {
        this.#stdin.off('drain', done);
        this.#stdin.off('close', done);
        resolve();
      };
      this.#stdin.once('drain', done);
      this.#stdin.once('close', done);
    });
  }

  readonly #uncork = (): void => {
    this.#corked = false;
    this.#stdin.uncork();
  };

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#stdin.end();
    this.#finish();
  }

  readonly #onData = (chunk: Buffer): void => {
    try {
      this.#buffer.append(chunk);
    } catch (error) {
      // Oversized message: the stream cannot be resynchronised safely, so the connection ends.
      this.#onError(error as Error);
      this.#finish();
      return;
    }
    if (this.#deferred === undefined) this.#drain();
  };

  /** Delivers buffered messages in order. */
  readonly #drain = (): void => {
    this.#deferred = undefined;
    while (!this.#closed) {
      let message: JSONRPCMessage | null;
      try {
        message = this.#buffer.readMessage();
      } catch (error) {
        // A JSON line that is not JSON-RPC: report and skip it (non-JSON lines are skipped by ReadBuffer).
        this.#onError(error as Error);
        continue;
      }
      if (message === null) break;
      this.onmessage?.(message);
      if (!('id' in message)) {
        // INVARIANT: the SDK runs notification handlers on a microtask but settles responses at once; the rest waits a
        // turn so a progress notification is forwarded before the response that followed it in the same chunk.
        this.#deferred = setImmediate(this.#drain);
        return;
      }
    }
    if (this.#ended) this.#finish();
  };

  readonly #onError = (error: Error): void => {
    this.onerror?.(error);
  };

  readonly #onEnd = (): void => {
    // Messages still waiting for their turn are delivered before the close.
    this.#ended = true;
    if (this.#deferred === undefined) this.#finish();
  };

  #finish(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#deferred !== undefined) clearImmediate(this.#deferred);
    this.#deferred = undefined;
    this.#stdout.off('data', this.#onData);
    this.#stdout.off('close', this.#onEnd);
    this.#stdout.off('end', this.#onEnd);
    this.#buffer.clear();
    this.onclose?.();
  }
}
