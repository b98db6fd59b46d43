package io.sparkgate.reliability;

/**
 * One hostile request: its family (for the counts), a name, the exact bytes to send, and what a
 * correct answer is. {@code expectedStatus} 0 means "a clear 4xx or an AdmissionReview for the
 * uid"; otherwise exactly that status (with a JSON reason unless {@code bodyless}).
 * {@code closeAccepted}: a request whose HTTP framing breaks mid-body may instead see its
 * connection closed (Vert.x closes it before any handler can answer; there is no 5xx).
 */
record HostileCase(String family, String name, byte[] raw, int expectedStatus, boolean bodyless,
    boolean closeAccepted) {
  static final String UID = "hostile-uid";

  static HostileCase anyClearAnswer(String family, String name, byte[] raw) {
    return new HostileCase(family, name, raw, 0, false, false);
  }

  static HostileCase status(String family, String name, byte[] raw, int status) {
    return new HostileCase(family, name, raw, status, false, false);
  }

  /** Why {@code answer} is not acceptable for this case, or null when it is. */
  String problemWith(RawAnswer answer) {
    if (answer.status() == 0 && closeAccepted && "closed without an answer".equals(answer.failure())) {
      return null;
    }
    if (answer.status() == 0) {
      return "no answer: " + answer.failure();
    }
    if (answer.isServerError()) {
      return "server error " + answer;
    }
    if (expectedStatus != 0) {
      if (answer.status() != expectedStatus) {
        return "expected " + expectedStatus + ", got " + answer;
      }
      if (expectedStatus == 200) {
        return answer.isAdmissionReviewFor(UID) ? null : "not an AdmissionReview for " + UID + ": " + answer;
      }
      return bodyless || answer.isClearClientError() ? null : "4xx without a JSON reason: " + answer;
    }
    if (answer.isClearClientError() || answer.isAdmissionReviewFor(UID)) {
      return null;
    }
    return "neither a clear 4xx nor an AdmissionReview for " + UID + ": " + answer;
  }

  @Override
  public String toString() {
    return family + "/" + name;
  }
}
