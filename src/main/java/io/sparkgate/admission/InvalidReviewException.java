package io.sparkgate.admission;

/** The client sent something that is not a usable AdmissionReview; answered with a 4xx. */
public final class InvalidReviewException extends Exception {
  private static final long serialVersionUID = 1L;
  private final int status;

  public InvalidReviewException(int status, String reason) {
    super(reason);
    this.status = status;
  }

  public InvalidReviewException(String reason) {
    this(400, reason);
  }

  public int status() {
    return status;
  }
}
