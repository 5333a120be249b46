/**
 * The resolver's types come from the schemas: a snapshot section, an entered fact or a resolver key
 * the backend does not handle is a compile error. Each case type-checks the backend (with the
 * TypeScript compiler, as `tsc` would) with one source file changed as a developer would change it,
 * and names where the compiler stops them.
 */
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '../..');
const SNAPSHOT = path.join(ROOT, 'src/evaluator/snapshot.ts');
const KEYS = path.join(ROOT, 'src/backend/keys.ts');
const BACKEND = path.join(ROOT, 'src/backend');
/** The one vocabulary, where the words for a section live (the backend's messages use them). */
const VOCABULARY = path.join(ROOT, 'src/evaluator/vocabulary.ts');

const config = ts.parseJsonConfigFileContent(
  ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), (f) => ts.sys.readFile(f)).config,
  ts.sys,
  ROOT,
);
// The backend needs neither jest's nor node's global types (fewer files to check).
const options: ts.CompilerOptions = { ...config.options, noEmit: true, types: [] };
const roots = ['resolver.ts', 'service.ts', 'site.ts', 'store.ts', 'schemas.ts', 'keys.ts'].map((f) =>
  path.join(BACKEND, f),
);
let previous: ts.Program | undefined;

/** The backend's compile errors ("file:line: message") with `changes` applied to source files. */
function backendErrors(changes: Record<string, (text: string) => string> = {}): string[] {
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (file) => {
    const text = readFile(file);
    const change = changes[path.resolve(file)];
    return text !== undefined && change ? change(text) : text;
  };
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, language, onError) =>
    changes[path.resolve(file)]
      ? ts.createSourceFile(file, host.readFile(file)!, language)
      : getSourceFile(file, language, onError);
  const program = ts.createProgram({ rootNames: roots, options, host, oldProgram: previous });
  previous = program;
  return program
    .getSourceFiles()
    .filter((sf) => {
      const file = path.resolve(sf.fileName);
      return file.startsWith(BACKEND + path.sep) || file === VOCABULARY;
    })
    .flatMap((sf) => program.getSemanticDiagnostics(sf))
    .map((d) => {
      const where = d.file
        ? `${path.basename(d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}`
        : '?';
      return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
    });
}

/** `text` with `find` replaced once; fails when `find` is not there (the test no longer fits the code). */
function replaced(text: string, find: string, by: string): string {
  if (!text.includes(find)) throw new Error(`not found in the source: ${find}`);
  return text.replace(find, by);
}

const files = (errors: string[]) => [...new Set(errors.map((e) => e.split(':')[0]))].sort();

/** Whether an error ("file:line: …") is within the declaration of `name` in that backend file (or the vocabulary). */
function within(file: string, name: string): (error: string) => boolean {
  const source = ts.createSourceFile(
    file,
    ts.sys.readFile(file === path.basename(VOCABULARY) ? VOCABULARY : path.join(BACKEND, file))!,
    ts.ScriptTarget.Latest,
  );
  const statement = source.statements.find(
    (s) =>
      ts.isVariableStatement(s) &&
      s.declarationList.declarations.some((d) => ts.isIdentifier(d.name) && d.name.text === name),
  );
  if (!statement) throw new Error(`${file} declares no ${name}`);
  const line = (pos: number) => source.getLineAndCharacterOfPosition(pos).line + 1;
  const [first, last] = [line(statement.getStart(source)), line(statement.getEnd())];
  return (error) => {
    const [f, l] = error.split(':');
    return f === file && Number(l) >= first && Number(l) <= last;
  };
}

/** Errors naming `name`, by file. */
const naming = (errors: string[], name: string) => files(errors.filter((e) => e.includes(name)));

jest.setTimeout(120_000);

// `npx tsc --noEmit` shows the backend compiles as it is; each case below changes one thing.

test('a new snapshot section, or a new fact in one, is a compile error where the backend must handle it', () => {
  const errors = backendErrors({
    [SNAPSHOT]: (text) => {
      let t = replaced(text, "  'accounts',\n] as const;", "  'accounts',\n  'mailHandling',\n] as const;");
      t = replaced(
        t,
        'export const sectionSchemas = {',
        'export const sectionSchemas = {\n  mailHandling: z.object({ forwardTo: z.string().optional() }).loose(),',
      );
      t = replaced(
        t,
        '    projects: sectionSchemas.projects.optional(),',
        '    projects: sectionSchemas.projects.optional(),\n    mailHandling: sectionSchemas.mailHandling.optional(),',
      );
      return replaced(
        t,
        "    mailbox: z.enum(['atlassian', 'custom']).optional(),",
        "    mailbox: z.enum(['atlassian', 'custom']).optional(),\n    replyTo: z.string().optional(),",
      );
    },
  });
  // The new section: its schema as saveSettings takes it, saveSettings taking it, and its facts'
  // labels (schemas.ts); its name, which the messages of a save or a confirmation use (vocabulary.ts).
  expect(naming(errors, 'mailHandling')).toEqual(['schemas.ts', 'vocabulary.ts']);
  expect(errors.some(within('schemas.ts', 'siteSectionSchemas'))).toBe(true);
  expect(errors.some(within('schemas.ts', 'FACT_LABELS'))).toBe(true);
  expect(errors.some(within('schemas.ts', 'payloads'))).toBe(true); // saveSettings takes every section
  expect(errors.some(within('vocabulary.ts', 'SECTION_LABEL'))).toBe(true);
  // The new fact of the email channel: its label, which every message about it starts with.
  expect(
    errors.filter((e) => e.includes("'replyTo' is missing") && within('schemas.ts', 'FACT_LABELS')(e)),
  ).toEqual([
    expect.stringMatching(
      /^schemas\.ts:\d+: Property 'replyTo' is missing .*"allowlist" \| "blocklist" \| "mailbox" \| "replyTo"/,
    ),
  ]);
  expect(files(errors)).toEqual(['schemas.ts', 'vocabulary.ts']);
});

test('a new resolver key is a compile error until it has a payload schema, a route, words and a view', () => {
  const errors = backendErrors({
    [KEYS]: (text) =>
      replaced(text, '  refresh: AppState;\n}', '  refresh: AppState;\n  forgetSender: AppState;\n}'),
  });
  // The payload schema (schemas.ts), the route and the words of its failures (resolver.ts), what a
  // project page may see of its answer (service.ts).
  expect(naming(errors, 'forgetSender')).toEqual(['resolver.ts', 'schemas.ts', 'service.ts']);
  expect(errors.some(within('schemas.ts', 'payloads'))).toBe(true);
  expect(errors.some(within('resolver.ts', 'routes'))).toBe(true);
  expect(errors.some(within('resolver.ts', 'ACTION'))).toBe(true);
  expect(errors.some(within('service.ts', 'PROJECT_VIEW'))).toBe(true);
});
