/**
 * Bundles the two browser programs with esbuild, in memory:
 * - host.js/host.css: the toolbar and the renderer (react-dom 18, Atlaskit and its compiled CSS);
 * - frame.js: the fake bridge, then the app's real UI Kit entry (src/frontend/index.tsx) or the demo,
 *   with the real @forge/react reconciler and @forge/bridge.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';

export const PREVIEW_DIR = __dirname;
export const ROOT_DIR = path.resolve(PREVIEW_DIR, '../..');

export interface Bundle {
  files: Map<string, { contents: Uint8Array; type: string }>;
  warnings: string[];
  metafile?: esbuild.Metafile;
}

/**
 * Every `@atlaskit/tokens` import of the host resolves to the version the Atlaskit components were
 * built with (npm nests several copies): one theme, one token map, a smaller bundle.
 */
function dedupeTokens(): esbuild.Plugin {
  const tokensDir = path.dirname(
    require.resolve('@atlaskit/tokens/package.json', {
      paths: [path.dirname(require.resolve('@atlaskit/primitives/package.json'))],
    }),
  );
  return {
    name: 'dedupe-atlaskit-tokens',
    setup(build) {
      build.onResolve({ filter: /^@atlaskit\/tokens(\/.*)?$/ }, async (args) => {
        if (args.pluginData === 'dedupe') return undefined;
        return build.resolve(args.path, {
          resolveDir: tokensDir,
          kind: args.kind,
          importer: args.importer,
          pluginData: 'dedupe',
        });
      });
    },
  };
}

const common: esbuild.BuildOptions = {
  bundle: true,
  write: false,
  platform: 'browser',
  format: 'iife',
  target: ['chrome110'],
  jsx: 'automatic',
  minify: false,
  logLevel: 'silent',
  loader: { '.svg': 'dataurl', '.png': 'dataurl', '.jpg': 'dataurl', '.gif': 'dataurl' },
  absWorkingDir: ROOT_DIR,
  tsconfig: path.join(ROOT_DIR, 'tsconfig.json'),
};

/**
 * The app frame is built as Forge's bundler builds a UI Kit resource (webpack 5, target web, mode
 * production): NODE_ENV is "production" and nothing polyfills Node's globals (`Buffer`, `process`),
 * so code that would fail in Jira fails here too.
 */
const frameOptions: esbuild.BuildOptions = {
  ...common,
  sourcemap: 'inline',
  define: { 'process.env.NODE_ENV': '"production"' },
};

/** The host stands for Jira's own page: React's development build, for clearer renderer errors. */
const hostOptions: esbuild.BuildOptions = {
  ...common,
  sourcemap: false,
  define: { 'process.env.NODE_ENV': '"development"', global: 'globalThis' },
  banner: { js: 'var process = globalThis.process || { env: { NODE_ENV: "development" } };' },
};

function contentType(file: string): string {
  if (file.endsWith('.js')) return 'text/javascript; charset=utf-8';
  if (file.endsWith('.css')) return 'text/css; charset=utf-8';
  return 'application/octet-stream';
}

/** esbuild contexts by entry: a rebuild after a change is incremental (`npm start -- --watch`). */
const contexts = new Map<string, Promise<esbuild.BuildContext>>();

export async function disposeBundlers(): Promise<void> {
  const all = [...contexts.values()];
  contexts.clear();
  await Promise.all(
    all.map(async (context) =>
      (
        await context.then(
          (c) => c,
          () => undefined,
        )
      )?.dispose(),
    ),
  );
}

async function bundle(
  options: esbuild.BuildOptions,
  entry: string,
  outName: string,
  plugins: esbuild.Plugin[] = [],
): Promise<Bundle> {
  let context = contexts.get(entry);
  if (!context) {
    context = esbuild.context({
      ...options,
      metafile: true,
      entryPoints: { [outName]: path.join(PREVIEW_DIR, entry) },
      outdir: path.join(ROOT_DIR, 'test-output/preview-bundle'),
      plugins,
    });
    contexts.set(entry, context);
  }
  const result = await (await context).rebuild();
  const files = new Map<string, { contents: Uint8Array; type: string }>();
  for (const file of result.outputFiles ?? []) {
    const name = path.basename(file.path);
    files.set(name, { contents: file.contents, type: contentType(name) });
  }
  const warnings = result.warnings.map((w) => `${w.location?.file ?? ''}: ${w.text}`);
  return { files, warnings, metafile: result.metafile };
}

