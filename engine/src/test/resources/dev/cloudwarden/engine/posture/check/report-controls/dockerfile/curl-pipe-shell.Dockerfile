FROM debian:12
RUN apt-get update && apt-get install -y curl \
    && curl -fsSL https://get.example.com/install.sh | sudo -E bash -
USER nobody
