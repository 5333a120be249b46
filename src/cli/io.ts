/** Reading the snapshot and the address list; every failure becomes a one-line UsageError. */
import { readFile } from 'node:fs/promises';
import { parseSnapshotText, prepareSite, sampleSnapshot, SnapshotError } from '../evaluator';
import type { PreparedSite, Snapshot } from '../evaluator';

/** A problem the user can fix (bad address, snapshot, project, input): exit 2, one line on stderr. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface LoadedSite {
  snapshot: Snapshot;
  site: PreparedSite;
  /** The snapshot came from --snapshot (not the embedded sample). */
  fromFile: boolean;
}

function why(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  switch (e.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    default:
      return e.message ?? String(error);
  }
}

export async function readTextFile(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${what} ${JSON.stringify(path)}: ${why(error)}`);
  }
}

/** The snapshot of --snapshot FILE ("-": standard input), or the embedded sample site. */
export async function loadSite(
  snapshotPath: string | undefined,
  stdin: NodeJS.ReadStream,
): Promise<LoadedSite> {
  if (snapshotPath === undefined) {
    return { snapshot: sampleSnapshot, site: prepareSite(sampleSnapshot), fromFile: false };
  }
  const text =
    snapshotPath === '-' ? await readStdin(stdin) : await readTextFile(snapshotPath, 'the snapshot');
  try {
    const snapshot = parseSnapshotText(text.replace(/^\uFEFF/, ''));
    return { snapshot, site: prepareSite(snapshot), fromFile: true };
  } catch (error) {
    if (error instanceof SnapshotError) {
      const name = snapshotPath === '-' ? 'on standard input' : JSON.stringify(snapshotPath);
      throw new UsageError(`invalid snapshot ${name}: ${error.message}`);
    }
    throw error;
  }
}

export async function readStdin(stdin: NodeJS.ReadStream): Promise<string> {
  return (await readStdinBytes(stdin)).toString('utf8');
}

/** Standard input as bytes (a raw email keeps its own character sets). */
export async function readStdinBytes(stdin: NodeJS.ReadStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

export async function readBinaryFile(path: string, what: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new UsageError(`cannot read ${what} ${JSON.stringify(path)}: ${why(error)}`);
  }
}

/** Writes text, waiting when the stream's buffer is full (a large bulk --json into a slow pipe). */
export function write(stream: NodeJS.WritableStream, text: string | Uint8Array): Promise<void> | void {
  if (stream.write(text)) return;
  return new Promise((resolve) => stream.once('drain', () => resolve()));
}
