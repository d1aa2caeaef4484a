FROM debian:12
RUN curl -fsSLk https://downloads.example.com/agent.bin -o /usr/local/bin/agent
USER nobody
