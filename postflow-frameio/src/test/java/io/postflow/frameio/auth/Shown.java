package io.postflow.frameio.auth;

import io.postflow.api.AuthenticationException;
import io.postflow.api.ServiceException;
import java.util.ArrayList;
import java.util.List;

/** What a user, a log line or a support ticket could show of an exception. Public for other packages' tests. */
public final class Shown {
  private Shown() {}

  /** {@code toString()}, message, service errors and remedy of the exception, its causes and suppressed ones. */
  public static List<String> texts(Throwable failure) {
    List<String> texts = new ArrayList<>();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      texts.add(t.toString());
      texts.add(String.valueOf(t.getMessage()));
      if (t instanceof ServiceException service) {
        texts.add(service.errors().toString());
      }
      if (t instanceof AuthenticationException auth) {
        texts.add(String.valueOf(auth.remedy()));
      }
      for (Throwable suppressed : t.getSuppressed()) {
        texts.addAll(texts(suppressed));
      }
    }
    return texts;
  }
}
