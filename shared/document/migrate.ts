// Older documents are migrated forward on open, one version at a time, before validation. Each
// step takes a plain JSON object of version N and returns one of version N+1; the schema only ever
// sees the current version. To change the format: bump DESIGN_VERSION in ./types.ts, add the step
// here, add a fixture of the old version under ./fixtures and a test that it opens.
import { DESIGN_FORMAT, DESIGN_VERSION } from './types';

type Json = Record<string, unknown>;
type Migration = (document: Json) => Json;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/**
 * Version 0 (the pre-release format): the title at the top level, nodes with `type`, `name`,
 * `position: {x, y}` and `config`; connections in `links` with `source`/`target`/`config`; no notes
 * and no SLO; the scenario called `run` with `seconds`.
 */
function fromVersion0(document: Json): Json {
  const { title, nodes, links, run, ...rest } = document;
  const scenario = isObject(run)
    ? {
        durationS: run.seconds,
        seed: run.seed,
        warmupS: run.warmupSeconds ?? 0,
        events: list(run.events),
      }
    : undefined;
  return {
    ...rest,
    format: DESIGN_FORMAT,
    version: 1,
    meta: { title: typeof title === 'string' ? title : 'Untitled design', notes: '' },
    nodes: list(nodes).map((node) => {
      if (!isObject(node)) return node;
      const { type, name, position, config, ...other } = node;
      const at = isObject(position) ? position : {};
      return { ...other, kind: type, label: name, x: at.x, y: at.y, params: config ?? {} };
    }),
    edges: list(links).map((link) => {
      if (!isObject(link)) return link;
      const { source, target, config, ...other } = link;
      return { ...other, from: source, to: target, params: config ?? {} };
    }),
    notes: [],
    ...(scenario ? { scenario } : {}),
  };
}

/** MIGRATIONS[n] turns a version-n document into version n+1. */
export const MIGRATIONS: Record<number, Migration> = { 0: fromVersion0 };

export type MigrationResult =
  { ok: true; document: Json; migratedFrom: number | null } | { ok: false; problem: string };

/** Brings a parsed document to the current version, or says why it cannot be read. */
export function migrateDesign(input: unknown): MigrationResult {
  if (!isObject(input))
    return { ok: false, problem: 'not a Backpressure design: the file is not a JSON object' };
  if (input.format !== DESIGN_FORMAT)
    return {
      ok: false,
      problem: `not a Backpressure design: format must be "${DESIGN_FORMAT}" (got ${
        input.format === undefined ? 'nothing' : JSON.stringify(input.format)
      })`,
    };
  const version = input.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0)
    return { ok: false, problem: `version: must be a whole number (got ${JSON.stringify(version ?? null)})` };
  if (version > DESIGN_VERSION)
    return {
      ok: false,
      problem: `This design was made by a newer version of Backpressure (file version ${version}; this app reads up to version ${DESIGN_VERSION}). Update Backpressure to open it.`,
    };
  let document: Json = input;
  for (let from = version; from < DESIGN_VERSION; from++) {
    const step = MIGRATIONS[from];
    if (!step) return { ok: false, problem: `version ${from} files can no longer be opened` };
    document = step(document);
  }
  return { ok: true, document, migratedFrom: version === DESIGN_VERSION ? null : version };
}
