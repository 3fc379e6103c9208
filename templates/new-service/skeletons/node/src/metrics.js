'use strict';

// Prometheus text exposition for the few series the alert rules use, kept
// dependency-free so the service installs in seconds.

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

function labelText(labels) {
  const pairs = Object.entries(labels).map(
    ([name, value]) => `${name}="${String(value).replace(/["\\\n]/g, '\\$&')}"`,
  );
  return pairs.length ? `{${pairs.join(',')}}` : '';
}

function createMetrics() {
  const requests = new Map();
  const durations = new Map();
  const started = Date.now();

  return {
    /** Counts one answered request and its duration in seconds. */
    observe({ method, route, status }, seconds) {
      const key = JSON.stringify([method, route, String(status)]);
      requests.set(key, (requests.get(key) ?? 0) + 1);
      const durationKey = JSON.stringify([method, route]);
      const histogram = durations.get(durationKey) ?? {
        counts: BUCKETS.map(() => 0),
        sum: 0,
        count: 0,
      };
      BUCKETS.forEach((bound, i) => {
        if (seconds <= bound) histogram.counts[i] += 1;
      });
      histogram.sum += seconds;
      histogram.count += 1;
      durations.set(durationKey, histogram);
    },

    render() {
      const lines = [
        '# HELP http_requests_total HTTP requests answered, by method, route and status.',
        '# TYPE http_requests_total counter',
      ];
      for (const [key, value] of requests) {
        const [method, route, status] = JSON.parse(key);
        lines.push(
          `http_requests_total${labelText({ method, route, status })} ${value}`,
        );
      }
      lines.push(
        '# HELP http_request_duration_seconds Time to answer HTTP requests.',
        '# TYPE http_request_duration_seconds histogram',
      );
      for (const [key, h] of durations) {
        const [method, route] = JSON.parse(key);
        BUCKETS.forEach((bound, i) => {
          lines.push(
            `http_request_duration_seconds_bucket${labelText({ method, route, le: bound })} ${h.counts[i]}`,
          );
        });
        lines.push(
          `http_request_duration_seconds_bucket${labelText({ method, route, le: '+Inf' })} ${h.count}`,
          `http_request_duration_seconds_sum${labelText({ method, route })} ${h.sum}`,
          `http_request_duration_seconds_count${labelText({ method, route })} ${h.count}`,
        );
      }
      const memory = process.memoryUsage();
      lines.push(
        '# HELP process_uptime_seconds Seconds since the service started.',
        '# TYPE process_uptime_seconds gauge',
        `process_uptime_seconds ${(Date.now() - started) / 1000}`,
        '# HELP process_resident_memory_bytes Resident memory size in bytes.',
        '# TYPE process_resident_memory_bytes gauge',
        `process_resident_memory_bytes ${memory.rss}`,
      );
      return `${lines.join('\n')}\n`;
    },
  };
}

module.exports = { createMetrics };
