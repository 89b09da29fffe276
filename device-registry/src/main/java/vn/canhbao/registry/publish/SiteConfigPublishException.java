package vn.canhbao.registry.publish;

/**
 * Kafka did not acknowledge a site configuration in time. Retriable: the outbox keeps the change.
 */
public class SiteConfigPublishException extends RuntimeException {
    public SiteConfigPublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
