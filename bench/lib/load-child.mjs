// The load generator, forked by the scenarios so it never shares a process (or an event loop) with what it measures.
// Receives { workload, url, token, ...options } over IPC, runs autocannon (or, with `openLoop`, requests at evenly
// spaced instants: open-loop.mjs), answers with a summary.
import autocannon from 'autocannon';
import { openLoop } from './open-loop.mjs';

/** Synthetic Individual Numbers with valid check digits (domain.md 1.2); never a real person's. */
function individualNumber(seed) {
  const base = String(seed).padStart(11, '0').slice(-11);
  let sum = 0;
  for (let i = 0; i < 11; i++) sum += Number(base[i]) * (i < 5 ? 6 - i : 12 - i);
  const r = sum % 11;
  return `${base}${r <= 1 ? 0 : 11 - r}`;
}

const SYMBOLS = 200;

/** Enrollment then dependant addition on every connection, so half the commands are each (issue 9.1). */
function commandRequests(options, problems) {
  let seed = options.seedBase;
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${options.token}` };
  const remember = (status, body) => {
    if (status >= 300 && problems.length < 5) problems.push(`${status} ${body.slice(0, 300)}`);
  };
  return [
    {
      method: 'POST',
      path: '/members',
      setupRequest(request, context) {
        seed += 1;
        context.seed = seed;
        return {
          ...request,
          headers: { ...headers, 'idempotency-key': `bench-enroll-${options.seedBase}-${seed}` },
          body: JSON.stringify({
            individualNumber: individualNumber(seed * 2),
            name: '試験 太郎',
            nameKana: 'シケン タロウ',
            dateOfBirth: '1985-04-12',
            sex: 'male',
            postalCode: '100-0001',
            address: '東京都千代田区千代田1-1',
            officeCode: `OF-${seed % SYMBOLS}`,
            symbol: String(2000 + (seed % SYMBOLS)),
            acquisitionDate: '2025-04-01',
            monthlyRemuneration: 300_000,
          }),
        };
      },
      onResponse(status, body, context) {
        remember(status, body);
        context.memberId = status === 201 ? JSON.parse(body).memberId : undefined;
      },
    },
    {
      method: 'POST',
      setupRequest(request, context) {
        if (!context.memberId) return null; // enrollment failed: start over with a new one
        return {
          ...request,
          path: `/members/${context.memberId}/dependants`,
          headers: { ...headers, 'idempotency-key': `bench-dependant-${options.seedBase}-${context.seed}` },
          body: JSON.stringify({
            relationship: 'spouse',
            individualNumber: individualNumber(context.seed * 2 + 1),
            name: '試験 花子',
            nameKana: 'シケン ハナコ',
            dateOfBirth: '1987-08-01',
            sex: 'female',
            recognizedFrom: '2025-04-01',
            expectedAnnualIncome: 500_000,
            sameHousehold: true,
            residence: { inJapan: true },
            disabled: false,
          }),
        };
      },
      onResponse: remember,
    },
  ];
}

/** GET /eligibility for persons drawn round-robin from the data set's sample. */
function eligibilityRequests(options, problems) {
  let i = 0;
  const headers = { authorization: `Bearer ${options.token}` };
  return [
    {
      method: 'GET',
      setupRequest(request) {
        const p = options.persons[i++ % options.persons.length];
        const query = new URLSearchParams({
          insurerNumber: options.insurerNumber,
          symbol: p.symbol,
          number: p.number,
          branch: p.branch,
          date: options.date,
        });
        return { ...request, path: `/eligibility?${query}`, headers };
      },
      onResponse(status, body) {
        if (status >= 300 && problems.length < 5) problems.push(`${status} ${body.slice(0, 300)}`);
      },
    },
  ];
}

/** The same workloads as single requests for the open-loop generator: each call gives the next request. */
function openLoopRequests(options, problems) {
  const remember = (status, body) => {
    if (status >= 300 && problems.length < 5) problems.push(`${status} ${body.slice(0, 300)}`);
  };
  const [first, second] =
    options.workload === 'commands' ? commandRequests(options, problems) : eligibilityRequests(options, problems);
  if (options.workload !== 'commands') {
    return () => {
      const request = first.setupRequest({ method: first.method, headers: {} }, {});
      return { ...request, onResponse: remember };
    };
  }
  // Enrollments, and dependant additions to the members they enrolled: about half each.
  const enrolled = [];
  return () => {
    const context = enrolled.shift();
    if (context) return { ...second.setupRequest({ method: second.method }, context), onResponse: remember };
    const fresh = {};
    return {
      ...first.setupRequest({ method: first.method, path: first.path }, fresh),
      onResponse(status, body) {
        first.onResponse(status, body, fresh);
        if (fresh.memberId) enrolled.push(fresh);
      },
    };
  };
}

process.once('message', async (options) => {
  const problems = [];
  if (options.openLoop) {
    const result = await openLoop({
      url: options.url,
      rate: options.overallRate,
      durationSeconds: options.durationSeconds,
      connections: options.connections,
      next: openLoopRequests(options, problems),
    });
    for (const [code, count] of Object.entries(result.errorCodes)) problems.push(`${count} × ${code}`);
    process.send({ ...result, problems }, () => process.exit(0));
    return;
  }
  const workload =
    options.workload === 'commands' ? commandRequests(options, problems) : eligibilityRequests(options, problems);
  // With `amount`, autocannon ends at its next one-second tick after the last answer, and its duration counts the
  // wait (a 3.0 s run reported as 4 s): the rate of a fixed amount is timed from the start to the last answer here.
  let lastAnswerAt = 0;
  const requests = workload.map((request) => ({
    ...request,
    onResponse(...answer) {
      lastAnswerAt = performance.now();
      request.onResponse?.(...answer);
    },
  }));
  const startedAt = performance.now();
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    ...(options.amount ? { amount: options.amount } : { duration: options.durationSeconds }),
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
    timeout: 30,
    requests,
  });
  const durationSeconds = options.amount && lastAnswerAt > 0 ? (lastAnswerAt - startedAt) / 1000 : result.duration;
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, Number(s.count)]),
  );
  const completed = Object.values(statusCodes).reduce((a, b) => a + b, 0);
  process.send(
    {
      completed,
      ok: completed - result.non2xx,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      durationSeconds,
      perSecond: completed / durationSeconds,
      latency: {
        p50: result.latency.p50,
        p99: result.latency.p99,
        max: result.latency.max,
        mean: result.latency.average,
      },
      statusCodes,
      problems,
    },
    () => process.exit(0),
  );
});
