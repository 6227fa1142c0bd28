"""Optional error reporting to Sentry (or a service speaking its protocol), for production.

Imported by the production settings, which call `init_sentry` only when SENTRY_DSN is set: the
SDK is imported here, inside the function, so a deployment without a DSN never loads it.
Nothing personal leaves: no user, cookies or headers (`send_default_pii=False`), no request
bodies (applications hold names, addresses and figures) and no local variables of the frames.
"""


def init_sentry(*, dsn: str, release: str, environment: str, traces_sample_rate: float) -> None:
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
        release=release or None,
        environment=environment,
        traces_sample_rate=traces_sample_rate,
    )
