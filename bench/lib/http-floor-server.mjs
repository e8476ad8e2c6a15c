// The HTTP floor's server (forked by http-floor.mjs): node:http with nothing of ours, appending each request's body
// as one event with the revision check, on the raw table with the store's durability (WAL, synchronous=FULL). The
// requests of one event-loop turn share a transaction and its sync (group commit, as the event store's writer does);
// each is answered after the commit. No validation, authentication, idempotency, encryption or projection.
import { createServer } from 'node:http';
import { openRaw } from './raw-sqlite.mjs';

const db = openRaw(process.argv[2]);
const last = db.prepare('SELECT max(revision) AS r FROM raw_events WHERE stream_id = ?');
const insert = db.prepare('INSERT INTO raw_events (stream_id, revision, data) VALUES (?, ?, ?)');
const commit = db.transaction((pending) => {
  for (const { streamId, data } of pending) {
    const r = last.get(streamId).r;
    insert.run(streamId, r === null ? 0 : r + 1, data);
  }
});

let pending = [];
function appendThen(streamId, data, answer) {
  pending.push({ streamId, data, answer });
  if (pending.length > 1) return;
  setImmediate(() => {
    const group = pending;
    pending = [];
    commit.immediate(group);
    for (const { answer } of group) answer();
  });
}

let enrolled = 0;
const server = createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    // POST /members creates a member; POST /members/:id/dependants appends to that member's stream.
    const memberId = request.url === '/members' ? `floor-${++enrolled}` : request.url.split('/')[2];
    appendThen(`member-${memberId}`, JSON.stringify({ type: request.url, data: body }), () => {
      const answer = JSON.stringify({ memberId });
      response.writeHead(201, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) });
      response.end(answer);
    });
  });
});
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
