'use strict';

const { createApp } = require('./app');

const port = Number(process.env.PORT ?? ${{ values.port }});
const app = createApp();

app.server.listen(port, () => {
  app.setReady(true);
  console.log(JSON.stringify({ level: 'info', message: 'listening', port }));
});

// Kubernetes sends SIGTERM before stopping the pod: stop taking new traffic
// (readiness fails), finish what is in flight, then exit.
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    app.setReady(false);
    app.server.close(() => process.exit(0));
    setTimeout(() => process.exit(1), 10_000).unref();
  });
}
