/**
 * Bundles the two browser programs with esbuild, in memory:
 * - host.js/host.css: the toolbar and the renderer (react-dom 18, Atlaskit and its compiled CSS);
 * - frame.js: the fake bridge, then the app's real UI Kit entry (src/frontend/index.tsx) or the demo,
 *   with the real @forge/react reconciler and @forge/bridge.
 */
import path from 'node:path';
import * as esbuild from 'esbuild';

export const PREVIEW_DIR = __dirname;
export const ROOT_DIR = path.resolve(PREVIEW_DIR, '../..');

export interface Bundle {
  files: Map<string, { contents: Uint8Array; type: string }>;
  warnings: string[];
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

async function bundle(
  options: esbuild.BuildOptions,
  entry: string,
  outName: string,
  plugins: esbuild.Plugin[] = [],
): Promise<Bundle> {
  const result = await esbuild.build({
    ...options,
    entryPoints: { [outName]: path.join(PREVIEW_DIR, entry) },
    outdir: path.join(ROOT_DIR, 'test-output/preview-bundle'),
    plugins,
  });
  const files = new Map<string, { contents: Uint8Array; type: string }>();
  for (const file of result.outputFiles ?? []) {
    const name = path.basename(file.path);
    files.set(name, { contents: file.contents, type: contentType(name) });
  }
  const warnings = result.warnings.map((w) => `${w.location?.file ?? ''}: ${w.text}`);
  return { files, warnings };
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
