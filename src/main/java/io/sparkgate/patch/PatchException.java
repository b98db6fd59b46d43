package io.sparkgate.patch;

/** A patch or an apply configuration that cannot be applied; the message is the user's to read. */
public final class PatchException extends Exception {
  private static final long serialVersionUID = 1L;

  public PatchException(String message) {
    super(message, null, false, false);
  }
}
