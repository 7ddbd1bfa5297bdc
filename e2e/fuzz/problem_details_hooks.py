"""Schemathesis hooks of the API fuzzing e2e test (e2e/api-fuzzing.e2e-spec.ts), loaded via SCHEMATHESIS_HOOKS."""

import schemathesis


@schemathesis.check
def refusal_is_problem_details(ctx, response, case):
    """Every 4xx/5xx answer is an RFC 9457 problem (application/problem+json with type, title and status)."""
    if response.status_code < 400:
        return None
    content_type = response.headers.get("content-type", [""])
    if isinstance(content_type, list):
        content_type = content_type[0] if content_type else ""
    if not content_type.startswith("application/problem+json"):
        raise AssertionError(f"{response.status_code} answered as {content_type or 'no content type'}, not application/problem+json")
    body = response.json()
    missing = [member for member in ("type", "title", "status") if member not in body]
    if missing or body.get("status") != response.status_code:
        raise AssertionError(f"problem details without {missing or 'a matching status'}: {body}")
    return None
