/**
 * Part of `npm run lint`: the dependency rules of the layers (docs/architecture.md "Layers"), read
 * from the relative imports of every file under src/ with TypeScript's own parser.
 *
 * - no import circles (type-only imports included: a circle of types still ties two modules together);
 * - activities and use cases do not import each other;
 * - workflow code imports activities only as types (their interface);
 * - the HTTP layer (src/api) reaches the store only through use cases (type-only imports allowed);
 * - only src/store calls MongoDB: no other file calls a method of a collection, a cursor or a
 *   database handle, found by the receiver's type (TypeScript's checker), however the collection
 *   got there (`collections.x.findOne`, a destructured `{ x }`, a `Collections['x']` parameter).
 *
 * Exits 1 with one line per violation.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

interface Edge {
  from: string;
  to: string;
  typeOnly: boolean;
}

interface Rule {
  from: string;
  to: string;
  /** Type-only imports do not count (an interface, not code). */
  allowTypeOnly: boolean;
  why: string;
}

const rules: Rule[] = [
  {
    from: 'src/activities/',
    to: 'src/usecases/',
    allowTypeOnly: false,
    why: 'activities use store and domain, never use cases',
  },
  {
    from: 'src/usecases/',
    to: 'src/activities/',
    allowTypeOnly: false,
    why: 'use cases do not reach into activities (shared code belongs in lib/ or domain/)',
  },
  {
    from: 'src/workflows/',
    to: 'src/activities/',
    allowTypeOnly: true,
    why: "workflow code imports only the activities' interface type",
  },
  {
    from: 'src/api/',
    to: 'src/store/',
    allowTypeOnly: true,
    why: 'routes call use cases; the repositories behind them are the only code that knows collections',
  },
  { from: 'src/api/', to: 'src/activities/', allowTypeOnly: false, why: 'routes call use cases, never activities' },
  ...[
    'src/api/',
    'src/usecases/',
    'src/engine/',
    'src/store/',
    'src/activities/',
    'src/workflows/',
    'src/channels/',
  ].map((to): Rule => ({
    from: 'src/lib/',
    to,
    allowTypeOnly: false,
    why: 'lib/ is shared by every layer and uses none of them',
  })),
  {
    from: 'src/lib/',
    to: 'src/domain/',
    allowTypeOnly: true,
    why: 'lib/ may name domain types, never use domain code',
  },
  ...['src/api/', 'src/usecases/', 'src/engine/', 'src/store/', 'src/activities/', 'src/channels/'].map((to): Rule => ({
    from: 'src/domain/',
    to,
    allowTypeOnly: false,
    why: 'domain/ holds no I/O and depends on no layer above it',
  })),
];

const root = resolve(import.meta.dirname, '..');

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

function resolveImport(fromFile: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(fromFile), specifier);
  const candidates = [base.replace(/\.js$/, '.ts'), `${base}.ts`, join(base, 'index.ts')];
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
}

