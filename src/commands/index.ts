/** Every sub-command of `dyplan`; each module registers one. */
import type { Command } from 'commander';
import type { ActionRunner } from './options.js';
import { registerCompletion } from './completion.js';
import { registerConvert } from './convert.js';
import { registerIdAssign } from './id-assign.js';
import { registerDivide } from './divide.js';
import { registerGraphCol } from './graphcol.js';
import { registerMinSetCover } from './minsetcover.js';
import { registerMultiwayCut } from './multiwaycut.js';
import { registerPlace } from './place.js';
import { registerVisualize } from './visualize.js';
import { registerGendist } from './gendist.js';
import { registerAugmentInfra } from './augment-infra.js';
import { registerFilterBuildable } from './filter-buildable.js';
import { registerPreviousDistribution } from './previous-distribution.js';
import { registerView } from './view.js';

export function registerCommands(program: Command, run: ActionRunner): void {
  registerIdAssign(program, run);
  registerConvert(program, run);
  registerMultiwayCut(program, run);
  registerGraphCol(program, run);
  registerMinSetCover(program, run);
  registerDivide(program, run);
  registerPlace(program, run);
  registerVisualize(program, run);
  registerGendist(program, run);
  registerAugmentInfra(program, run);
  registerFilterBuildable(program, run);
  registerPreviousDistribution(program, run);
  // Last in --help: a utility, not a Disnix tool.
  registerCompletion(program, run);
  registerView(program, run);
}
