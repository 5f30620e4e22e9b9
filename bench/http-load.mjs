// Throughput and p99 latency of one endpoint under autocannon (loopback, keep-alive connections).
import autocannon from 'autocannon';

export async function load({ url, method = 'GET', headers = {}, body, seconds = 4, connections = 10 }) {
  const result = await autocannon({
    url,
    method,
    headers,
    body,
    duration: seconds,
    connections,
    pipelining: 1,
  });
  const bad = result.non2xx + result.errors + result.timeouts;
  if (bad > 0) throw new Error(`${method} ${url}: ${bad} failed requests of ${result.requests.total}`);
  return { rps: result.requests.average, p99: result.latency.p99, requests: result.requests.total };
}

/** The same load spread over several servers at once (one client concurrency in all), summed. */
export async function loadSpread(targets, { seconds = 4, connections = 10 } = {}) {
  const shares = targets.map(
    (_, i) => Math.floor(connections / targets.length) + (i < connections % targets.length ? 1 : 0),
  );
  const results = await Promise.all(targets.map((t, i) => load({ ...t, seconds, connections: shares[i] })));
  return {
    rps: results.reduce((sum, r) => sum + r.rps, 0),
    p99: Math.max(...results.map((r) => r.p99)),
    requests: results.reduce((sum, r) => sum + r.requests, 0),
  };
}
