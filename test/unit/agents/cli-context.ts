/** A CliContext over a fixture tree: HOME and the data dir in temp dirs, output captured. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import type { CliContext } from '../../../main/cli/cli-context.ts';
import { describeFailure } from '../../../main/cli/cli-error.ts';
import { testClockAndIds, type FixtureTree } from './fixture-tree.ts';

export interface TestCli extends AsyncDisposable {
  ctx: CliContext;
  out(): string;
  err(): string;
  /** Runs a command like the CLI does: a thrown failure becomes one stderr line and its exit status. */
  run(fn: (argv: string[], ctx: CliContext) => Promise<number>, argv: string[]): Promise<number>;
}

/** A context whose HOME (and APPDATA/XDG) is the fixture tree's home; the data dir is `dataDir` or a fresh one. */
export async function testCli(tree: Pick<FixtureTree, 'roots'>, extraEnv: Record<string, string> = {}, dataDirOf?: string): Promise<TestCli> {
  const dataDir = dataDirOf ?? (await mkdtemp(join(tmpdir(), 'hallpass-agents-data-')));
  let out = '';
  let err = '';
  const { clock, ids } = testClockAndIds();
  const stdout = new PassThrough();
  stdout.on('data', (d: Buffer) => void (out += d.toString()));
  const ctx: CliContext = {
    env: { HOME: tree.roots.home, XDG_CONFIG_HOME: tree.roots.xdgConfigHome, APPDATA: tree.roots.appData, HALLPASS_HOME: dataDir, ...extraEnv },
    dataDir,
    out: (text) => void (out += text),
    err: (text) => void (err += text),
    clock,
    ids,
    stdin: Readable.from([]),
    stdout,
  };
  return {
    ctx,
    out: () => out,
    err: () => err,
    async run(fn, argv) {
      try {
        return await fn(argv, ctx);
      } catch (error) {
        const { line, exitCode } = describeFailure(error, false);
        ctx.err(`${line}\n`);
        return exitCode;
      }
    },
    [Symbol.asyncDispose]: async () => {
      if (!dataDirOf) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
