'use strict';

// Exports a request counter and nothing else.
const http = require('node:http');

let requests = 0;
http
  .createServer((req, res) => {
    requests += 1;
    if (req.url === '/metrics') {
      res.end(
        `# TYPE http_requests_total counter\nhttp_requests_total{status="200"} ${requests}\n`,
      );
    } else {
      res.end('ok');
    }
  })
  .listen(Number(process.env.PORT));
