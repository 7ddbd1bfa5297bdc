// A minimal DER reader: enough to lift the certificates and CRLs out of a SignedData before the rest is
// handed to pkijs (whose generic schema parsing is the costly part of reading a signature).

interface Tlv {
  tag: number;
  /** Offsets of the whole element and of its contents. */
  start: number;
  contentStart: number;
  end: number;
}

function readTlv(bytes: Uint8Array, at: number, limit: number): Tlv | undefined {
  if (at + 2 > limit) return undefined;
  const tag = bytes[at];
  if ((tag & 0x1f) === 0x1f) return undefined; // multi-byte tags do not occur here
  let length = bytes[at + 1];
  let contentStart = at + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4 || contentStart + count > limit) return undefined; // indefinite or absurd
    length = 0;
    for (let i = 0; i < count; i += 1) length = length * 256 + bytes[contentStart + i];
    contentStart += count;
  }
  const end = contentStart + length;
  return end <= limit ? { tag, start: at, contentStart, end } : undefined;
}

function children(bytes: Uint8Array, parent: Tlv): Tlv[] | undefined {
  const items: Tlv[] = [];
  for (let at = parent.contentStart; at < parent.end;) {
    const item = readTlv(bytes, at, parent.end);
    if (!item) return undefined;
    items.push(item);
    at = item.end;
  }
  return items;
}

const SIGNED_DATA_OID = Buffer.from('06092a864886f70d010702', 'hex');

export interface SplitSignedData {
  /** EncapsulatedContentInfo and each SignerInfo, as DER. */
  encapContentInfo: Uint8Array;
  signerInfos: Uint8Array[];
  certificates: Uint8Array[];
  crls: Uint8Array[];
}

/**
 * Splits ContentInfo(SignedData) DER into its parts, so that only the small ones go through pkijs and the
 * certificates and CRLs through the cache. Undefined when the input is not plain DER of that shape (BER
 * indefinite lengths, another content type): the caller then parses it whole.
 */
export function splitSignedData(der: Uint8Array): SplitSignedData | undefined {
  const contentInfo = readTlv(der, 0, der.length);
  if (!contentInfo || contentInfo.tag !== 0x30) return undefined;
  const [oid, explicit] = children(der, contentInfo) ?? [];
  if (!oid || !explicit || explicit.tag !== 0xa0) return undefined;
  if (!Buffer.from(der.subarray(oid.start, oid.end)).equals(SIGNED_DATA_OID)) return undefined;
  const [signedData] = children(der, explicit) ?? [];
  if (!signedData || signedData.tag !== 0x30) return undefined;
  const items = children(der, signedData);
  if (!items || items.length < 4 || items[0].tag !== 0x02 || items[1].tag !== 0x31 || items[2].tag !== 0x30)
    return undefined;
  const certificates: Uint8Array[] = [];
  const crls: Uint8Array[] = [];
  let signerInfos: Uint8Array[] | undefined;
  for (const item of items.slice(3)) {
    if (item.tag === 0xa0 || item.tag === 0xa1) {
      const list = children(der, item);
      if (!list) return undefined;
      for (const child of list)
        if (child.tag === 0x30)
          (item.tag === 0xa0 ? certificates : crls).push(der.subarray(child.start, child.end));
    } else if (item.tag === 0x31 && !signerInfos) {
      signerInfos = children(der, item)?.map((child) => der.subarray(child.start, child.end));
      if (!signerInfos) return undefined;
    } else return undefined;
  }
  if (!signerInfos) return undefined;
  return { encapContentInfo: der.subarray(items[2].start, items[2].end), signerInfos, certificates, crls };
}
