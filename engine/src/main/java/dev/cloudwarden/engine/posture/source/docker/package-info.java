/**
 * Docker: Dockerfiles ({@link dev.cloudwarden.engine.posture.source.docker.DockerfileSource}) and the daemon's
 * configuration, {@code daemon.json} or the {@code dockerd} command line of a systemd unit
 * ({@link dev.cloudwarden.engine.posture.source.docker.DockerDaemonSource}).
 */
package dev.cloudwarden.engine.posture.source.docker;
