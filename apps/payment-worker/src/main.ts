// One composition root for every process (back-office-api's main); this entry point runs only the worker role
// unless PROCESS_ROLES says otherwise.
process.env.PROCESS_ROLES ||= 'worker';
await import(new URL('../../back-office-api/dist/main.js', import.meta.url).href);
