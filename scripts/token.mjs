#!/usr/bin/env node
// `npm run token -- --role clerk --agency 000.00.12.H49 [--sub name] [--hours 12] [--aud motcua] [--citizen 001203004567]`:
// prints a development token, alone on stdout (a citizen_portal token needs --citizen, the ID number it speaks for).
// Signed with the key infra/local generated (.local/jwt); the local services accept it. Never for production.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { importPKCS8, SignJWT } from 'jose';
import { root } from './lib/infra.mjs';

const ROLES = ['clerk', 'officer', 'citizen_portal', 'auditor', 'admin'];
const AGENCY = /^(\*|\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})$/;

function fail(message) {
  console.error(
    `token: ${message}\nusage: npm run token -- --role <${ROLES.join('|')}>[,role...] --agency <code|*> [--sub name] [--hours N] [--aud audience] [--citizen idNumber]`,
  );
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    agency: { type: 'string' },
    sub: { type: 'string' },
    hours: { type: 'string', default: '12' },
    aud: { type: 'string', default: 'motcua' },
    citizen: { type: 'string' },
  },
});
const roles = (values.role ?? '').split(',').filter(Boolean);
if (roles.length === 0 || !roles.every((r) => ROLES.includes(r)))
  fail('--role must be one or more of the roles');
if (!values.agency || !AGENCY.test(values.agency))
  fail('--agency must be an agency code like 000.00.12.H49, or *');
const hours = Number(values.hours);
if (!(hours > 0 && hours <= 24 * 30)) fail('--hours must be between 0 and 720');
if (values.citizen !== undefined && !/^[0-9]{12}$/.test(values.citizen))
  fail('--citizen must be a 12-digit personal ID number');
if (roles.includes('citizen_portal') && values.citizen === undefined)
  fail('a citizen_portal token names its citizen: add --citizen <12-digit ID number>');

const envFile = join(root, '.local/infra.env');
let env;
try {
  env = Object.fromEntries(
    readFileSync(envFile, 'utf8')
      .split('\n')
      .map((line) => /^([A-Z0-9_]+)=(.*)$/.exec(line.trim()))
      .filter(Boolean)
      .map((m) => [m[1], m[2]]),
  );
} catch {
  fail(
    `${envFile} is missing: run npm start (or npm run infra:up) once first; it generates the development keys`,
  );
}
const keyPath = env.JWT_PRIVATE_KEY_FILE.startsWith('/')
  ? env.JWT_PRIVATE_KEY_FILE
  : join(root, env.JWT_PRIVATE_KEY_FILE);
const key = await importPKCS8(readFileSync(keyPath, 'utf8'), 'ES256');
const claims = { roles, agency: values.agency, ...(values.citizen ? { citizen_id: values.citizen } : {}) };
const token = await new SignJWT(claims)
  .setProtectedHeader({ alg: 'ES256', typ: 'JWT' })
  .setSubject(values.sub ?? `dev-${roles[0]}`)
  .setIssuer(env.JWT_ISSUER)
  .setAudience(values.aud)
  .setIssuedAt()
  .setExpirationTime(`${hours}h`)
  .sign(key);
process.stdout.write(`${token}\n`);
