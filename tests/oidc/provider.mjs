// A real OpenID Connect provider for the tests: panva's certified oidc-provider,
// configured for sign-in by the authorization code flow (PKCE when the client sends
// it), with in-memory users, dynamic client registration and a fault switch that
// spoils the ID tokens the token endpoint hands out (the app must refuse them).
//
// Run by tests/oidc_provider.py: node tests/oidc/provider.mjs with the environment
//   PORT, ISSUER (http://127.0.0.1:PORT), OIDC_NODE_MODULES (.tools/oidc/node_modules)
//   and SIGNING_JWK (the private RS256 JWK with its kid; generated here when absent).
// The packages live outside this folder, so they are imported by absolute path.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const modules = process.env.OIDC_NODE_MODULES;
if (!modules) throw new Error('OIDC_NODE_MODULES must point at the node_modules holding oidc-provider');

// The entry point a bare ESM import would reach (the "import"/"default" export, else main)
function entry(name) {
  const dir = join(modules, name);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  let target = pkg.exports?.['.'] ?? pkg.exports;
  while (target && typeof target === 'object') target = target.import ?? target.node ?? target.default;
  return pathToFileURL(join(dir, target ?? pkg.main ?? 'index.js')).href;
}
const { default: Provider } = await import(entry('oidc-provider'));
const jose = await import(entry('jose'));

const port = Number(process.env.PORT);
const issuer = process.env.ISSUER ?? `http://127.0.0.1:${port}`;

async function signingJwk() {
  if (process.env.SIGNING_JWK) return JSON.parse(process.env.SIGNING_JWK);
  const { privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
  return { ...(await jose.exportJWK(privateKey)), kid: randomBytes(8).toString('hex'), alg: 'RS256', use: 'sig' };
}
const jwk = await signingJwk();
const signingKey = await jose.importJWK(jwk, 'RS256');

const users = new Map(); // sub -> {sub, email, email_verified, name, groups}
let fault = null;

// Everything the provider keeps, in one Map without eviction (the package's memory
// adapter is an LRU of 1000 entries, which could drop a client a long test run still uses)
const store = new Map();
class Adapter {
  constructor(model) { this.model = model; }

  key(id) { return `${this.model}:${id}`; }

  async upsert(id, payload, expiresIn) {
    const expires = expiresIn ? Date.now() + expiresIn * 1000 : Infinity;
    store.set(this.key(id), { payload, expires });
    if (payload.grantId) store.set(`grant:${payload.grantId}:${this.key(id)}`, { expires });
    if (payload.uid) store.set(`${this.model}:uid:${payload.uid}`, { id, expires });
    if (payload.userCode) store.set(`${this.model}:userCode:${payload.userCode}`, { id, expires });
  }

  async find(id) {
    const hit = store.get(this.key(id));
    if (!hit) return undefined;
    if (hit.expires < Date.now()) { store.delete(this.key(id)); return undefined; }
    return hit.payload;
  }

  async findByUid(uid) { const ref = store.get(`${this.model}:uid:${uid}`); return ref && this.find(ref.id); }

  async findByUserCode(code) { const ref = store.get(`${this.model}:userCode:${code}`); return ref && this.find(ref.id); }

  async consume(id) { const hit = await this.find(id); if (hit) hit.consumed = Math.floor(Date.now() / 1000); }

  async destroy(id) { store.delete(this.key(id)); }

  async revokeByGrantId(grantId) {
    const prefix = `grant:${grantId}:`;
    for (const key of [...store.keys()].filter((k) => k.startsWith(prefix))) {
      store.delete(key);
      store.delete(key.slice(prefix.length));
    }
  }
}

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (title, body) => `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${escape(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:sans-serif;max-width:24rem;margin:3rem auto;padding:0 1rem}
label,input,button{display:block;font-size:1rem;margin:.4rem 0}input{width:100%;padding:.3rem}
button{padding:.4rem 1rem}.error{color:#a00000}</style></head>
<body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;

const provider = new Provider(issuer, {
  adapter: Adapter,
  jwks: { keys: [jwk] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  claims: {
    openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'],
  },
  scopes: ['openid', 'offline_access', 'email', 'profile', 'groups'],
  // The app reads the roles (groups) from the ID token, not from userinfo
  conformIdTokenClaims: false,
  features: {
    devInteractions: { enabled: false },
    // A test may ask for its own client_id (the app's configuration names one)
    registration: {
      enabled: true,
      idFactory: (ctx) => (typeof ctx.oidc.body?.client_id === 'string' && ctx.oidc.body.client_id)
        || randomBytes(12).toString('hex'),
    },
    rpInitiatedLogout: {
      enabled: true,
      logoutSource: (ctx, form) => { ctx.body = page('Sign out', `${form}<button form="op.logoutForm" name="logout" value="yes">Sign out</button>`); },
      postLogoutSuccessSource: (ctx) => { ctx.body = page('Signed out', '<p>You are signed out.</p>'); },
    },
  },
  async findAccount(ctx, sub) {
    if (!users.has(sub)) return undefined;
    return { accountId: sub, claims: async () => ({ ...users.get(sub), sub }) };
  },
  renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = page('Sign-in error', Object.entries(out).map(([k, v]) => `<p>${escape(k)}: ${escape(v)}</p>`).join(''));
  },
  // Explicit lifetimes (the defaults print a notice each)
  ttl: {
    AccessToken: 3600, AuthorizationCode: 60, ClientCredentials: 600, IdToken: 3600,
    Interaction: 3600, Session: 86400, Grant: 86400, RefreshToken: 86400,
  },
});

async function readForm(req) {
  let raw = '';
  for await (const chunk of req) raw += chunk;
  return new URLSearchParams(raw);
}

async function readJson(req) {
  let raw = '';
  for await (const chunk of req) raw += chunk;
  return raw ? JSON.parse(raw) : {};
}

function loginForm(uid, error = '', login = '') {
  return page('Sign in', `${error ? `<p class="error" role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}">
<label for="login">User</label>
<input id="login" name="login" type="text" autocomplete="username" required value="${escape(login)}">
<button type="submit">Sign in</button></form>`);
}

