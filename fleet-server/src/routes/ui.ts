/**
 * Serves the web UI at `/` (issue 7): index.html, /ui/app.js, /ui/app.css. The UI routes itself with the URL
 * hash (#/t/<tenant>/map …), so the server needs no catch-all. Headers keep it self-contained: a strict
 * Content-Security-Policy (same origin only — no CDN, no inline script), no framing, no referrer.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { getUi } from '../ui-bundle.js';

const CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:",
  "connect-src 'self'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'",
].join('; ');

export function uiRoutes(opts: { uiDir?: string; tileUrl?: string }) {
  return async function routes(app: FastifyInstance): Promise<void> {
    const secure = (reply: FastifyReply): FastifyReply => reply
      .header('content-security-policy', opts.tileUrl ? CSP.replace("img-src 'self' data: blob:", `img-src 'self' data: blob: ${new URL(opts.tileUrl.replace(/\{[a-z]\}/g, '0')).origin}`) : CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('x-frame-options', 'DENY');

    app.get('/', { schema: { hide: true } }, async (_req, reply) => {
      const ui = await getUi(opts.uiDir);
      const cfg = JSON.stringify({ tileUrl: opts.tileUrl ?? null }).replace(/</g, '\\u003c');
      return secure(reply).type('text/html; charset=utf-8').header('cache-control', 'no-cache')
        .send(ui.html.replace('<meta name="sl-config" content="{}">', `<meta name="sl-config" content='${cfg.replace(/'/g, '&#39;')}'>`));
    });
    app.get('/ui/app.js', { schema: { hide: true } }, async (_req, reply) =>
      secure(reply).type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send((await getUi(opts.uiDir)).js));
    app.get('/ui/app.css', { schema: { hide: true } }, async (_req, reply) =>
      secure(reply).type('text/css; charset=utf-8').header('cache-control', 'no-cache').send((await getUi(opts.uiDir)).css));
  };
}
