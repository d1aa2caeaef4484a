FROM debian:12
USER nobody
HEALTHCHECK NONE
CMD ["sleep", "infinity"]
