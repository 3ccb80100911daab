/** The stdio shim's relay: one hello line with the client token, then bytes both ways, untouched. */
import { connect, type Socket } from 'node:net';
import { CliError } from './cli-error.ts';

const MAX_HELLO_ANSWER = 4096;
const HANDSHAKE_TIMEOUT_MS = 10_000;
/** After stdin closed, how long the instance may take to flush and close before the shim hangs up. */
const CLOSE_GRACE_MS = 2_000;

export interface RelayOptions {
  socketPath: string;
  token: string;
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
}

/** Connects, authenticates and relays until stdin or the instance closes. Rejects with a CliError. */
export async function relay(options: RelayOptions): Promise<void> {
  const socket = await handshake(options.socketPath, options.token);
  const { stdin, stdout } = options;
  await new Promise<void>((resolve, reject) => {
    let stdinEnded = false;
    let grace: NodeJS.Timeout | undefined;
    const finish = () => {
      clearTimeout(grace);
      stdin.unpipe(socket);
      stdin.removeListener('end', onStdinEnd);
      // Release stdin so the process can exit even if the client keeps its end open.
      (stdin as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      if (stdinEnded) resolve();
      else reject(new CliError('the Hallpass instance closed the connection'));
    };
    const onStdinEnd = () => {
      stdinEnded = true;
      grace = setTimeout(() => socket.destroy(), CLOSE_GRACE_MS);
    };
    socket.once('close', finish);
    socket.on('error', () => socket.destroy());
    stdout.on('error', () => socket.destroy());
    stdin.once('end', onStdinEnd);
    // INVARIANT: after the handshake the shim adds nothing and drops nothing: stdout stays pure JSON-RPC.
    socket.pipe(stdout, { end: false });
    stdin.pipe(socket);
  });
}

/** Opens the socket and exchanges the hello; resolves with the socket paused right after the answer line. */
function handshake(socketPath: string, token: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(socketPath);
    let buffered = Buffer.alloc(0);
    let settled = false;
    const fail = (message: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      reject(new CliError(message));
    };
    const timer = setTimeout(() => fail('the Hallpass instance did not answer the shim\'s hello'), HANDSHAKE_TIMEOUT_MS);
    socket.on('error', (error: NodeJS.ErrnoException) => {
      const gone = error.code === 'ENOENT' || error.code === 'ECONNREFUSED';
      fail(gone ? 'no Hallpass instance is running (start one with `hallpass serve`)' : `cannot reach the Hallpass instance: ${error.message}`);
    });
    socket.once('close', () => fail('the Hallpass instance closed the connection during the hello'));
    socket.once('connect', () => socket.write(`${JSON.stringify({ hallpass: 'hello', token })}\n`));
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const nl = buffered.indexOf(0x0a);
      if (nl === -1) {
        if (buffered.length > MAX_HELLO_ANSWER) fail('the Hallpass instance sent an unexpected answer to the hello');
        return;
      }
      socket.pause();
      socket.removeListener('data', onData);
      const answer = parseAnswer(buffered.subarray(0, nl).toString('utf8'));
      if (!answer.ok) {
        fail(answer.message);
        return;
      }
      settled = true;
      clearTimeout(timer);
      // Bytes that came right after the answer line belong to the relay.
      const rest = buffered.subarray(nl + 1);
      if (rest.length) socket.unshift(rest);
      resolve(socket);
    };
    socket.on('data', onData);
  });
}

function parseAnswer(line: string): { ok: true } | { ok: false; message: string } {
  let answer: { hallpass?: unknown; message?: unknown } | undefined;
  try {
    answer = JSON.parse(line) as typeof answer;
  } catch {
    answer = undefined;
  }
  if (answer?.hallpass === 'ok') return { ok: true };
  if (answer?.hallpass === 'error') {
    const reason = typeof answer.message === 'string' ? answer.message.slice(0, 300) : 'no reason given';
    return { ok: false, message: `the running Hallpass refused the shim: ${reason}` };
  }
  return { ok: false, message: 'the Hallpass instance sent an unexpected answer to the hello' };
}
