// The HTTP floor's server (forked by http-floor.mjs): node:http with nothing of ours, appending each request's body
// as one event with the revision check, on the raw table with the store's durability (WAL, synchronous=FULL). The
// requests of one event-loop turn share a transaction and its sync (group commit, as the event store's writer does);
// each is answered after the commit. No validation, authentication, idempotency, encryption or projection.
import { createServer } from 'node:http';
import { openRaw, rawBatchAppender } from './raw-sqlite.mjs';

const appendAll = rawBatchAppender(openRaw(process.argv[2]));

let pending = [];
function appendThen(streamId, data, answer) {
  pending.push({ row: [streamId, data], answer });
  if (pending.length > 1) return;
  setImmediate(() => {
    const group = pending;
    pending = [];
    appendAll.immediate(group.map(({ row }) => row));
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
