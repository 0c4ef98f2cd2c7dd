/**
 * runNix's line handler (models/nix-eval.ts): an evaluation that asks questions on standard error
 * and reads the answers from the standard input its builtins.exec programs inherit, as QoS
 * policies' algorithm filters do (src/policies/nix/gendist.nix).
 */
import { describe, expect } from 'vitest';
import { runNixInstantiate } from '../../models/nix-eval.js';
import { itNix } from '../helpers/cli.js';

const ASK = `q: builtins.trace "ask:\${q}" (builtins.exec [ "sh" "-c" "IFS= read -r a && printf '%s' \\"$a\\"" ])`;
const EXEC = ['--option', 'allow-unsafe-native-code-during-evaluation', 'true'];

describe('runNix with a line handler', () => {
  itNix('answers each question in order, one at a time; other lines pass by', async () => {
    const seen: string[] = [];
    const run = await runNixInstantiate(
      [
        ...EXEC,
        '--eval',
        '--strict',
        '--json',
        '-E',
        `let ask = ${ASK}; in builtins.trace "plain" [ (ask "a") (ask "b") (ask "a") ]`,
      ],
      'test',
      {
        onStderrLine: async (line) => {
          seen.push(line);
          const question = /^trace: ask:(.*)$/.exec(line)?.[1];
          if (question === undefined) return null;
          await new Promise((resolve) => setTimeout(resolve, 5));
          return `"${question}!"\n`;
        },
      },
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(['a!', 'b!', 'a!']);
    expect(seen).toEqual(['trace: plain', 'trace: ask:a', 'trace: ask:b', 'trace: ask:a']);
    expect(run.stderr).toContain('trace: ask:b');
  });

  itNix('a handler that throws stops the evaluation with its error', async () => {
    const run = runNixInstantiate(
      [...EXEC, '--eval', '--strict', '-E', `let ask = ${ASK}; in ask "x"`],
      'test',
      {
        onStderrLine: (line) => {
          if (line.startsWith('trace: ask:')) throw new Error('no answer to x');
          return null;
        },
      },
    );
    await expect(run).rejects.toThrow('no answer to x');
  });

  itNix('the time limit counts evaluation, not the time a handler takes', async () => {
    const run = await runNixInstantiate(
      [...EXEC, '--eval', '--strict', '-E', `let ask = ${ASK}; in ask "slow"`],
      'test',
      {
        timeoutSeconds: 3,
        onStderrLine: async (line) => {
          if (!line.startsWith('trace: ask:')) return null;
          await new Promise((resolve) => setTimeout(resolve, 3500));
          return '42\n';
        },
      },
    );
    expect(run.stdout.trim()).toBe('42');
  });
});
