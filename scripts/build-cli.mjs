// Bundles the access-doctor command (src/cli + src/evaluator) into dist/cli.js.
// The file is replaced atomically (written aside, then renamed), so a command or test running at the
// same moment never reads half a bundle.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath, URL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(readFileSync(`${root}/package.json`, 'utf8'));
const outfile = `${root}/dist/cli.js`;

const result = await build({
  absWorkingDir: root,
  entryPoints: ['src/cli/main.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  define: { ACCESS_DOCTOR_VERSION: JSON.stringify(version) },
  logLevel: 'warning',
  write: false,
});

mkdirSync(`${root}/dist`, { recursive: true });
for (const file of result.outputFiles) {
  const aside = `${file.path}.${process.pid}.tmp`;
  writeFileSync(aside, file.contents);
  renameSync(aside, file.path);
}
