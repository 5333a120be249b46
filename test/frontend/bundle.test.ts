/**
 * What the pages' bundle may load: the page code runs in the browser, where Node's built-ins (Buffer,
 * fs…) do not exist. The evaluator's index also exports the CSV reader (csv-parse uses Buffer), so
 * the pages import evaluator modules one by one and everything else as types only.
 */
import fs from 'node:fs';
import path from 'node:path';

const DIR = path.join(__dirname, '../../src/frontend');
const files = fs.readdirSync(DIR).filter((f) => /\.tsx?$/.test(f));

function runtimeImports(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(/^import\s+(type\s+)?[\s\S]*?from\s+'([^']+)';/gm)) {
    if (!m[1]) out.push(m[2]);
  }
  return out;
}

const ALLOWED = [
  /^react$/,
  /^@forge\/react$/,
  /^@forge\/bridge$/,
  /^\.\/[a-z-]+$/,
  /^\.\.\/evaluator\/(address|address-list|audit|causes|diagnose|matrix|message|pages|patch|result|summary|vocabulary)$/,
  /^postal-mime$/,
];

test.each(files)('%s loads only browser-safe modules at run time', (file) => {
  const imports = runtimeImports(fs.readFileSync(path.join(DIR, file), 'utf8'));
  const bad = imports.filter((i) => !ALLOWED.some((re) => re.test(i)));
  expect(bad).toEqual([]);
});

test('the evaluator modules the pages load do not reach the CSV reader or Node built-ins', () => {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = fs.readFileSync(file, 'utf8');
    for (const spec of runtimeImports(source)) {
      expect(spec).not.toMatch(/^(node:|fs$|path$|csv-parse)/);
      if (spec.startsWith('.')) visit(path.resolve(path.dirname(file), spec) + '.ts');
    }
  };
  for (const m of [
    'address',
    'address-list',
    'audit',
    'diagnose',
    'matrix',
    'message',
    'pages',
    'patch',
    'result',
    'summary',
    'vocabulary',
  ])
    visit(path.join(__dirname, `../../src/evaluator/${m}.ts`));
  expect([...seen].map((f) => path.basename(f))).not.toContain('bulk.ts');
});

test('postal-mime, which reads a pasted raw email on the page, loads no Node built-in', () => {
  const entry = require.resolve('postal-mime').replace(/cjs\/postal-mime\.c?js$/, 'esm/postal-mime.js');
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = fs.readFileSync(file, 'utf8');
    for (const m of source.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]/g)) {
      expect(m[1]).not.toMatch(/^(node:|fs$|path$|buffer$|stream$)/);
      if (m[1].startsWith('.')) visit(path.resolve(path.dirname(file), m[1]));
    }
    expect(source).not.toMatch(/(?<![\w$.])Buffer\s*[.(]/);
  };
  visit(entry);
  expect(seen.size).toBeGreaterThan(1);
});
