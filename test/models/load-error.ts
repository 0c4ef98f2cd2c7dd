/** What `loadModels` rejects with, checked to be one ModelError of one line. */
import { expect } from 'vitest';
import { ModelError } from '../../models/errors.js';
import { loadModels, type LoadOptions, type ModelFiles } from '../../models/load.js';

export async function loadError(files: ModelFiles, options?: LoadOptions): Promise<string> {
  const error: unknown = await loadModels(files, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'loadModels should have failed').toBeInstanceOf(ModelError);
  const { message } = error as ModelError;
  expect(message).not.toContain('\n');
  return message;
}
