# syntax=docker/dockerfile:1
# The morning newsletter: `newsletter schedule` in the foreground, state in /data.
#
#   docker build -t newsletter .
#   docker run -d --name newsletter --init -v newsletter-data:/data \
#     -e NEWSLETTER_SMTP__HOST=smtp.example.com ... newsletter
#
# See docs/operations.md for the environment an operator must set. No secret is baked in:
# they come from the environment or from mounted files (NEWSLETTER_SMTP__PASSWORD_FILE,
# NEWSLETTER_SECRET_KEY_FILE, or a secrets directory via NEWSLETTER_SECRETS_DIR=/run/secrets).

# ---- build: one wheel for the app and each dependency, so the runtime stage needs no compiler
FROM python:3.11-slim AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1
WORKDIR /src
# Only what the package is built from: tests, docs, benches and local data stay out of the image.
COPY pyproject.toml README.md ./
COPY newsletter ./newsletter
COPY templates ./templates
RUN pip wheel --no-cache-dir --wheel-dir /wheels ".[postgres]"

# ---- runtime
FROM python:3.11-slim
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    NEWSLETTER_DATA_DIR=/data \
    NEWSLETTER_LOG_FORMAT=json
# Unpinned on purpose: --no-index limits pip to the wheels built above from this very tree.
# hadolint ignore=DL3013
RUN --mount=type=bind,from=build,source=/wheels,target=/wheels \
    pip install --no-cache-dir --no-index --find-links /wheels "newsletter[postgres]" \
    && groupadd --system --gid 10001 newsletter \
    && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
       --shell /usr/sbin/nologin newsletter \
    && mkdir -p /data \
    && chown 10001:10001 /data
# Numeric, so that Kubernetes' runAsNonRoot can check it without reading /etc/passwd.
USER 10001:10001
WORKDIR /data
VOLUME ["/data"]
# `newsletter serve --host 0.0.0.0 --port 8000`: unsubscribe, preferences, archive.
EXPOSE 8000
# Fresh heartbeat (written every 30 s by the scheduler) and a database that answers.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["newsletter", "health"]
# The scheduler handles SIGTERM itself (finishes in-flight messages, records them, exits 0) and
# starts no child processes, so it is safe as PID 1; `docker run --init` (tini) does no harm.
# Give it time to drain: `docker stop -t 60` / `stop_grace_period: 60s`.
STOPSIGNAL SIGTERM
CMD ["newsletter", "schedule"]
