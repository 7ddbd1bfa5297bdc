// RFC 5280 §6.1 path processing beyond key usage and basic constraints: unrecognised critical extensions,
// name constraints (§4.2.1.10) and certificate policies (§4.2.1.4, policy constraints §4.2.1.11).
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { Certificate } from './certificates';

/** Extensions this verifier processes or may safely ignore (RFC 5280 §4.2, RFC 6960, RFC 3739). */
const RECOGNISED = new Set([
  '2.5.29.14', // subjectKeyIdentifier
  '2.5.29.15', // keyUsage
  '2.5.29.17', // subjectAltName
  '2.5.29.18', // issuerAltName
  '2.5.29.19', // basicConstraints
  '2.5.29.30', // nameConstraints
  '2.5.29.31', // cRLDistributionPoints
  '2.5.29.32', // certificatePolicies
  '2.5.29.35', // authorityKeyIdentifier
  '2.5.29.36', // policyConstraints
  '2.5.29.37', // extKeyUsage
  '2.5.29.46', // freshestCRL
  '2.5.29.54', // inhibitAnyPolicy
  '1.3.6.1.5.5.7.1.1', // authorityInfoAccess
  '1.3.6.1.5.5.7.1.3', // qcStatements
  '1.3.6.1.5.5.7.48.1.5', // id-pkix-ocsp-nocheck
]);
const ANY_POLICY = '2.5.29.32.0';

const label = (certificate: Certificate) => certificate.commonName ?? certificate.subject;

/** Path problems, signer first and anchor last in `path`; the anchor's own extensions are not processed (§6.1). */
export function pathConstraintProblems(path: Certificate[]): string[] {
  const problems: string[] = [];
  const below = path.slice(0, -1);
  for (const certificate of below) {
    for (const extension of certificate.parsed.extensions ?? [])
      if (extension.critical && !RECOGNISED.has(extension.extnID))
        problems.push(`${label(certificate)} has an unrecognised critical extension ${extension.extnID}`);
  }
  problems.push(...nameConstraintProblems(path), ...policyProblems(below));
  return problems;
}

type Rdn = string[];

/** The subject as a list of RDNs ("type=value" sets), compared after RFC 5280 §7.1 style case folding. */
function rdnsOf(name: pkijs.RelativeDistinguishedNames): Rdn[] {
  return name.typesAndValues.map((tv) => [
    `${tv.type}=${String(tv.value.valueBlock.value).trim().replace(/\s+/g, ' ').toLowerCase()}`,
  ]);
}

const within = (name: Rdn[], subtree: Rdn[]) =>
  subtree.length <= name.length && subtree.every((rdn, i) => rdn.join('+') === name[i].join('+'));

const dnsWithin = (name: string, base: string) => {
  const n = name.toLowerCase();
  const b = base.toLowerCase().replace(/^\./, '');
  return n === b || n.endsWith(`.${b}`);
};

const mailWithin = (mail: string, base: string) => {
  const m = mail.toLowerCase();
  const b = base.toLowerCase();
  if (b.includes('@')) return m === b;
  const host = m.slice(m.lastIndexOf('@') + 1);
  return b.startsWith('.') ? host.endsWith(b) : host === b;
};

interface Names {
  dn: Rdn[];
  dns: string[];
  mail: string[];
}

function namesOf(certificate: Certificate): Names {
  const names: Names = { dn: rdnsOf(certificate.parsed.subject), dns: [], mail: [] };
  const san = certificate.parsed.extensions?.find((e) => e.extnID === '2.5.29.17')?.parsedValue;
  if (san instanceof pkijs.AltName)
    for (const general of san.altNames) {
      if (general.type === 1) names.mail.push(String(general.value));
      else if (general.type === 2) names.dns.push(String(general.value));
    }
  // An emailAddress attribute in the subject is an rfc822Name too (§4.2.1.10).
  for (const tv of certificate.parsed.subject.typesAndValues)
    if (tv.type === '1.2.840.113549.1.9.1') names.mail.push(String(tv.value.valueBlock.value));
  return names;
}

/** Whether a name falls in one general subtree; undefined for a name form this verifier does not process. */
function inSubtree(names: Names, subtree: pkijs.GeneralSubtree): boolean | undefined {
  const base = subtree.base;
  switch (base.type) {
    case 4:
      return within(names.dn, rdnsOf(base.value as pkijs.RelativeDistinguishedNames));
    case 2:
      return names.dns.some((dns) => dnsWithin(dns, String(base.value)));
    case 1:
      return names.mail.some((mail) => mailWithin(mail, String(base.value)));
    default:
      return undefined;
  }
}

