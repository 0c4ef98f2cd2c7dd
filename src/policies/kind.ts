/** What a policy or catalogue file is, by its extension (a module of its own: gendist asks before loading the policies). */
import { extname } from 'node:path';

export type PolicyKind = 'nix' | 'steps' | 'module';

export function policyKindOf(file: string): PolicyKind {
  const ext = extname(file).toLowerCase();
  if (['.yaml', '.yml', '.json'].includes(ext)) return 'steps';
  if (['.js', '.mjs', '.cjs', '.ts', '.mts'].includes(ext)) return 'module';
  return 'nix';
}
