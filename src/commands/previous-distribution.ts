/**
 * `dyplan previous-distribution MANIFEST` (docs/compatibility.md §5.8, §1.10): the distribution a
 * Disnix manifest or coordinator profile deployed, as a candidate distribution. Also where
 * gendist finds its previous distribution (`--previous-distribution`, `-p`,
 * `--coordinator-profile-path`).
 */
import { existsSync, statSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { loadModels } from '../../models/load.js';
import { diagnostics } from '../diagnostics.js';
import { emitDistribution } from './planning.js';
import { loadOptionsOf, withOutputOptions, type ActionRunner, type OutputOptions } from './options.js';

export interface PreviousSource {
  /** The file to read: a distribution model, or a manifest (a coordinator profile resolved). */
  file: string;
  /** Said on standard error when the file was found, not given. */
  note?: string;
}

function defaultProfilePath(): string {
  let user = process.env.USER ?? '';
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry: keep $USER.
  }
  return `/nix/var/nix/profiles/per-user/${user}/disnix-coordinator`;
}

/**
 * A coordinator profile is a symlink (chain) to the manifest in the Nix store; a profiles folder
 * holds one per profile name. Anything else is read as it is.
 */
export async function resolveManifest(path: string, profile = 'default'): Promise<string> {
  if (!existsSync(path)) return path;
  let target = statSync(path).isDirectory() && existsSync(join(path, profile)) ? join(path, profile) : path;
  target = await realpath(target);
  if (statSync(target).isDirectory() && existsSync(join(target, 'manifest.xml')))
    target = join(target, 'manifest.xml');
  return target === (await realpath(path).catch(() => path)) ? path : target;
}

export async function previousDistributionSource(
  options: { previousDistribution?: string; profile?: string; coordinatorProfilePath?: string },
  { implicit }: { implicit: boolean },
): Promise<PreviousSource | undefined> {
  if (options.previousDistribution)
    return { file: await resolveManifest(options.previousDistribution, options.profile) };
  if (!implicit && !options.coordinatorProfilePath) return undefined;
  // As dydisnix: the coordinator profile, when there is one, is the previous deployment.
  const profile = join(options.coordinatorProfilePath ?? defaultProfilePath(), options.profile ?? 'default');
  if (!existsSync(profile) || !statSync(profile).isFile()) {
    if (options.coordinatorProfilePath)
      diagnostics.warning(`no coordinator profile ${profile}: no previous distribution`);
    return undefined;
  }
  return {
    file: await realpath(profile),
    note: `previous distribution from the coordinator profile ${profile}`,
  };
}

export function registerPreviousDistribution(program: Command, run: ActionRunner): void {
  withOutputOptions(
    program
      .command('previous-distribution')
      .description('print the distribution a Disnix manifest or coordinator profile deployed')
      .argument('<manifest>', 'a Disnix manifest, a coordinator profile, or a folder of profiles')
      .option('-p, --profile <name>', 'profile name inside a folder of coordinator profiles', 'default'),
  ).action((manifest: string, options: OutputOptions & { profile: string }) =>
    run(async () => {
      const file = await resolveManifest(manifest, options.profile);
      const { previousDistribution } = await loadModels({ previousDistribution: file }, loadOptionsOf({}));
      await emitDistribution(previousDistribution, options);
    }),
  );
}
