/**
 * Work to undo when dyplan is interrupted (SIGINT, SIGTERM, SIGHUP): kill a running nix-instantiate
 * process group, remove temporary files and trees. One handler per signal is installed while there
 * is something to undo; it runs every cleanup synchronously, then re-raises the signal so dyplan
 * ends the way an interrupted program does (exit status 128 + signal number).
 */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

const cleanups = new Set<() => void>();

function handle(signal: NodeJS.Signals): void {
  const pending = [...cleanups];
  cleanups.clear();
  uninstall();
  for (const cleanup of pending) {
    try {
      cleanup();
    } catch {
      // Best effort: the other cleanups still run and the signal is still re-raised.
    }
  }
  process.kill(process.pid, signal);
}

let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  for (const signal of SIGNALS) process.on(signal, handle);
}

function uninstall(): void {
  if (!installed) return;
  installed = false;
  for (const signal of SIGNALS) process.off(signal, handle);
}

/**
 * Runs `cleanup` (synchronously) if dyplan is interrupted before the returned function is called;
 * calling the returned function forgets it.
 */
export function onInterrupt(cleanup: () => void): () => void {
  cleanups.add(cleanup);
  install();
  return () => {
    cleanups.delete(cleanup);
    if (cleanups.size === 0) uninstall();
  };
}
