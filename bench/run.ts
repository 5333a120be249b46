/**
 * `npm run bench`: bulk check throughput and peak memory (issue 2 §5). Prints figures; asserts nothing.
 *
 * Each measurement runs in its own child process so that its peak RSS is its own:
 * - evaluator: one bulkDiagnose call over every line (the evaluator alone);
 * - bulk --json: the command's pipeline (chunks, summary, one JSON line per address) into a null sink;
 * - bulk summary: the same without JSON;
 * - process: the built command itself, `node dist/cli.js bulk FILE --json > /dev/null`.
 * Then the same pipeline with 10 / 1,000 / 10,000 domains (flat?) and 25k..200k addresses (linear?).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bulkDiagnose, prepareSite } from '../src/evaluator';
import { Writable } from 'node:stream';
import type { BulkLine } from '../src/evaluator';
import { runBulk, writeJsonLines } from '../src/cli/bulk';
import { JsonWriter } from '../src/cli/json';
import { generateAddresses, generateSnapshot } from './lib-generate';

type Mode = 'evaluator' | 'bulk --json' | 'bulk summary';
interface Config {
  mode: Mode;
  domains: number;
  addresses: number;
}
interface Result extends Config {
  ms: number;
  perSecond: number;
  peakRssMB: number;
  inputRssMB: number;
  outputMB?: number;
}

const ROOT = resolve(__dirname, '..');
const MB = 1024 * 1024;
const rssMB = () => process.memoryUsage().rss / MB;
const peakRssMB = () => process.resourceUsage().maxRSS / 1024;

/** Runs one configuration in this process and prints its Result as JSON. */
async function measure(config: Config): Promise<void> {
  const site = prepareSite(generateSnapshot(config.domains, config.domains));
  const lines = generateAddresses(config.addresses);
  const options = { project: 'HELP' };
  // Warm up the JIT on other addresses of the same shape.
  bulkDiagnose(site, generateAddresses(2000, 99), options);
  const inputRssMB = rssMB();
  let bytes = 0;
  const start = performance.now();
  if (config.mode === 'evaluator') {
    const report = bulkDiagnose(site, lines, options);
    if (report.lines.length !== lines.length) throw new Error('lines lost');
  } else {
    // The command's own output path, into a sink that only counts.
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        done();
      },
    });
    const json = new JsonWriter();
    const onChunk =
      config.mode === 'bulk --json'
        ? (answers: BulkLine[]) => writeJsonLines(sink, answers, json)
        : undefined;
    const summary = await runBulk(site, lines, options, onChunk);
    if (summary.lines !== lines.length) throw new Error('lines lost');
  }
  const ms = performance.now() - start;
  const result: Result = {
    ...config,
    ms,
    perSecond: (config.addresses / ms) * 1000,
    peakRssMB: peakRssMB(),
    inputRssMB,
    ...(bytes ? { outputMB: bytes / MB } : {}),
  };
  process.stdout.write(JSON.stringify(result) + '\n');
}

function child(config: Config): Result {
  const out = execFileSync(
    process.execPath,
    [...process.execArgv, process.argv[1], '--one', JSON.stringify(config)],
    { encoding: 'utf8', maxBuffer: 16 * MB },
  );
  return JSON.parse(out.trim().split('\n').pop() as string) as Result;
}

const n = (x: number, digits = 0) =>
  x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function table(headers: string[], rows: (string | number)[][]): void {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  for (const [k, row] of cells.entries()) {
    console.log(
      '  ' + row.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('   '),
    );
    if (k === 0) console.log('  ' + widths.map((w) => '-'.repeat(w)).join('   '));
  }
}

function resultRow(label: string, r: Result): (string | number)[] {
  return [
    label,
    n(r.addresses),
    n(r.domains),
    n(r.ms),
    n(r.perSecond),
    n((r.ms * 1000) / r.addresses, 2),
    n(r.peakRssMB),
    n(r.inputRssMB),
  ];
}

const HEADERS = [
  'run',
  'addresses',
  'domains*',
  'ms',
  'addresses/s',
  'µs/address',
  'peak RSS MB',
  'RSS before MB',
];

/** The built command as a process, on a file of 100,000 addresses; peak RSS through GNU time where present. */
function processRun(domains: number, addresses: number): void {
  const dir = mkdtempSync(join(tmpdir(), 'access-doctor-bench-'));
  try {
    execFileSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs')], { stdio: 'inherit' });
    const snapshotFile = join(dir, 'snapshot.json');
    const listFile = join(dir, 'addresses.txt');
    writeFileSync(snapshotFile, JSON.stringify(generateSnapshot(domains, domains)));
    writeFileSync(listFile, generateAddresses(addresses).join('\n') + '\n');
    const args = [
      join(ROOT, 'bin/access-doctor.js'),
      'bulk',
      listFile,
      '--snapshot',
      snapshotFile,
      '--project',
      'HELP',
    ];
    const time = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
    for (const json of [true, false]) {
      const argv = [...args, ...(json ? ['--json'] : [])];
      const start = performance.now();
      const run = time
        ? spawnSync(time, ['-f', '%M', process.execPath, ...argv], {
            encoding: 'utf8',
            stdio: ['ignore', 'ignore', 'pipe'],
          })
        : spawnSync(process.execPath, argv, { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
      const ms = performance.now() - start;
      if (run.status !== 0) throw new Error(`access-doctor failed: ${run.stderr}`);
      const peak = time
        ? `${n(Number(run.stderr.trim().split('\n').pop()) / 1024)} MB peak RSS`
        : 'peak RSS not measured';
      console.log(
        `  access-doctor bulk ${n(addresses)} addresses${json ? ' --json' : ''}: ${n(ms)} ms wall, ` +
          `${n((addresses / ms) * 1000)} addresses/s, ${peak} (process start, file reading and output included)`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const one = process.argv.indexOf('--one');
  if (one >= 0) return measure(JSON.parse(process.argv[one + 1]) as Config);

  console.log(
    `Bulk check benchmark: Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}, one thread.`,
  );
  console.log(
    "* domains: approved domains, and as many on External's list. Addresses are drawn from the same",
  );
  console.log("  3,000 domains whatever the snapshot's size, so only the size of the lists changes.\n");

  console.log('100,000 addresses, 1,000 approved + 1,000 External domains:');
  table(
    HEADERS,
    (['evaluator', 'bulk --json', 'bulk summary'] as Mode[]).map((mode) =>
      resultRow(mode, child({ mode, domains: 1000, addresses: 100_000 })),
    ),
  );

  console.log('\nFlat in the number of domains (bulk --json, 100,000 addresses):');
  table(
    HEADERS,
    [10, 1000, 10_000].map((domains) =>
      resultRow(`${n(domains)} domains`, child({ mode: 'bulk --json', domains, addresses: 100_000 })),
    ),
  );

  console.log('\nLinear in the number of addresses (bulk --json, 1,000 + 1,000 domains):');
  table(
    HEADERS,
    [25_000, 50_000, 100_000, 200_000].map((addresses) =>
      resultRow(`${n(addresses)} addresses`, child({ mode: 'bulk --json', domains: 1000, addresses })),
    ),
  );

  console.log('\nThe command as a process (1,000 + 1,000 domains):');
  processRun(1000, 100_000);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
