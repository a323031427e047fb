import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { MODEL_MANIFEST_FORMAT, parseModelManifest, type ModelManifest } from '@voxa/core';

/** A model id: the manifest's file name without `.json` (e.g. `model5_gw_ae.niivue-onnx`). */
export const MODEL_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** One valid manifest found in the models folder. */
export interface ModelEntry {
  id: string;
  /** The manifest, relative to the models folder, with forward slashes. */
  manifestFile: string;
  /** Absolute path of the manifest (the model file is resolved against its folder). */
  manifestPath: string;
  manifest: ModelManifest;
  /** The manifest's JSON as written (what GET …/manifest sends, `file` aside). */
  json: Record<string, unknown>;
}

/** A file that says it is a Voxa model manifest but cannot be used, and why. */
export interface InvalidModelManifest {
  manifestFile: string;
  message: string;
}

/** What a scan of the models folder found. */
export interface ModelDirectory {
  models: ModelEntry[];
  invalid: InvalidModelManifest[];
}

/** Options of {@link scanModelManifests}. */
export interface ScanModelManifestsOptions {
  /** Sub-folder levels searched below the models folder. */
  maxDepth?: number;
  /** Larger .json files are skipped (manifests are a few kB). */
  maxManifestBytes?: number;
  /** At most this many .json files are read. */
  maxFiles?: number;
}

/** Defaults of {@link ScanModelManifestsOptions}. */
export const SCAN_MODEL_MANIFESTS_DEFAULTS = { maxDepth: 3, maxManifestBytes: 1 << 20, maxFiles: 1000 } as const;

/**
 * Find the model manifests in a folder (and its sub-folders): every `.json` file whose `format`
 * is "voxa-model", validated by core's `parseModelManifest`. Other JSON files (label tables) are
 * ignored; a manifest that fails validation, or whose id is not a valid id or is taken by an
 * earlier file (in path order), is listed in `invalid` with the reason. A folder that does not
 * exist has no models. Symbolic links to folders are not followed.
 *
 * @example const { models } = await scanModelManifests('models'); // models[0].id === 'model30_3class'
 */
export async function scanModelManifests(dir: string | undefined, options: ScanModelManifestsOptions = {}): Promise<ModelDirectory> {
  const o = { ...SCAN_MODEL_MANIFESTS_DEFAULTS, ...options };
  const out: ModelDirectory = { models: [], invalid: [] };
  if (!dir) return out;
  const files = (await jsonFiles(dir, o.maxDepth)).sort().slice(0, o.maxFiles);
  const taken = new Map<string, string>();
  for (const path of files) {
    const manifestFile = relative(dir, path).split(sep).join('/');
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile() || info.size > o.maxManifestBytes) continue;
    let json: unknown;
    try {
      json = JSON.parse(await readFile(path, 'utf8'));
    } catch {
      continue; // not JSON: not a manifest
    }
    if ((json as { format?: unknown } | null)?.format !== MODEL_MANIFEST_FORMAT) continue;
    const id = basename(path).slice(0, -'.json'.length);
    const invalid = (message: string) => out.invalid.push({ manifestFile, message });
    if (!MODEL_ID_PATTERN.test(id)) {
      invalid(`the file name gives the id "${id}", which is not a valid model id (${MODEL_ID_PATTERN.source})`);
      continue;
    }
    if (taken.has(id)) {
      invalid(`the id "${id}" is already taken by ${taken.get(id)}; rename one of the files`);
      continue;
    }
    try {
      out.models.push({ id, manifestFile, manifestPath: path, manifest: parseModelManifest(json, manifestFile), json: json as Record<string, unknown> });
      taken.set(id, manifestFile);
    } catch (e) {
      invalid((e as Error).message);
    }
  }
  return out;
}

/** Every .json file under `dir`, at most `depth` folder levels down; a missing folder has none. */
async function jsonFiles(dir: string, depth: number): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const found: string[] = [];
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory() && depth > 0) found.push(...(await jsonFiles(path, depth - 1)));
    else if ((e.isFile() || e.isSymbolicLink()) && e.name.toLowerCase().endsWith('.json')) found.push(path);
  }
  return found;
}
