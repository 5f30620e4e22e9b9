// The ceiling: a bare node:http server answering GET with a fixed JSON body (the size of a real tenant)
// and POST with an empty 200, doing no work at all.
import { createServer } from 'node:http';

const body = Buffer.from(process.env.BARE_BODY ?? '{}');
const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    if (request.method === 'GET') {
      response.writeHead(200, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': body.length,
      });
      response.end(body);
    } else {
      response.writeHead(200, { 'Content-Length': 0 });
      response.end();
    }
  });
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`listening ${server.address().port}\n`);
});
