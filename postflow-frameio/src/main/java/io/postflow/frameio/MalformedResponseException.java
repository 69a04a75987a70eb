package io.postflow.frameio;

import io.postflow.api.PostFlowException;

/** Frame.io answered 2xx with a body the client cannot use (a required field is missing). */
final class MalformedResponseException extends PostFlowException {
  private static final long serialVersionUID = 1L;

  MalformedResponseException(String message) {
    super("unexpected Frame.io answer: " + message);
  }
}
