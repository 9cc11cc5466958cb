// A static file server on 127.0.0.1 that hosts the site under a subpath, the way the city
// will, with a strict Content-Security-Policy whose violation reports are collected.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.webmanifest': 'application/manifest+json',
};

export const REPORT_PATH = '/__csp-report';

/** Serves `dir` at http://127.0.0.1:<port><prefix>; resolves to { url, reports, close }. */
export function serve(dir, prefix, port = 0) {
  const reports = [];
  const csp = `default-src 'self'; report-uri ${REPORT_PATH}`;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (url.pathname === REPORT_PATH && req.method === 'POST') {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        try {
          reports.push(JSON.parse(body)['csp-report'] ?? JSON.parse(body));
        } catch {
          reports.push({ raw: body });
        }
        res.writeHead(204).end();
      });
      return;
    }
    const send = (status, file) => {
      const type = MIME[path.extname(file).toLowerCase()];
      // An unknown type would be served as something a browser must guess; make it a failure.
      if (!type) return res.writeHead(415, { 'Content-Type': 'text/plain' }).end(`no MIME type for ${file}`);
      res.writeHead(status, {
        'Content-Type': type,
        'Content-Security-Policy': csp,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
      });
      if (req.method === 'HEAD') return res.end();
      fs.createReadStream(file).pipe(res);
    };
    let rel;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      return res.writeHead(400).end();
    }
    if (!rel.startsWith(prefix)) return res.writeHead(404, { 'Content-Type': 'text/plain' }).end('outside the site');
    rel = rel.slice(prefix.length);
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = path.resolve(dir, rel);
    if (!file.startsWith(path.resolve(dir) + path.sep)) return res.writeHead(403).end();
    fs.stat(file, (err, st) => {
      if (!err && st.isFile()) return send(200, file);
      // As a server would be configured: English 404 page for addresses under en/.
      const en = path.join(dir, 'en', '404.html');
      const notFound = rel.startsWith('en/') && fs.existsSync(en) ? en : path.join(dir, '404.html');
      if (fs.existsSync(notFound)) return send(404, notFound);
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    });
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const bound = server.address().port;
      resolve({
        url: `http://127.0.0.1:${bound}${prefix}`,
        port: bound,
        reports,
        close: () => new Promise((r) => server.close(r)),
      });
    });
  });
}

/** Reserves a free port now so the site can be built with its final address. */
export function freePort() {
  return new Promise((resolve) => {
    const s = http.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}