function importsOf(file: string): Edge[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const edges: Edge[] = [];
  const add = (specifier: ts.Expression | undefined, typeOnly: boolean) => {
    if (!specifier || !ts.isStringLiteral(specifier)) return;
    const to = resolveImport(file, specifier.text);
    if (to) edges.push({ from: file, to, typeOnly });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const namedTypeOnly =
        clause !== undefined &&
        clause.name === undefined &&
        clause.namedBindings !== undefined &&
        ts.isNamedImports(clause.namedBindings) &&
        clause.namedBindings.elements.length > 0 &&
        clause.namedBindings.elements.every((element) => element.isTypeOnly);
      add(node.moduleSpecifier, clause !== undefined && (clause.isTypeOnly || namedTypeOnly));
    } else if (ts.isExportDeclaration(node)) {
      const namedTypeOnly =
        node.exportClause !== undefined &&
        ts.isNamedExports(node.exportClause) &&
        node.exportClause.elements.length > 0 &&
        node.exportClause.elements.every((element) => element.isTypeOnly);
      add(node.moduleSpecifier, node.isTypeOnly || namedTypeOnly);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node.arguments[0], false);
    } else if (ts.isImportTypeNode(node)) {
      const argument = node.argument;
      if (ts.isLiteralTypeNode(argument)) add(argument.literal, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

/**
 * Calls of a collection's methods (`collections.contacts.findOne(…)`, `deps.collections.x.find(…)`)
 * in a file of the HTTP layer: those belong in a repository behind a use case.
 */
function collectionCallsIn(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const calls: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const collection = node.expression.expression;
      const holder = ts.isPropertyAccessExpression(collection) ? collection.expression : undefined;
      const holderName =
        holder &&
        (ts.isIdentifier(holder) ? holder.text : ts.isPropertyAccessExpression(holder) ? holder.name.text : '');
      if (holderName === 'collections') {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart());
        calls.push(`${node.expression.getText(source)}(…) at line ${line + 1}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return calls;
}

/** The MongoDB driver's handles: calling a method of one is a query (or builds one). */
const mongoHandles = new Set(['Collection', 'FindCursor', 'AggregationCursor', 'ChangeStream', 'Db', 'MongoClient']);

/**
 * Files outside src/store that still query collections themselves, with the reason. Each is a
 * debt: the rule holds for every other file, and a file leaves this list when its queries move.
 */
const knownQueryCallers = new Map<string, string>([
  ['src/api/routes/system.ts', 'the readiness probe pings the database (a connection check, not a query)'],
]);

function isMongoHandle(type: ts.Type): boolean {
  if (type.isUnion()) return type.types.some(isMongoHandle);
  const symbol = type.getSymbol() ?? type.aliasSymbol;
  return (
    symbol !== undefined &&
    mongoHandles.has(symbol.getName()) &&
    (symbol.getDeclarations() ?? []).some((declaration) =>
      declaration.getSourceFile().fileName.includes('/node_modules/mongodb/'),
    )
  );
}

/** Calls of a MongoDB handle's methods in these files, by the type of what the method is called on. */
function mongoCallsIn(checkedFiles: string[]): Map<string, string[]> {
  const tsconfig: unknown = ts.readConfigFile(join(root, 'tsconfig.json'), (path) => ts.sys.readFile(path)).config;
  const { options } = ts.parseJsonConfigFileContent(tsconfig, ts.sys, root);
  const program = ts.createProgram({ rootNames: checkedFiles, options: { ...options, noEmit: true } });
  const checker = program.getTypeChecker();
  const calls = new Map<string, string[]>();
  for (const file of checkedFiles) {
    const source = program.getSourceFile(file);
    if (!source) continue;
    const visit = (node: ts.Node) => {
      if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        isMongoHandle(checker.getTypeAtLocation(node.expression.expression))
      ) {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart());
        calls.set(file, [...(calls.get(file) ?? []), `.${node.expression.name.text}(…) at line ${line + 1}`]);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return calls;
}

/** Every elementary circle found by a depth-first search, each reported once. */
function circles(files: string[], edges: Edge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const edge of edges) next.set(edge.from, [...new Set([...(next.get(edge.from) ?? []), edge.to])]);
  const found = new Map<string, string[]>();
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const walk = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const to of next.get(file) ?? []) {
      if (state.get(to) === 'open') {
        const circle = stack.slice(stack.indexOf(to));
        const key = [...circle].sort().join('|');
        if (!found.has(key)) found.set(key, circle);
      } else if (!state.has(to)) walk(to);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of files) if (!state.has(file)) walk(file);
  return [...found.values()];
}

const files = sourceFiles(join(root, 'src')).sort();
const edges = files.flatMap(importsOf);
const show = (file: string) => relative(root, file);
const problems: string[] = [];

for (const edge of edges) {
  const from = show(edge.from);
  const to = show(edge.to);
  for (const rule of rules) {
    if (from.startsWith(rule.from) && to.startsWith(rule.to) && !(rule.allowTypeOnly && edge.typeOnly)) {
      problems.push(`${from} imports ${to}${rule.allowTypeOnly ? ' (not type-only)' : ''}: ${rule.why}`);
    }
  }
}
for (const file of files.filter((file) => show(file).startsWith('src/api/'))) {
  for (const call of collectionCallsIn(file)) {
    problems.push(`${show(file)} calls a collection, ${call}: routes call use cases, repositories query collections`);
  }
}
const outsideStore = files.filter((file) => !show(file).startsWith('src/store/'));
const unfixed = new Set(knownQueryCallers.keys());
for (const [file, calls] of mongoCallsIn(outsideStore)) {
  if (unfixed.delete(show(file))) continue;
  for (const call of calls) {
    problems.push(`${show(file)} calls MongoDB, ${call}: only the repositories in src/store query collections`);
  }
}
for (const file of unfixed) {
  problems.push(`${file} no longer calls MongoDB itself: remove it from knownQueryCallers in scripts/check-layers.ts`);
}
for (const circle of circles(files, edges)) {
  problems.push(`import circle: ${[...circle, circle[0]!].map(show).join(' → ')}`);
}

if (problems.length > 0) {
  process.stderr.write(`check-layers: ${problems.length} violation(s)\n${problems.map((p) => `  ${p}\n`).join('')}`);
  process.exit(1);
}
process.stdout.write(`check-layers: ${files.length} files under src/, layers and import directions hold\n`);
