package io.postflow.examples.demo;

/** The demo will not run as asked (a real project not confirmed, no credentials for it): exit status 2. */
final class DemoRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  DemoRefusedException(String message) {
    super(message);
  }
}
