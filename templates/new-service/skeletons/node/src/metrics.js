'use strict';

// Prometheus text exposition for the series the alert rules and the
// dashboard use, kept dependency-free so the service installs in seconds.
// The names are the same in every runtime of the golden path.

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

function labelText(labels) {
  const pairs = Object.entries(labels).map(
    ([name, value]) => `${name}="${String(value).replace(/["\\\n]/g, '\\$&')}"`,
  );
  return pairs.length ? `{${pairs.join(',')}}` : '';
}

/** A histogram with one series per label combination. */
function createHistogram(name, help) {
  const series = new Map();
  return {
    observe(labels, seconds) {
      const key = JSON.stringify(labels);
      const h = series.get(key) ?? {
        labels,
        counts: BUCKETS.map(() => 0),
        sum: 0,
        count: 0,
      };
      BUCKETS.forEach((bound, i) => {
        if (seconds <= bound) h.counts[i] += 1;
      });
      h.sum += seconds;
      h.count += 1;
      series.set(key, h);
    },
    render(lines) {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} histogram`);
      for (const h of series.values()) {
        BUCKETS.forEach((bound, i) => {
          lines.push(
            `${name}_bucket${labelText({ ...h.labels, le: bound })} ${h.counts[i]}`,
          );
        });
        lines.push(
          `${name}_bucket${labelText({ ...h.labels, le: '+Inf' })} ${h.count}`,
          `${name}_sum${labelText(h.labels)} ${h.sum}`,
          `${name}_count${labelText(h.labels)} ${h.count}`,
        );
      }
    },
  };
}

function createMetrics() {
  const requests = new Map();
  const durations = createHistogram(
    'http_request_duration_seconds',
    'Time to answer HTTP requests.',
  );
  const collectors = [];
  const started = Date.now();

  return {
    /** Counts one answered request and its duration in seconds. */
    observe({ method, route, status }, seconds) {
      const key = JSON.stringify([method, route, String(status)]);
      requests.set(key, (requests.get(key) ?? 0) + 1);
      durations.observe({ method, route }, seconds);
    },

    createHistogram,

    /** Adds series rendered by someone else, such as the database pool. */
    register(collector) {
      collectors.push(collector);
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
      durations.render(lines);
      for (const collector of collectors) collector.render(lines);
      const memory = process.memoryUsage();
      lines.push(
        '# HELP process_start_time_seconds Start time of the process since the Unix epoch.',
        '# TYPE process_start_time_seconds gauge',
        `process_start_time_seconds ${started / 1000}`,
        '# HELP process_resident_memory_bytes Resident memory size in bytes.',
        '# TYPE process_resident_memory_bytes gauge',
        `process_resident_memory_bytes ${memory.rss}`,
      );
      return `${lines.join('\n')}\n`;
    },
  };
}

module.exports = { createMetrics };
