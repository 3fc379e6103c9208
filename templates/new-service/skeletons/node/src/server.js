'use strict';

const { createApp } = require('./app');
const { createMetrics } = require('./metrics');
{%- if values.database %}
const { createDatabase } = require('./database');
{%- endif %}

const port = Number(process.env.PORT ?? ${{ values.port }});
const metrics = createMetrics();
{%- if values.database %}
// DATABASE_URL comes from the ${{ values.name }}-env secret in Kubernetes.
const database = createDatabase(metrics, process.env.DATABASE_URL);
const app = createApp({ metrics, database });
{%- else %}
const app = createApp({ metrics });
{%- endif %}

app.server.listen(port, () => {
  app.setReady(true);
  console.log(JSON.stringify({ level: 'info', message: 'listening', port }));
});

// Kubernetes sends SIGTERM before stopping the pod: stop taking new traffic
// (readiness fails), finish what is in flight, then exit.
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    app.setReady(false);
    app.server.close(async () => {
{%- if values.database %}
      await database.end();
{%- endif %}
      process.exit(0);
    });
    setTimeout(() => process.exit(1), 10_000).unref();
  });
}
