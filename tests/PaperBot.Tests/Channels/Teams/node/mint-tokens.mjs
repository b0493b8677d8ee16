// An independent signer for PaperBot's Teams tests: Node's own crypto (OpenSSL), no npm packages.
// Usage: node mint-tokens.mjs '{"appId":"…","serviceUrl":"…"}'
// Prints {"jwk":{…, "endorsements":["msteams"]}, "tokens":{"valid":…, "wrongAudience":…, …}}.
import { generateKeyPairSync, sign, randomUUID } from 'node:crypto';

const { appId, serviceUrl } = JSON.parse(process.argv[2]);
const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const kid = 'node-' + randomUUID();
const jwk = { ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256', endorsements: ['msteams'] };

const b64url = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const now = Math.floor(Date.now() / 1000);
const claims = (overrides = {}) => ({
  iss: 'https://api.botframework.com', aud: appId, serviceurl: serviceUrl, nbf: now - 60, iat: now - 60, exp: now + 1800, ...overrides,
});
const rs256 = (payload) => {
  const input = `${b64url({ alg: 'RS256', typ: 'JWT', kid })}.${b64url(payload)}`;
  return `${input}.${sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`;
};

const valid = rs256(claims());
const [h, , s] = valid.split('.');
process.stdout.write(JSON.stringify({
  jwk,
  tokens: {
    valid,
    wrongAudience: rs256(claims({ aud: 'someone-else' })),
    expired: rs256(claims({ nbf: now - 3600, iat: now - 3600, exp: now - 600 })),
    serviceUrlMismatch: rs256(claims({ serviceurl: 'https://smba.trafficmanager.net/emea/' })),
    tampered: `${h}.${b64url(claims({ aud: appId, serviceurl: serviceUrl, exp: now + 86400 }))}.${s}`,
  },
}));
