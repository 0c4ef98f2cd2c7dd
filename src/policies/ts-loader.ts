/**
 * Node module hooks for TypeScript policies and catalogues (registered only for them): `.ts`,
 * and `.mts` files are type-stripped with the TypeScript compiler, and `./x.js` imports find
 * `./x.ts`, as TypeScript's own convention has it.
 */
import { readFile } from 'node:fs/promises';

interface ResolveContext {
  parentURL?: string;
}
type NextResolve = (specifier: string, context: ResolveContext) => Promise<{ url: string }>;
type NextLoad = (url: string, context: object) => Promise<{ format?: string; source?: unknown }>;

const TYPESCRIPT = /\.m?ts$/;

export async function resolve(specifier: string, context: ResolveContext, next: NextResolve) {
  try {
    return await next(specifier, context);
  } catch (error) {
    const relative = /^(\.{1,2}\/|\/|file:)/.test(specifier);
    if (
      relative &&
      specifier.endsWith('.js') &&
      context.parentURL &&
      TYPESCRIPT.test(new URL(context.parentURL).pathname)
    )
      return next(specifier.slice(0, -3) + '.ts', context);
    throw error;
  }
}

export async function load(url: string, context: object, next: NextLoad) {
  if (url.startsWith('file:') && TYPESCRIPT.test(new URL(url).pathname)) {
    const ts = (await import('typescript')).default;
    const source = await readFile(new URL(url), 'utf8');
    const output = ts.transpileModule(source, {
      fileName: new URL(url).pathname,
      // Inline source maps: positions in errors and step names are the .ts file's own.
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        inlineSourceMap: true,
        inlineSources: true,
      },
    });
    return { format: 'module', source: output.outputText, shortCircuit: true };
  }
  return next(url, context);
}
