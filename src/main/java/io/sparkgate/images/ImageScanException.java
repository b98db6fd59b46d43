package io.sparkgate.images;

/** A scan record or report that cannot be read; the message names the field. */
public final class ImageScanException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String pointer;

  public ImageScanException(String pointer, String message) {
    super(message);
    this.pointer = pointer;
  }

  /** The JSON pointer of the field at fault ({@code ""} for the whole document). */
  public String pointer() {
    return pointer;
  }
}
