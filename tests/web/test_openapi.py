"""The API checked against its own OpenAPI document by schemathesis: generated requests
for every operation, no server errors, and answers that match what the document says."""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from khaldun.web.app import Settings, create_app  # noqa: E402

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture(scope="module")
def api_app(web_db):
    return create_app(Settings(db=web_db["path"]))


def test_api_conforms_to_its_openapi(api_app):
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", api_app)
    failures, tested = [], []
    for result in schema.get_all_operations():
        operation = result.ok()
        tested.append(operation.label)

        @given(case=operation.as_strategy())
        @settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
        def run(case) -> None:
            case.call_and_validate(checks=CHECKS)

        try:
            run()
        except (
            Exception,
            BaseExceptionGroup,
        ) as exc:  # gather every operation's failure, then report them all
            failures.append(f"{operation.label}: {exc}")
    assert len(tested) >= 15, tested
    assert not failures, "\n\n".join(failures)
