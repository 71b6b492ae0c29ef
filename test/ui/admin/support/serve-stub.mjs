// Serves the built admin page with the stub bridge injected before the bundle:
// `node test/ui/admin/support/serve-stub.mjs [port]`. Development aid only.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../../../../static/admin/build');
const stub = resolve(import.meta.dirname, 'stub-bridge.js');
const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };

const server = createServer(async (request, response) => {
  const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
  try {
    if (path === '/stub-bridge.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(await readFile(stub));
      return;
    }
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root)) throw new Error('outside');
    let body = await readFile(file);
    if (file.endsWith('index.html')) body = Buffer.from(body.toString().replace('<head>', '<head><script src="/stub-bridge.js"></script>'));
    response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body);
  } catch {
    response.writeHead(404).end('not found');
  }
});
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => console.log(`http://127.0.0.1:${server.address().port}/`));
