// The runtime import graph is acyclic, so each module can be read (and loaded) after the ones it
// uses. Two levels: no file-level cycle anywhere (type-only imports excepted: they vanish at
// runtime), and no cycle between renderer folders (a feature folder never reaches back into one that
// uses it; renderer/app, the shell, is imported by nobody). shared/engine and shared/kinds call into
// each other by design (the engine dispatches to kinds, kinds drive the engine's scheduler), but
// never file to file in a circle.
// eslint-disable-next-line no-restricted-imports -- the test (not the core) reads the sources
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../', import.meta.url).pathname;
const SOURCE = /\.tsx?$/;

function sourceFiles(): string[] {
  return ['shared', 'renderer', 'electron'].flatMap((folder) =>
    readdirSync(`${root}${folder}`, { recursive: true, encoding: 'utf8' })
      .filter((file) => SOURCE.test(file) && !/\.test\.tsx?$/.test(file) && !/\.d\.ts$/.test(file))
      .map((file) => `${folder}/${file}`),
  );
}

// `import x from './a'`, `import './a'`, `export { x } from './a'`; not `import type` / `export type`.
const IMPORT = /^\s*(import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"](\.{1,2}\/[^'"]+)['"]/gm;

function resolveImport(from: string, specifier: string): string | null {
  const parts = from.split('/').slice(0, -1);
  for (const part of specifier.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.') parts.push(part);
  }
  const base = parts.join('/');
  return (
    [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`].find((path) => existsSync(`${root}${path}`)) ?? null
  );
}

export function importGraph(files: readonly string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(`${root}${file}`, 'utf8');
    const targets = [...text.matchAll(IMPORT)]
      .map((match) => resolveImport(file, match[2]))
      .filter((target): target is string => target !== null);
    graph.set(file, targets);
  }
  return graph;
}

/** Every cycle's members (strongly connected components larger than one), by Tarjan's algorithm. */
export function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    order.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!order.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, order.get(w)!));
    }
    if (low.get(v) === order.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!order.has(v)) visit(v);
  return found;
}

/** renderer/<folder> for a renderer file (a top-level file is its own node), else null. */
const rendererFolder = (file: string): string | null =>
  file.startsWith('renderer/') ? file.split('/').slice(0, 2).join('/').replace(SOURCE, '') : null;

describe('the runtime import graph', () => {
  const graph = importGraph(sourceFiles());

  it('finds a cycle when there is one, and reads the imports (the check itself works)', () => {
    expect(
      cycles(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', ['a']],
          ['d', ['a']],
        ]),
      ),
    ).toEqual([['a', 'b', 'c']]);
    expect(
      cycles(
        new Map([
          ['a', ['b']],
          ['b', []],
        ]),
      ),
    ).toEqual([]);
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('shared/engine/index.ts')).toContain('shared/engine/simulation.ts');
  });

  it('has no cycle between files', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('has no cycle between renderer folders (canvas, store, run, worker, dock, panels, files, ui, app…)', () => {
    const folders = new Map<string, Set<string>>();
    for (const [file, targets] of graph) {
      const from = rendererFolder(file);
      if (!from) continue;
      for (const target of targets) {
        const to = rendererFolder(target);
        if (!to || to === from) continue;
        if (!folders.has(from)) folders.set(from, new Set());
        folders.get(from)!.add(to);
      }
    }
    const folderGraph = new Map([...folders].map(([from, to]) => [from, [...to]]));
    expect(cycles(folderGraph)).toEqual([]);
    // The shell mounts features; no feature reaches back into it (only the entry, main.tsx, loads it).
    const intoShell = [...folders].filter(([, to]) => to.has('renderer/app')).map(([from]) => from);
    expect(intoShell).toEqual(['renderer/main']);
  });
});
