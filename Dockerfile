# The morning newsletter: `newsletter schedule` in the foreground, state in /data.
#
#   DOCKER_BUILDKIT=1 docker build -t newsletter .     # BuildKit: the default since Docker 23
#   docker run -d --name newsletter --init -v newsletter-data:/data \
#     -e NEWSLETTER_SMTP__HOST=smtp.example.com ... newsletter
#
# BuildKit is required (for the RUN --mount cache below); its built-in Dockerfile frontend is
# enough, so no `# syntax=` line makes it fetch one from Docker Hub. Podman and Buildah build it
# as it is. docs/operations.md: the environment to set, secrets readable by uid 10001, and
# docs/compose.yaml with the scheduler and the web pages side by side. No secret is baked in.
#
# What goes in is pinned: every dependency is installed from uv.lock (exact versions and
# hashes), the same lock `uv run` uses in development; refresh it with `uv lock`.

# ---- build: the app and its locked dependencies in /venv, so the runtime needs no uv or compiler
FROM python:3.11-slim AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/venv
RUN pip install "uv==0.13.9"
WORKDIR /src
# Only what the package is built from: tests, docs, benches and local data stay out of the image.
COPY pyproject.toml uv.lock README.md ./
COPY newsletter ./newsletter
COPY templates ./templates
# --frozen: install exactly the lock, and fail rather than re-resolve if it is out of date.
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --frozen --no-dev --extra postgres --no-editable
# The bundled templates compiled beside the bytecode, so a new data dir's first send loads them
# (newsletter/template_code.py), and premailer's reading of their stylesheet
# (newsletter/css_shipped.py). -I: the installed package, not /src's.
RUN /venv/bin/python -I -m newsletter.ship_templates

# ---- runtime
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/venv/bin:$PATH \
    NEWSLETTER_DATA_DIR=/data \
    NEWSLETTER_LOG_FORMAT=json
# Same base image and path as the build stage, so the venv's interpreter link stays valid.
COPY --from=build /venv /venv
RUN groupadd --system --gid 10001 newsletter \
    && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
       --shell /usr/sbin/nologin newsletter \
    && mkdir -p /data \
    && chown 10001:10001 /data
# Numeric, so that Kubernetes' runAsNonRoot can check it without reading /etc/passwd.
# Secrets mounted into the container must be readable by this uid (docs/operations.md).
USER 10001:10001
WORKDIR /data
VOLUME ["/data"]
# `newsletter serve --host 0.0.0.0 --port 8000`: unsubscribe, preferences, archive.
EXPOSE 8000
# Fresh heartbeat (written every 30 s by the scheduler) and a database that answers. Read-only:
# on an empty volume it reports "no database" instead of creating one. The web container
# replaces it with a probe of /healthz (docs/compose.yaml).
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["newsletter", "health"]
# The scheduler handles SIGTERM itself (finishes in-flight messages, records them, exits 0) and
# starts no child processes, so it is safe as PID 1; `docker run --init` (tini) does no harm.
# Give it time to drain: `docker stop -t 60` / `stop_grace_period: 60s`.
STOPSIGNAL SIGTERM
CMD ["newsletter", "schedule"]
