/**
 * A distribution as a Disnix distribution model (docs/compatibility.md §4.2): a function of the
 * infrastructure that `disnix-env` and `dyplan convert -d` read. Unlike dydisnix's stylesheet (bug
 * 24) it keeps containers (`{ targets = [ { target = ...; container = ...; } ]; }`) and quotes every
 * service and target name that is not a plain Nix identifier.
 */
import { sortedKeys } from './compare.js';
import type { DistributionModel } from './types.js';

const KEYWORDS = new Set(['assert', 'else', 'if', 'in', 'inherit', 'let', 'or', 'rec', 'then', 'with']);

function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t').replace(/\$\{/g, '\\${')}"`;
}

/** An attribute name as Nix reads it: bare when it is an identifier, quoted otherwise. */
export function nixAttributeName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_'-]*$/.test(name) && !KEYWORDS.has(name) ? name : quote(name);
}

export function toDisnixDistribution(distribution: DistributionModel): string {
  const out: string[] = ['{infrastructure}:\n\n{\n'];
  // A few dozen targets for 100,000s of mappings: each written once.
  const targets = new Map<string, string>();
  const target = (name: string) => {
    let text = targets.get(name);
    if (text === undefined) targets.set(name, (text = `infrastructure.${nixAttributeName(name)}`));
    return text;
  };
  for (const service of sortedKeys(distribution)) {
    const mappings = distribution[service];
    const key = nixAttributeName(service);
    if (mappings.some((m) => m.container !== undefined)) {
      out.push(`  ${key} = {\n    targets = [\n`);
      for (const m of mappings) {
        const container = m.container === undefined ? '' : ` container = ${quote(m.container)};`;
        out.push(`      { target = ${target(m.target)};${container} }\n`);
      }
      out.push('    ];\n  };\n');
    } else if (mappings.length === 0) out.push(`  ${key} = [ ];\n`);
    else {
      out.push(`  ${key} = [\n`);
      for (const m of mappings) out.push(`    ${target(m.target)}\n`);
      out.push('  ];\n');
    }
  }
  out.push('}\n');
  return out.join('');
}