export async function buildHost(): Promise<Bundle> {
  return bundle(hostOptions, 'host/main.tsx', 'host', [dedupeTokens()]);
}

/** The app frame; when the app's code does not build, a frame that reports why to the host page. */
export async function buildFrame(mode: 'app' | 'demo'): Promise<Bundle> {
  try {
    return await bundle(frameOptions, mode === 'app' ? 'frame/app-entry.ts' : 'frame/demo-entry.ts', 'frame');
  } catch (error) {
    const failure = error as { errors?: esbuild.Message[]; message?: string };
    const text = failure.errors?.length
      ? failure.errors
          .map((e) => `${e.location ? `${e.location.file}:${e.location.line}: ` : ''}${e.text}`)
          .join('\n')
      : String(failure.message ?? error);
    const script = `window.parent.postMessage(${JSON.stringify({
      source: 'forge-preview-frame',
      kind: 'error',
      message: `the app's code does not build: ${text}`,
    })}, window.location.origin);`;
    return {
      files: new Map([
        ['frame.js', { contents: new TextEncoder().encode(script), type: contentType('frame.js') }],
      ]),
      warnings: [`the app frame does not build:\n${text}`],
    };
  }
}

const NODE_GLOBALS: { name: string; use: RegExp; guard: RegExp }[] = [
  {
    name: 'Buffer',
    use: /(?<![\w$.])Buffer\s*[.(]/,
    guard:
      /typeof\s+Buffer\b|(?:var|let|const|function|class)\s+Buffer\b|\bBuffer\s*=[^=]|import\s*\{[^}]*\bBuffer\b/,
  },
  {
    name: 'process',
    use: /(?<![\w$.'"])process\s*\.(?!env\.NODE_ENV\b)/,
    guard:
      /typeof\s+process\b|globalThis\.process\b|(?:var|let|const|function)\s+process\b|import\s+process\b/,
  },
];

const stripComments = (code: string) =>
  code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:\\'"`])\/\/.*$/gm, '$1');

/**
 * Modules of the app frame that use Node's `Buffer` or `process` without checking they exist: Forge's
 * UI Kit bundler (webpack 5, target web) provides neither, so they throw in Jira. Each finding names the
 * chain of imports from the app's code that pulls the module in.
 */
export function nodeGlobalFindings(metafile: esbuild.Metafile | undefined): string[] {
  if (!metafile) return [];
  const importers = new Map<string, string>();
  const entries = Object.keys(metafile.inputs).filter((file) => file.startsWith('dev/preview/frame/'));
  const queue = [...entries];
  const seen = new Set(queue);
  while (queue.length > 0) {
    const file = queue.shift() as string;
    for (const imported of metafile.inputs[file]?.imports ?? []) {
      if (!imported.path || seen.has(imported.path) || !metafile.inputs[imported.path]) continue;
      seen.add(imported.path);
      importers.set(imported.path, file);
      queue.push(imported.path);
    }
  }
  const chain = (file: string) => {
    const steps = [file];
    for (let at = importers.get(file); at && !at.startsWith('dev/preview/'); at = importers.get(at))
      steps.unshift(at);
    return steps.join(' → ');
  };
  const packageOf = (file: string) => /^(?:.*\/)?node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? file;
  const groups = new Map<string, { files: string[]; chain: string }>();
  for (const file of Object.keys(metafile.inputs)) {
    if (!/\.(m|c)?(j|t)sx?$/.test(file) || file.startsWith('dev/preview/')) continue;
    let code: string;
    try {
      code = stripComments(fs.readFileSync(path.join(ROOT_DIR, file), 'utf8'));
    } catch {
      continue;
    }
    for (const global of NODE_GLOBALS) {
      if (!global.use.test(code) || global.guard.test(code)) continue;
      const key = `${packageOf(file)}\u0000${global.name}`;
      const group = groups.get(key) ?? { files: [], chain: chain(file) };
      group.files.push(file);
      if (chain(file).length < group.chain.length) group.chain = chain(file);
      groups.set(key, group);
    }
  }
  return [...groups.entries()].map(([key, group]) => {
    const [pkg, global] = key.split('\u0000');
    const where = group.files.length === 1 ? group.files[0] : `${pkg} (${group.files.length} modules)`;
    return (
      `${where} uses Node's \`${global}\`, which Forge's UI Kit bundler (webpack 5, target web) does not ` +
      `provide: it throws in Jira. Imported through ${group.chain}`
    );
  });
}
