FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends openssh-server
EXPOSE 8080 22/tcp
USER nobody
HEALTHCHECK CMD true
CMD ["/usr/sbin/sshd", "-D"]
