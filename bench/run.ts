/**
 * `npm run bench`: bulk check throughput and peak memory (issue 2 §5). Prints figures; asserts nothing.
 *
 * Each measurement runs in its own child process, so that its peak RSS is its own, and is timed in CPU
 * time (user + system) as well as wall time: on a busy machine only the CPU time says what one core
 * does. Measured:
 * - evaluator: one bulkDiagnose call over every line (the evaluator alone);
 * - bulk summary: the command's pipeline (chunks, summary by verdict and cause), without printing;
 * - bulk --json: the same plus one JSON line per address, into a sink that only counts bytes;
 * - the built command as a process, `access-doctor bulk FILE --snapshot S [--json] > /dev/null`.
 * Then bulk summary with 10 / 1,000 / 10,000 domains (flat?) and 25,000 to 200,000 addresses (linear?),
 * and the evaluator's cost per kind of line (`--kinds`).
 *
 * First (`--floor` alone), side by side in one run: each measurement beside its floor, the cost of
 * reading and parsing the same lines without diagnosing them — per line in this process, and end to
 * end as a process (a floor process reads the same file, parses each line and, for --json, writes a
 * JSON line per address). The targets (issue 9 §7) are printed beside the figures.
 *
 * `npm run bench` bundles this file with esbuild, as the command itself is bundled, and runs the
 * bundle: under tsx every closure is also given its name at run time, which doubles the cost of
 * code that makes closures and would measure something the command never runs.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { bulkDiagnose, diagnose, parseAddress, prepareSite, type BulkLine } from '../src/evaluator';
import { runBulk, writeJsonLines } from '../src/cli/bulk';
import { generateAddresses, generateSnapshot } from './lib-generate';

type Mode = 'evaluator' | 'bulk summary' | 'bulk --json';
interface Config {
  mode: Mode;
  /** Approved domains, and as many on External's list. */
  domains: number;
  addresses: number;
  /** Addresses are drawn from 3 × pool domains. */
  pool: number;
}
interface Result extends Config {
  wallMs: number;
  cpuMs: number;
  peakRssMB: number;
  inputRssMB: number;
  distinctDomains: number;
  outputMB?: number;
}

/** The checkout: `npm run bench` runs this file bundled (see package.json), from the checkout. */
const ROOT = process.cwd();
const MB = 1024 * 1024;
const OPTIONS = { project: 'HELP' };

