/**
 * Issue 16 (OpenAPI for integrators): the served document passes Spectral's default OpenAPI ruleset (`spectral:oas`,
 * what `spectral lint` applies with `extends: spectral:oas`) without an error or a warning — security schemes
 * declared, an operation id, a description and declared tags on every operation, no unused component — and the
 * declared security is the server's: an operation without credentials answers 401, a public one does not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import spectralCore from '@stoplight/spectral-core';
import { oas } from '@stoplight/spectral-rulesets';
import { build } from '../src/app.js';
import { operationIdOf } from '../src/openapi.js';
import { authedInject } from '../src/testing.js';
import { tempDir } from './helpers.js';

const { Spectral } = spectralCore;

interface Op { operationId?: string; description?: string; tags?: string[]; security?: unknown[] }

describe('the OpenAPI document for integrators', () => {
  let app: FastifyInstance;
  let doc: { paths: Record<string, Record<string, Op>>; tags: Array<{ name: string; description?: string }>; components: { securitySchemes: Record<string, unknown> }; security: unknown[] };
  let text: string;

  beforeAll(async () => {
    app = await build({ config: { dataDir: tempDir(), httpPort: 0, mqttPort: 0 }, logger: false });
    const r = await (await authedInject(app))('/api/openapi.json');
    expect(r.statusCode).toBe(200);
    text = r.body;
    doc = JSON.parse(text);
  });
  afterAll(async () => { await app?.close(); });

  it('passes spectral:oas without an error or a warning', async () => {
    const spectral = new Spectral();
    spectral.setRuleset({ extends: [[oas as never, 'recommended']] } as never);
    const results = await spectral.run(text); // parsed as YAML, of which JSON is a subset
    const problems = results.filter((x) => x.severity <= 1).map((x) => `${x.severity === 0 ? 'error' : 'warning'} ${String(x.code)} ${x.path.join('.')}: ${x.message}`);
    expect(problems).toEqual([]);
  });

  it('declares the two ways in, and every operation has a unique id, a description and declared tags', () => {
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['apiToken', 'session']);
    expect(doc.security).toEqual([{ apiToken: [] }, { session: [] }]);
    const ops = Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op })));
    expect(ops.length).toBeGreaterThan(90);
    const ids = ops.map((o) => o.op.operationId);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    const declared = new Set(doc.tags.map((t) => t.name));
    for (const { path, method, op } of ops) {
      expect(op.description, `${method} ${path}`).toBeTruthy();
      for (const t of op.tags ?? []) expect(declared.has(t), `${method} ${path} tag ${t}`).toBe(true);
    }
    expect(doc.tags.every((t) => t.description && t.description !== t.name)).toBe(true);
    expect(operationIdOf('GET', '/api/tenants/:tenant/devices/:deviceId')).toBe('getDevicesByDeviceId');
    expect(operationIdOf('POST', '/api/auth/login')).toBe('postAuthLogin');
  });

  it('says which operations are public, and the server agrees', async () => {
    const login = doc.paths['/api/auth/login']?.post;
    expect(login?.security).toEqual([]);
    // Without credentials: the public one answers for itself (wrong password), an authenticated one refuses the call.
    const anonymousLogin = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'nobody@example.org', password: 'wrong password here' } });
    expect(anonymousLogin.json().code).toBe('SL_BAD_CREDENTIALS');
    expect((await app.inject({ method: 'GET', url: '/api/tenants/x/devices' })).json().code).toBe('SL_UNAUTHENTICATED');
    const publicOps = Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).filter(([, op]) => Array.isArray(op.security) && op.security.length === 0).map(([m]) => `${m.toUpperCase()} ${path}`));
    expect(publicOps).toEqual(['POST /api/auth/login']);
  });
});