// The one interaction: sign in, which also grants every scope and claim asked for
async function interaction(ctx) {
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  ctx.type = 'html';
  if (ctx.method === 'GET') { ctx.body = loginForm(details.uid); return; }
  const login = ((await readForm(ctx.req)).get('login') ?? '').trim();
  if (!users.has(login)) {
    ctx.status = 400;
    ctx.body = loginForm(details.uid, `Unknown user: ${login || '(empty)'}`, login);
    return;
  }
  const { params } = details;
  const grant = details.grantId ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId: login, clientId: params.client_id });
  grant.addOIDCScope(params.scope);
  if (params.claims) {
    const requested = JSON.parse(params.claims);
    grant.addOIDCClaims([...Object.keys(requested.id_token ?? {}), ...Object.keys(requested.userinfo ?? {})]);
  }
  const result = { login: { accountId: login }, consent: { grantId: await grant.save() } };
  const to = await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: false });
  ctx.status = 303;
  ctx.redirect(to);
}

async function control(ctx) {
  const body = await readJson(ctx.req);
  const what = ctx.path.slice('/__control/'.length);
  if (what === 'users' && typeof body.sub === 'string' && body.sub) {
    users.set(body.sub, {
      sub: body.sub, email: body.email, email_verified: body.email_verified ?? true,
      name: body.name, groups: body.groups ?? [],
    });
  } else if (what === 'fault' && (body.kind === null || FAULTS[body.kind])) {
    fault = body.kind;
  } else if (what === 'reset') {
    fault = null;
    if (body.users !== false) users.clear();
  } else {
    ctx.status = 400;
    ctx.body = { error: `bad control request ${what}: ${JSON.stringify(body)}` };
    return;
  }
  ctx.body = { ok: true, fault, users: [...users.keys()] };
}

const now = () => Math.floor(Date.now() / 1000);
const FAULTS = {
  wrong_audience: (claims) => ({ ...claims, aud: 'someone-else' }),
  expired: (claims) => ({ ...claims, exp: now() - 600, iat: now() - 1200 }),
  wrong_nonce: (claims) => ({ ...claims, nonce: 'not-the-one-sent' }),
  wrong_issuer: (claims) => ({ ...claims, iss: 'http://evil.example' }),
  other_key: (claims) => claims, // the signature is what changes (see spoil)
};

// Re-sign the ID token with the fault applied: same header (kid included) throughout
async function spoil(idToken, kind) {
  const header = jose.decodeProtectedHeader(idToken);
  const claims = FAULTS[kind](jose.decodeJwt(idToken));
  const key = kind === 'other_key' ? (await jose.generateKeyPair('RS256')).privateKey : signingKey;
  return new jose.SignJWT(claims).setProtectedHeader(header).sign(key);
}

provider.use(async (ctx, next) => {
  if (ctx.path.startsWith('/__control/') && ctx.method === 'POST') {
    // Only the tests on this machine may steer the provider
    if (!['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(ctx.req.socket.remoteAddress)) ctx.throw(403);
    await control(ctx);
    return;
  }
  if (/^\/interaction\/[^/]+$/.test(ctx.path) && ['GET', 'POST'].includes(ctx.method)) {
    await interaction(ctx);
    return;
  }
  await next();
  if (fault && ctx.path === '/token' && ctx.status === 200 && ctx.body?.id_token) {
    ctx.body = { ...ctx.body, id_token: await spoil(ctx.body.id_token, fault) };
  }
});

provider.listen(port, '127.0.0.1', () => console.log(`listening ${issuer}`));
