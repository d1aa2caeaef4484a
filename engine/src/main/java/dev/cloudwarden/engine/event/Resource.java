package dev.cloudwarden.engine.event;

/** A resource the event touched: its type ({@code AWS::S3::Bucket}, {@code pods}) and id or name (ARN where known). */
public record Resource(String type, String id) {
}
