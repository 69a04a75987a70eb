package io.postflow.pipeline;

import io.postflow.api.ConfigurationException;
import java.net.InetAddress;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * How PostFlow closes the Frame.io review loop (see {@code docs/workflow.md}): each delivered
 * file carries its shot's status in a custom select field; a reviewer who sets that field (to
 * {@code review_approved}, or to a status that sends the shot back to work) changes the shot list,
 * with "reviewer" in the shot's history; reviewers' timecoded comments are relayed to the
 * notifiers with shot, version and SMPTE timecode; {@link PostFlow#reviewLink(int)} creates a
 * share for a scene and posts it.
 *
 * <pre>{@code
 * PostFlow.builder()...
 *     .reviewLoop(ReviewLoop.builder()
 *         .publicUrl(URI.create("https://agent.studio.example/frameio"))  // your tunnel or proxy
 *         .port(8090)                                                      // where it forwards to
 *         .build())
 * }</pre>
 *
 * <p>At {@link PostFlow#start()} PostFlow makes sure the field exists (created once), listens for
 * webhooks on {@link #port()} and registers a workspace webhook for {@code metadata.value.updated},
 * {@code comment.created} and {@code file.ready} posting to {@link #publicUrl()}, replacing one it
 * registered earlier at that address (Frame.io shows a webhook's secret only once, so PostFlow
 * never stores it). {@link PostFlow#close()} deletes that webhook again. Immutable.
 */
public final class ReviewLoop {
  /** The field's default name in Frame.io. */
  public static final String DEFAULT_FIELD_NAME = "PostFlow status";
  /** The name PostFlow gives the webhooks it registers. */
  public static final String WEBHOOK_NAME = "PostFlow review loop";

  private final Optional<URI> publicUrl;
  private final InetAddress bindAddress;
  private final int port;
  private final String fieldName;
  private final boolean relayComments;

  private ReviewLoop(Builder b) {
    this.publicUrl = Optional.ofNullable(b.publicUrl);
    this.bindAddress = b.bindAddress;
    this.port = b.port;
    this.fieldName = b.fieldName;
    this.relayComments = b.relayComments;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Where Frame.io posts the events: a tunnel or reverse proxy in front of {@link #port()}; empty
   * means the receiver's own address (Frame.io on the same machine: the sandbox, a demo).
   */
  public Optional<URI> publicUrl() {
    return publicUrl;
  }

  /** The interface the receiver listens on; default loopback (put a tunnel or proxy in front). */
  public InetAddress bindAddress() {
    return bindAddress;
  }

  /** The receiver's port; 0 (the default) picks a free one. */
  public int port() {
    return port;
  }

  /** The custom field's name; default {@value #DEFAULT_FIELD_NAME}. */
  public String fieldName() {
    return fieldName;
  }

  /** Whether reviewers' comments are relayed to the notifiers; default true. */
  public boolean relayComments() {
    return relayComments;
  }

  @Override
  public String toString() {
    return "ReviewLoop[url=" + publicUrl.map(u -> u.getScheme() + "://" + u.getAuthority() + u.getPath())
        .orElse("(the receiver's)") + ", port=" + port + ", field=" + fieldName + "]";
  }

  /** Builds a {@link ReviewLoop}; not thread-safe. */
  public static final class Builder {
    private URI publicUrl;
    private InetAddress bindAddress = InetAddress.getLoopbackAddress();
    private int port;
    private String fieldName = DEFAULT_FIELD_NAME;
    private boolean relayComments = true;

    private Builder() {}

    /** Where Frame.io posts: {@code https://...} of your tunnel or proxy. */
    public Builder publicUrl(URI publicUrl) {
      this.publicUrl = Objects.requireNonNull(publicUrl, "publicUrl");
      return this;
    }

    /** The interface to listen on; default loopback. */
    public Builder bindAddress(InetAddress bindAddress) {
      this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
      return this;
    }

    /** The port to listen on, 0 to 65535; default 0 (a free one). */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** The custom field's name, 1 to 250 characters; default {@value ReviewLoop#DEFAULT_FIELD_NAME}. */
    public Builder fieldName(String fieldName) {
      this.fieldName = fieldName;
      return this;
    }

    /** Whether comments are relayed; default true. */
    public Builder relayComments(boolean relay) {
      this.relayComments = relay;
      return this;
    }

    /**
     * @throws ConfigurationException naming the setting that is out of range
     */
    public ReviewLoop build() {
      if (port < 0 || port > 65_535) {
        throw new ConfigurationException("reviewLoop port must be 0 to 65535, was " + port);
      }
      if (fieldName == null || fieldName.isBlank() || fieldName.length() > 250) {
        throw new ConfigurationException("reviewLoop fieldName must be 1 to 250 characters, was '" + fieldName + "'");
      }
      if (publicUrl != null && !publicUrl.isAbsolute()
          || publicUrl != null && !("https".equals(publicUrl.getScheme()) || "http".equals(publicUrl.getScheme()))) {
        throw new ConfigurationException("reviewLoop publicUrl must be an absolute http(s) URL, was " + publicUrl);
      }
      if (publicUrl != null && port == 0) {
        throw new ConfigurationException("reviewLoop port is required with a publicUrl: the port your tunnel or"
            + " proxy forwards " + publicUrl.getHost() + " to");
      }
      return new ReviewLoop(this);
    }
  }
}
