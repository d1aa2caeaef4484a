# syntax=docker/dockerfile:1.7
#checkov:skip=CKV_DOCKER_2:health is checked by the orchestrator
ARG GO_VERSION=1.22
FROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-alpine AS build
WORKDIR /src
RUN --mount=type=cache,target=/go/pkg/mod \
    go mod download
COPY <<EOF /etc/motd
built by ci
EOF
RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app

FROM alpine:latest
RUN apk add --no-cache curl && \
    curl -fsSL https://get.example.com/install.sh | sh
COPY --from=build /out/app /usr/local/bin/app
ENV APP_ENV=prod DB_PASSWORD="hunter2"
LABEL maintainer="ops@example.com"
EXPOSE 8080 22/tcp
USER root
HEALTHCHECK --interval=30s CMD ["wget", "-q", "-O-", "http://localhost:8080/health"]
ENTRYPOINT ["/usr/local/bin/app"]
CMD --serve
