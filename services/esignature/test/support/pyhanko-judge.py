"""pyHanko as an independent judge of signed PDFs (esignature's agreement test and benchmark).

Usage:
  python pyhanko-judge.py judge ROOT.der[,ROOT.der...] CRL.der[,CRL.der...] FILE.pdf...   one JSON line per file
  python pyhanko-judge.py bench ROOT.der[,ROOT.der...] CRL.der[,CRL.der...] FILE.pdf SECONDS   validations per second

Trust: the ROOTs (e.g. a signer's CA and a TSA's root) are the only trust anchors, the CRLs are the only revocation data (no fetching), revocation is
checked with hard-fail (a missing CRL fails the path), and difference analysis runs with pyHanko's default
policy.
"""

import json
import sys
import time

from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature, validate_pdf_timestamp
from pyhanko_certvalidator import ValidationContext
from asn1crypto import x509


def context(root_paths, crl_paths):
    roots = []
    for path in root_paths.split(","):
        with open(path, "rb") as f:
            roots.append(x509.Certificate.load(f.read()))
    crls = []
    for path in crl_paths.split(","):
        if path:
            with open(path, "rb") as f:
                crls.append(f.read())
    return ValidationContext(
        trust_roots=roots, crls=crls, allow_fetching=False, revocation_mode="hard-fail"
    )


def name(value):
    return None if value is None else getattr(value, "name", str(value))


def judge_signature(sig, vc):
    kind = "DOCUMENT_TIMESTAMP" if sig.sig_object_type == "/DocTimeStamp" else "SIGNATURE"
    out = {"field": sig.field_name, "kind": kind}
    try:
        if kind == "DOCUMENT_TIMESTAMP":
            status = validate_pdf_timestamp(sig, validation_context=vc)
        else:
            status = validate_pdf_signature(sig, vc)
        out.update(
            intact=bool(status.intact),
            valid=bool(status.valid),
            trusted=bool(status.trusted),
            coverage=name(status.coverage),
            docmdp_ok=status.docmdp_ok,
            modification_level=name(status.modification_level),
            bottom_line=bool(getattr(status, "bottom_line", status.valid and status.intact)),
        )
        # The signature-time-stamp token (PAdES B-T), validated by pyHanko against the same anchors.
        ts = getattr(status, "timestamp_validity", None)
        if ts is not None:
            out["timestamp"] = dict(
                intact=bool(ts.intact),
                valid=bool(ts.valid),
                trusted=bool(ts.trusted),
                time=ts.timestamp.isoformat(),
            )
    except Exception as error:  # a signature pyHanko cannot evaluate at all
        out["error"] = f"{type(error).__name__}: {error}"
    return out


def judge(path, vc):
    try:
        with open(path, "rb") as f:
            reader = PdfFileReader(f)
            signatures = [judge_signature(sig, vc) for sig in reader.embedded_signatures]
        return {"file": path, "signatures": signatures}
    except Exception as error:
        return {"file": path, "error": f"{type(error).__name__}: {error}"}


def bench(path, vc_factory, seconds):
    count = 0
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        with open(path, "rb") as f:
            reader = PdfFileReader(f)
            status = validate_pdf_signature(reader.embedded_signatures[0], vc_factory())
            if not status.bottom_line:
                raise SystemExit("pyHanko: the benchmark signature does not validate")
        count += 1
    return count / (time.perf_counter() - started)


def main():
    mode, root, crls = sys.argv[1:4]
    if mode == "judge":
        vc = context(root, crls)
        for path in sys.argv[4:]:
            print(json.dumps(judge(path, vc)), flush=True)
    elif mode == "bench":
        path, seconds = sys.argv[4], float(sys.argv[5])
        # A fresh context per document, as a per-request validator would have (no cached path results).
        print(json.dumps({"rate": bench(path, lambda: context(root, crls), seconds)}))
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
