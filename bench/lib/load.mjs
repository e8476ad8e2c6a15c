import { fork } from 'node:child_process';

/** Runs one autocannon workload in a forked process and resolves with its summary (see load-child.mjs). */
export function runLoad(options) {
  return new Promise((resolve, reject) => {
    const child = fork(new URL('./load-child.mjs', import.meta.url), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let summary;
    child.once('message', (message) => {
      summary = message;
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      summary ? resolve(summary) : reject(new Error(`load generator exited (${code}) without a result`)),
    );
    child.send(options);
  });
}
