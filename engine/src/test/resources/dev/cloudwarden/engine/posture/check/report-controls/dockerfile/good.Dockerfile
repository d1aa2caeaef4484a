# syntax=docker/dockerfile:1
FROM golang:1.22-alpine AS build
WORKDIR /src
COPY . .
RUN go build -o /out/app ./cmd/app

FROM alpine:3.20
RUN apk update && apk add --no-cache ca-certificates curl
RUN curl -fsSL -o /tmp/install.sh https://get.example.com/install.sh \
    && sha256sum -c /src/install.sh.sha256 && sh /tmp/install.sh
COPY --from=build /out/app /usr/local/bin/app
ENV APP_ENV=prod DB_PASSWORD_FILE=/run/secrets/db_password
ARG API_TOKEN
RUN addgroup -S app && adduser -S app -G app
EXPOSE 8080
USER app
HEALTHCHECK --interval=30s CMD wget -q -O- http://localhost:8080/health || exit 1
ENTRYPOINT ["/usr/local/bin/app"]
