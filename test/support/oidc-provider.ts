import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

/** The user the provider signs in without asking (the test is about the flow, not a login form). */
export interface ProviderUser {
  sub: string;
  role: string;
}

export interface OidcProvider {
  issuer: string;
  jwksUrl: string;
  /** The one redirect URI the client may use (set once the console's address is known). */
  allowRedirect(uri: string): void;
  /** Access tokens issued so far, and token requests refused (wrong verifier, code, client or redirect). */
  issued: string[];
  refused: string[];
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });

/**
 * A tiny OpenID provider on a loopback port, enough for the authorization code flow with PKCE of a public client:
 * discovery, JWKS (ES256), /authorize that redirects back at once with a code, /token that checks the code, client,
 * redirect URI and S256 verifier before it signs an access token with `role`, `iss` and `aud` as the API expects.
 */
export async function startOidcProvider(options: {
  clientId: string;
  audience: string;
  user: ProviderUser;
}): Promise<OidcProvider> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key-1', alg: 'ES256', use: 'sig' };
  const codes = new Map<string, { challenge: string; redirectUri: string }>();
  const issued: string[] = [];
  const refused: string[] = [];
  let allowedRedirect = '';
  let issuer = '';

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', issuer);
      // The console (another origin) fetches discovery and the token endpoint from the page.
      res.setHeader('access-control-allow-origin', '*');
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(JSON.stringify(body));
      };
      if (url.pathname === '/.well-known/openid-configuration') {
        return json(200, {
          issuer,
          authorization_endpoint: `${issuer}/authorize`,
          token_endpoint: `${issuer}/token`,
          jwks_uri: `${issuer}/jwks`,
          response_types_supported: ['code'],
          code_challenge_methods_supported: ['S256'],
        });
      }
      if (url.pathname === '/jwks') return json(200, { keys: [jwk] });
      if (url.pathname === '/authorize') {
        const q = url.searchParams;
        const redirectUri = q.get('redirect_uri') ?? '';
        if (
          q.get('response_type') !== 'code' ||
          q.get('client_id') !== options.clientId ||
          redirectUri !== allowedRedirect ||
          q.get('code_challenge_method') !== 'S256' ||
          !q.get('code_challenge')
        ) {
          return json(400, { error: 'invalid_request' });
        }
        const code = randomBytes(16).toString('hex');
        codes.set(code, { challenge: q.get('code_challenge')!, redirectUri });
        const back = new URL(redirectUri);
        back.search = new URLSearchParams({ code, state: q.get('state') ?? '' }).toString();
        res.writeHead(302, { location: back.toString() });
        return res.end();
      }
      if (url.pathname === '/token' && req.method === 'POST') {
        const form = new URLSearchParams(await readBody(req));
        const code = form.get('code') ?? '';
        const pending = codes.get(code);
        codes.delete(code); // a code is good once
        const verifier = form.get('code_verifier') ?? '';
        const challenge = createHash('sha256').update(verifier).digest('base64url');
        const problem = !pending
          ? 'unknown code'
          : form.get('grant_type') !== 'authorization_code'
            ? 'grant_type'
            : form.get('client_id') !== options.clientId
              ? 'client_id'
              : form.get('redirect_uri') !== pending.redirectUri
                ? 'redirect_uri'
                : challenge !== pending.challenge
                  ? 'code_verifier'
                  : null;
        if (problem) {
          refused.push(problem);
          return json(400, { error: 'invalid_grant', error_description: problem });
        }
        const accessToken = await new SignJWT({ role: options.user.role })
          .setProtectedHeader({ alg: 'ES256', kid: jwk.kid })
          .setSubject(options.user.sub)
          .setIssuer(issuer)
          .setAudience(options.audience)
          .setIssuedAt()
          .setExpirationTime('5m')
          .sign(privateKey);
        issued.push(accessToken);
        return json(200, { access_token: accessToken, token_type: 'Bearer', expires_in: 300 });
      }
      json(404, { error: 'not_found' });
    })().catch(() => {
      res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    allowRedirect: (uri) => (allowedRedirect = uri),
    issued,
    refused,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
