#!/usr/bin/env node
// @ts-check
// A tiny dependency-free static file server (GET/HEAD only, no directory listings).
// CLI:    node scripts/serve.mjs [DIR=dist] [PORT=8080]   (HOST env, default 127.0.0.1)
// Module: import { startServer } from './serve.mjs'; const s = await startServer({ root, port: 0 });
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** @type {Record<string, string>} */
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/**
 * @typedef {{ server: import('node:http').Server, port: number, url: string, close: () => Promise<void> }} RunningServer
 */
/**
 * @param {{ root?: string, port?: number, host?: string, log?: boolean }} [opts]
 * @returns {Promise<RunningServer>}
 */
export function startServer({ root = 'dist', port = 8080, host = '127.0.0.1', log = false } = {}) {
  const base = resolve(root);
  const server = createServer((req, res) => {
    /** @param {number} status @param {string} body */
    const send = (status, body) => {
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed\n');
    let path;
    try {
      path = decodeURIComponent(new URL(req.url || '/', 'http://x').pathname);
    } catch {
      return send(400, 'bad request\n');
    }
    if (path.endsWith('/')) path += 'index.html';
    const file = resolve(join(base, path));
    if (file !== base && !file.startsWith(base + sep)) return send(403, 'forbidden\n');
    let st;
    try {
      st = statSync(file);
    } catch {
      if (log) console.log(`404 ${req.method} ${req.url}`);
      return send(404, 'not found\n');
    }
    if (st.isDirectory()) {
      res.writeHead(301, { Location: (req.url || '/').replace(/\/?(\?.*)?$/, '/$1') });
      return res.end();
    }
    if (log) console.log(`200 ${req.method} ${req.url}`);
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file).toLowerCase()] || 'application/octet-stream',
      'Content-Length': st.size,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).pipe(res);
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: actual } = /** @type {import('node:net').AddressInfo} */ (server.address());
      resolvePromise({
        server,
        port: actual,
        url: `http://${host.includes(':') ? `[${host}]` : host}:${actual}/`,
        close: () => new Promise(/** @param {(v?: void) => void} r */ (r) => { server.closeAllConnections?.(); server.close(() => r()); }),
      });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir = 'dist', portArg] = process.argv.slice(2);
  const port = Number(portArg || process.env.PORT || 8080);
  const host = process.env.HOST || '127.0.0.1';
  startServer({ root: dir, port, host, log: true }).then(({ port: p }) => {
    const shown = host === '127.0.0.1' || host === '0.0.0.0' || host === '::' ? 'localhost' : host;
    console.log(`budgetlint page: http://${shown}:${p}/  (serving ${resolve(dir)}; Ctrl+C to stop)`);
  }, (err) => {
    console.error(`serve: cannot listen on ${host}:${port}: ${err.message}`);
    process.exit(1);
  });
}
