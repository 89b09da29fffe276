package vn.canhbao.stream;

/** The hazard job could not be submitted, run or stopped. The cause says why. */
public final class HazardJobException extends RuntimeException {
    public HazardJobException(String message, Throwable cause) {
        super(message, cause);
    }
}