function nameConstraintProblems(path: Certificate[]): string[] {
  const problems: string[] = [];
  // From the anchor down: a CA's constraints bind every certificate issued below it.
  for (let i = path.length - 1; i >= 1; i -= 1) {
    const ca = path[i];
    const extension = ca.parsed.extensions?.find((e) => e.extnID === '2.5.29.30');
    if (!extension) continue;
    const constraints = extension.parsedValue as pkijs.NameConstraints | undefined;
    if (!(constraints instanceof pkijs.NameConstraints)) {
      problems.push(`${label(ca)} has unreadable name constraints`);
      continue;
    }
    for (let j = i - 1; j >= 0; j -= 1) {
      const subject = path[j];
      // Self-issued intermediates are exempt (§6.1.3 (b)); the end-entity never is.
      if (j > 0 && subject.selfIssued) continue;
      const names = namesOf(subject);
      const forms = (trees: pkijs.GeneralSubtree[] | undefined) =>
        new Set((trees ?? []).map((t) => t.base.type));
      for (const tree of constraints.excludedSubtrees ?? []) {
        const hit = inSubtree(names, tree);
        if (hit === undefined)
          problems.push(`${label(ca)} excludes a name form (${tree.base.type}) this verifier cannot check`);
        else if (hit) problems.push(`${label(subject)} is in a subtree ${label(ca)} excludes`);
      }
      const permitted = constraints.permittedSubtrees ?? [];
      for (const form of forms(permitted)) {
        const trees = permitted.filter((t) => t.base.type === form);
        const present =
          form === 4 ? names.dn.length > 0 : form === 2 ? names.dns.length > 0 : names.mail.length > 0;
        if (![1, 2, 4].includes(form)) {
          problems.push(`${label(ca)} permits a name form (${form}) this verifier cannot check`);
          continue;
        }
        if (present && !trees.some((tree) => inSubtree(names, tree)))
          problems.push(`${label(subject)} is outside the subtrees ${label(ca)} permits`);
      }
    }
  }
  return problems;
}

/** The policy OIDs of a certificate, or undefined without a certificatePolicies extension. */
function policiesOf(certificate: Certificate): Set<string> | undefined {
  const extension = certificate.parsed.extensions?.find((e) => e.extnID === '2.5.29.32');
  if (!extension) return undefined;
  const value = extension.parsedValue as pkijs.CertificatePolicies | undefined;
  return new Set((value?.certificatePolicies ?? []).map((policy) => policy.policyIdentifier));
}

/**
 * §6.1 policy processing without policy mappings: the valid policies are the intersection down the path
 * (anyPolicy matching everything unless inhibited); when a requireExplicitPolicy of a CA comes into force,
 * the set must not be empty. A path using policy mappings is refused (not processed here).
 */
function policyProblems(below: Certificate[]): string[] {
  const topDown = [...below].reverse(); // first CA under the anchor ... signer
  let valid = 'any' as Set<string> | 'any';
  let explicitAt: number | undefined;
  let inhibitAnyAt: number | undefined;
  const problems: string[] = [];
  topDown.forEach((certificate, index) => {
    const extensions = certificate.parsed.extensions ?? [];
    if (extensions.some((e) => e.extnID === '2.5.29.33'))
      problems.push(`${label(certificate)} maps policies, which this verifier does not process`);
    const anyAllowed = inhibitAnyAt === undefined || index < inhibitAnyAt;
    const policies = policiesOf(certificate);
    if (!policies) valid = new Set();
    else {
      const own = new Set([...policies].filter((p) => p !== ANY_POLICY || anyAllowed));
      const ownAny = own.has(ANY_POLICY);
      if (valid === 'any') valid = ownAny ? 'any' : own;
      else if (!ownAny) valid = new Set([...valid].filter((p) => own.has(p)));
    }
    const constraints = extensions.find((e) => e.extnID === '2.5.29.36');
    if (constraints) {
      const parsed = constraints.parsedValue as pkijs.PolicyConstraints | undefined;
      const skip = parsed?.requireExplicitPolicy;
      if (typeof skip === 'number') explicitAt = Math.min(explicitAt ?? Infinity, index + 1 + skip);
    }
    const inhibit = extensions.find((e) => e.extnID === '2.5.29.54');
    if (inhibit) {
      const skip = (inhibit.parsedValue as asn1js.Integer | undefined)?.valueBlock.valueDec;
      if (typeof skip === 'number') inhibitAnyAt = Math.min(inhibitAnyAt ?? Infinity, index + 1 + skip);
    }
  });
  if (explicitAt !== undefined && explicitAt <= topDown.length && valid !== 'any' && valid.size === 0)
    problems.push('no certificate policy is valid for the whole path, and a CA requires an explicit policy');
  return problems;
}
