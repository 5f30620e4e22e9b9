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
