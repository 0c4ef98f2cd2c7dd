import { describe, expect, it } from 'vitest';
import { infrastructureDot } from '../../../src/dot/infrastructure.js';
import { visualizeInfrastructure } from '../../helpers/visualize-models.js';

describe('infrastructureDot (docs/compatibility.md §8.3)', () => {
  it('matches the reference output for tests/visualize/infrastructure.nix', () => {
    // Differences from docs/compatibility.md §8.3, all syntax-only: subgraph IDs are quoted (bug 18) and every
    // attribute statement ends with `;` (the original mixed `style=filled;` and `label="x"`).
    expect(infrastructureDot(visualizeInfrastructure)).toBe(`digraph G {
subgraph "cluster_target_test1" {
style=filled;
label="test1";
fillcolor=grey;
subgraph "cluster_container_test1" {
style=filled;
label="containers";
fillcolor=grey40;
node [shape=record,style=filled,color=black,fillcolor=white];
"test1:" [ label = "(no defined containers)" ]
}
}
subgraph "cluster_target_test2" {
style=filled;
label="test2";
fillcolor=grey;
subgraph "cluster_container_test2" {
style=filled;
label="containers";
fillcolor=grey40;
node [shape=record,style=filled,color=black,fillcolor=white];
"test2:mysql-database" [ label = "mysql-database" ]
"test2:process" [ label = "process" ]
"test2:tomcat-webapplication" [ label = "tomcat-webapplication" ]
"test2:wrapper" [ label = "wrapper" ]
}
}
}
`);
  });

  it('the quirk-for-quirk normalisation of the original text gives the same output', () => {
    // The dydisnix text verbatim, then only quoting and terminators normalised.
    const original = `digraph G {
subgraph cluster_target_test1 {
style=filled;
label="test1"
fillcolor=grey
subgraph cluster_container_test1 {
style=filled;
label="containers"
fillcolor=grey40
node [shape=record,style=filled,color=black,fillcolor=white]
"test1:" [ label = "(no defined containers)" ]
}
}
}
`;
    const normalised = original
      .replace(/subgraph (\S+) \{/g, 'subgraph "$1" {')
      .replace(/^(label="[^"]*"|fillcolor=\w+|node \[[^\]]*\])$/gm, '$1;');
    expect(infrastructureDot({ test1: visualizeInfrastructure.test1 })).toBe(normalised);
  });

  it('an empty infrastructure is an empty graph', () => {
    expect(infrastructureDot({})).toBe('digraph G {\n}\n');
  });
});