/** Runs one configuration in this process and prints its Result as JSON. */
async function measure(config: Config): Promise<void> {
  const site = prepareSite(generateSnapshot(config.domains, config.domains));
  const lines = generateAddresses(config.addresses, 1, config.pool);
  const distinctDomains = new Set(lines.map((l) => l.slice(l.lastIndexOf('@') + 1))).size;
  // Warm up the JIT on other addresses of the same shape.
  bulkDiagnose(site, generateAddresses(2000, 99), OPTIONS);
  const inputRssMB = process.memoryUsage().rss / MB;
  let bytes = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done();
    },
  });
  const cpu = process.cpuUsage();
  const start = performance.now();
  if (config.mode === 'evaluator') {
    if (bulkDiagnose(site, lines, OPTIONS).lines.length !== lines.length) throw new Error('lines lost');
  } else {
    const onChunk =
      config.mode === 'bulk --json' ? (answers: BulkLine[]) => writeJsonLines(sink, answers) : undefined;
    if ((await runBulk(site, lines, OPTIONS, onChunk)).total !== lines.length) throw new Error('lines lost');
  }
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const result: Result = {
    ...config,
    wallMs,
    cpuMs: (used.user + used.system) / 1000,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    inputRssMB,
    distinctDomains,
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

function table(rows: [string, Result][]): void {
  const headers = [
    'run',
    'addresses',
    'domains',
    'domains in input',
    'CPU ms',
    'wall ms',
    'addresses/CPU-s',
    'CPU µs/address',
    'peak RSS MB',
    'RSS before MB',
  ];
  const cells = [
    headers,
    ...rows.map(([label, r]) => [
      label,
      n(r.addresses),
      n(r.domains),
      n(r.distinctDomains),
      n(r.cpuMs),
      n(r.wallMs),
      n((r.addresses / r.cpuMs) * 1000),
      n((r.cpuMs * 1000) / r.addresses, 2),
      n(r.peakRssMB),
      n(r.inputRssMB),
    ]),
  ];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  for (const [k, row] of cells.entries()) {
    console.log('  ' + row.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
    if (k === 0) console.log('  ' + widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

/** The built command as a process; CPU time and peak RSS through GNU time where present. */
function processRun(domains: number, addresses: number): void {
  const dir = mkdtempSync(join(tmpdir(), 'access-doctor-bench-'));
  try {
    execFileSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs')], { stdio: 'inherit' });
    const snapshotFile = join(dir, 'snapshot.json');
    const listFile = join(dir, 'addresses.txt');
    writeFileSync(snapshotFile, JSON.stringify(generateSnapshot(domains, domains)));
    writeFileSync(listFile, generateAddresses(addresses).join('\n') + '\n');
    const bin = join(ROOT, 'bin/access-doctor.js');
    const args = [bin, 'bulk', listFile, '--snapshot', snapshotFile, '--project', 'HELP'];
    const time = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
    for (const json of [false, true]) {
      const argv = [...args, ...(json ? ['--json'] : [])];
      const start = performance.now();
      const run = time
        ? spawnSync(time, ['-f', '%M %U %S', process.execPath, ...argv], {
            encoding: 'utf8',
            stdio: ['ignore', 'ignore', 'pipe'],
          })
        : spawnSync(process.execPath, argv, { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
      const wallMs = performance.now() - start;
      if (run.status !== 0) throw new Error(`access-doctor failed: ${run.stderr}`);
      let figures = `${n(wallMs)} ms wall`;
      if (time) {
        const [rssKB, user, system] = run.stderr.trim().split('\n').pop()!.split(' ').map(Number);
        const cpuMs = (user + system) * 1000;
        figures =
          `${n(cpuMs)} ms CPU, ${figures}, ${n((addresses / cpuMs) * 1000)} addresses/CPU-s, ` +
          `${n(rssKB / 1024)} MB peak RSS`;
      }
      console.log(`  access-doctor bulk${json ? ' --json' : '       '}: ${figures}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Where the time goes: the evaluator's cost per line for each kind of line of the 100,000. */
function kinds(): void {
  const site = prepareSite(generateSnapshot(1000, 1000));
  const lines = generateAddresses(100_000);
  bulkDiagnose(site, generateAddresses(2000, 99), OPTIONS);
  const accounts = site.snapshot.accounts ?? {};
  const groups: Record<string, string[]> = {
    'an address at a domain seen before': [],
    'the first address of its domain': [],
    'an address with an account': [],
    'not an address': [],
  };
  const seen = new Set<string>();
  for (const line of lines) {
    const domain = line.slice(line.lastIndexOf('@') + 1);
    if (line.includes(' ')) groups['not an address'].push(line);
    else if (line in accounts) groups['an address with an account'].push(line);
    else if (seen.has(domain)) groups['an address at a domain seen before'].push(line);
    else {
      seen.add(domain);
      groups['the first address of its domain'].push(line);
    }
  }
  const cpuUs = (batch: string[]): number => {
    const cpu = process.cpuUsage();
    bulkDiagnose(site, batch, OPTIONS);
    const used = process.cpuUsage(cpu);
    return used.user + used.system;
  };
  const firsts = groups['the first address of its domain'];
  for (const [kind, group] of Object.entries(groups)) {
    // A domain's later addresses reuse its first answer: time them after their firsts, minus the firsts.
    const us =
      group === groups['an address at a domain seen before']
        ? cpuUs([...firsts, ...group]) - cpuUs(firsts)
        : cpuUs(group);
    console.log(
      `  ${kind.padEnd(36)} ${n(group.length).padStart(7)} lines  ${n(us / group.length, 1).padStart(7)} CPU µs/line`,
    );
  }
}

/** CPU µs per item of `work` over `items`. */
function cpuPer<T>(items: T[], work: (item: T) => void): number {
  const cpu = process.cpuUsage();
  for (const item of items) work(item);
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / items.length;
}

/** The floor: what reading and parsing a line costs, without diagnosing it. */
function parseLine(line: string): void {
  try {
    parseAddress(line);
  } catch {
    // a line that is not an address costs its parse too
  }
}

/** The evaluator per line beside its floor, in this process (a fresh site: nothing compiled yet). */
function floorInProcess(): void {
  const site = prepareSite(generateSnapshot(1000, 1000));
  const lines = generateAddresses(100_000).filter((l) => !l.includes(' '));
  const warm = generateAddresses(3000, 99).filter((l) => !l.includes(' '));
  const warmSite = prepareSite(generateSnapshot(1000, 1000));
  for (const l of warm) diagnose(warmSite, l, OPTIONS);
  const seen = new Set<string>();
  const firsts: string[] = [];
  const known: string[] = [];
  for (const line of lines) {
    if (site.accounts?.has(line)) continue;
    const domain = line.slice(line.lastIndexOf('@') + 1);
    (seen.has(domain) ? known : firsts).push(line);
    seen.add(domain);
  }
  // The first few hundred first addresses compile the answers of the few kinds of domain the site has
  // (each a full diagnosis with its fixes, confirmed on a changed copy of the site); the others find
  // their kind compiled. Timed apart, in the order they come.
  const compiling = firsts.slice(0, 300);
  const rest = firsts.slice(300);
  const compilingUs = cpuPer(compiling, (l) => diagnose(site, l, OPTIONS));
  const restUs = cpuPer(rest, (l) => diagnose(site, l, OPTIONS));
  const rows: [string, number, number, string][] = [
    [
      'first address of its domain, with fixes',
      (compilingUs * compiling.length + restUs * rest.length) / firsts.length,
      cpuPer(firsts, parseLine),
      '≤ 20',
    ],
    [`  the first ${n(compiling.length)} of them (compiling)`, compilingUs, cpuPer(compiling, parseLine), ''],
    [`  the other ${n(rest.length)} (a domain alike compiled)`, restUs, cpuPer(rest, parseLine), ''],
    [
      'an address at a domain seen before',
      cpuPer(known, (l) => diagnose(site, l, OPTIONS)),
      cpuPer(known, parseLine),
      '≤ 2',
    ],
  ];
  console.log(
    `  ${'line'.padEnd(42)} ${'evaluator'.padStart(10)} ${'floor'.padStart(8)} ${'target'.padStart(7)}  (CPU µs/line)`,
  );
  for (const [label, us, floor, target] of rows)
    console.log(
      `  ${label.padEnd(42)} ${n(us, 1).padStart(10)} ${n(floor, 1).padStart(8)} ${target.padStart(7)}`,
    );
  console.log(
    `  (${n(firsts.length)} first addresses, ${n(known.length)} at known domains, accounts excluded)`,
  );
}

/** A process that reads the list and parses each line without diagnosing it; --json writes a line per address. */
const FLOOR_SCRIPT = `
const { readFileSync } = require('node:fs');
const json = process.argv.includes('--json');
const out = [];
const SHAPE = /^[^\\s@<>",]+@[^\\s@<>",]+\\.[^\\s@<>",]+$/;
for (const raw of readFileSync(process.argv[2], 'utf8').split(/\\r?\\n/)) {
  const line = raw.trim();
  if (!line) continue;
  const email = SHAPE.test(line) ? line.toLowerCase() : null;
  if (json) out.push(JSON.stringify(email ? { input: line, email } : { input: line, error: 'not an address' }));
  if (json && out.length >= 4096) { process.stdout.write(out.join('\\n') + '\\n'); out.length = 0; }
}
if (out.length) process.stdout.write(out.join('\\n') + '\\n');
`;

/** `access-doctor bulk [--json]` as a process beside a floor process over the same file. */
function floorProcess(domains: number, addresses: number): void {
  const dir = mkdtempSync(join(tmpdir(), 'access-doctor-floor-'));
  try {
    execFileSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs')], { stdio: 'inherit' });
    const snapshotFile = join(dir, 'snapshot.json');
    const listFile = join(dir, 'addresses.txt');
    const floorFile = join(dir, 'floor.cjs');
    writeFileSync(snapshotFile, JSON.stringify(generateSnapshot(domains, domains)));
    writeFileSync(listFile, generateAddresses(addresses).join('\n') + '\n');
    writeFileSync(floorFile, FLOOR_SCRIPT);
    const bin = join(ROOT, 'bin/access-doctor.js');
    const time = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
    const measure = (argv: string[]) => {
      const outFile = join(dir, 'out');
      const start = performance.now();
      const run = spawnSync(
        'sh',
        ['-c', `${time ? `${time} -f "%U %S" ` : ''}"$@" > "${outFile}"`, 'sh', process.execPath, ...argv],
        { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] },
      );
      const wallMs = performance.now() - start;
      if (run.status !== 0) throw new Error(`failed: ${run.stderr}`);
      const cpuMs = time
        ? run.stderr
            .trim()
            .split('\n')
            .pop()!
            .split(' ')
            .map(Number)
            .reduce((a, b) => a + b, 0) * 1000
        : wallMs;
      return { cpuMs, bytes: statSync(outFile).size };
    };
    console.log(
      `  ${'run'.padEnd(24)} ${'CPU ms'.padStart(8)} ${'lines/CPU-s'.padStart(12)} ${'floor lines/CPU-s'.padStart(18)} ${'target'.padStart(10)} ${'bytes/line'.padStart(11)}`,
    );
    for (const json of [false, true]) {
      const flag = json ? ['--json'] : [];
      const run = measure([bin, 'bulk', listFile, '--snapshot', snapshotFile, '--project', 'HELP', ...flag]);
      const floor = measure([floorFile, listFile, ...flag]);
      console.log(
        `  ${`access-doctor bulk${json ? ' --json' : ''}`.padEnd(24)} ${n(run.cpuMs).padStart(8)} ${n((addresses / run.cpuMs) * 1000).padStart(12)} ${n((addresses / floor.cpuMs) * 1000).padStart(18)} ${(json ? '≥ 100,000' : '≥ 250,000').padStart(10)} ${(json ? n(run.bytes / addresses) : '').padStart(11)}`,
      );
    }
    console.log(
      `  (${n(addresses)} lines, ${time ? 'CPU time from GNU time' : 'wall time: no GNU time here'}, start-up included)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const one = process.argv.indexOf('--one');
  if (one >= 0) return measure(JSON.parse(process.argv[one + 1]) as Config);
  if (process.argv.includes('--kinds')) return kinds();
  if (process.argv.includes('--floor-lines')) return floorInProcess();

  console.log('The evaluator beside its floor (reading and parsing the same lines without diagnosing):');
  process.stdout.write(
    execFileSync(process.execPath, [...process.execArgv, process.argv[1], '--floor-lines'], {
      encoding: 'utf8',
    }),
  );
  floorProcess(1000, 100_000);
  if (process.argv.includes('--floor')) return;
  console.log('');

  console.log(
    `Bulk check benchmark: Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}, one thread.`,
  );
  console.log(
    "domains: approved domains, and as many on External's list (Any domain = None, 1,000 accounts).",
  );
  console.log('Addresses: 40% at approved-style domains, 30% at partner domains, 25% elsewhere, 3% existing');
  console.log('accounts, 2% lines that are not addresses.\n');

  console.log('100,000 addresses against 1,000 approved + 1,000 External domains:');
  table(
    (['evaluator', 'bulk summary', 'bulk --json'] as Mode[]).map((mode) => [
      mode,
      child({ mode, domains: 1000, addresses: 100_000, pool: 1000 }),
    ]),
  );

  console.log('\nFlat in the number of domains in the snapshot (bulk summary; the same 100,000 addresses):');
  table(
    [10, 1000, 10_000].map((domains) => [
      `${n(domains)} domains`,
      child({ mode: 'bulk summary', domains, addresses: 100_000, pool: 1000 }),
    ]),
  );

  console.log('\nLinear in the number of addresses (bulk summary; one input domain per 33 addresses):');
  table(
    [25_000, 50_000, 100_000, 200_000].map((addresses) => [
      `${n(addresses)} addresses`,
      child({ mode: 'bulk summary', domains: 1000, addresses, pool: Math.round(addresses / 100) }),
    ]),
  );

  console.log('\nThe evaluator per kind of line (the same 100,000 addresses, each kind in one call):');
  process.stdout.write(
    execFileSync(process.execPath, [...process.execArgv, process.argv[1], '--kinds'], { encoding: 'utf8' }),
  );

  console.log(
    '\nThe built command as a process, 100,000 addresses (start, reading the files and output included):',
  );
  processRun(1000, 100_000);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
